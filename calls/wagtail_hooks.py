from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.desk import DeskItem, DeskLink, DeskPanel, one_per_translation, pages_of_type
from portal.formats import format_datetime
from portal.navigation import remember
from portal.sections import HOME_SECTIONS
from portal.viewsets import SnippetViewSet

from .models import CallIndexPage, CallPage, Funder

HOME_CLOSING_SOON_COUNT = 5


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "site"
    menu_label = _("Funders")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug", "website", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "description"]


register_snippet(FunderViewSet)


@hooks.register(HOME_SECTIONS)
def closing_soon_section(page, request):
    """The home page's "closing soon" block: the next five deadlines of its language."""
    now = timezone.now()
    # The ids come from the calls' own table: filtered on the language alone, SQLite walks
    # every page of the language, tens of thousands of organisation profiles included.
    calls = list(
        CallPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id, pk__in=CallPage.objects.accepting(now).values("pk"))
        .select_related("funder", "locale")
        .defer_streamfields()
        .order_by("deadline", "pk")[:HOME_CLOSING_SOON_COUNT]
    )
    if not calls:
        return None

    def index_url(site):
        index = (
            CallIndexPage.objects.live()
            .filter(locale_id=page.locale_id, pk__in=CallIndexPage.objects.values("pk"))
            .first()
        )
        return index.get_url(request) if index else ""

    return {
        "template": "calls/includes/home_closing_soon.html",
        "order": 20,
        "calls": calls,
        "now": now,
        "index_url": remember(request, f"calls-index-url:{page.locale_id}", index_url),
    }


DESK_CLOSING_WINDOW = timedelta(days=14)


@hooks.register("construct_homepage_panels")
def calls_closing_panel(request, panels):
    """The editors' desk: calls whose deadline is in the next 14 days, soonest first, each
    once whatever its languages."""
    now = timezone.now()
    calls = one_per_translation(
        CallPage.objects.live()
        .accepting(now)
        .filter(deadline__lte=now + DESK_CLOSING_WINDOW)
        .select_related("locale")
        .order_by("deadline", "pk")
    )
    items = [
        DeskItem(
            call.title,
            reverse("wagtailadmin_pages:edit", args=[call.pk]),
            meta=gettext("deadline %(deadline)s") % {"deadline": format_datetime(call.deadline)},
            language=" ".join(languages),
        )
        for call, languages in calls
    ]
    panels.append(
        DeskPanel(
            "calls-closing",
            gettext("Calls closing in the next 14 days"),
            items,
            order=20,
            empty=gettext("No call closes in the next 14 days."),
            links=[DeskLink(gettext("All calls"), pages_of_type("calls.callpage"))],
        )
    )
