from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.sections import HOME_SECTIONS

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
        .order_by("deadline", "pk")[:HOME_CLOSING_SOON_COUNT]
    )
    if not calls:
        return None
    index = (
        CallIndexPage.objects.live()
        .filter(locale_id=page.locale_id, pk__in=CallIndexPage.objects.values("pk"))
        .first()
    )
    return {
        "template": "calls/includes/home_closing_soon.html",
        "order": 20,
        "calls": calls,
        "now": now,
        "index_url": index.get_url(request) if index else "",
    }
