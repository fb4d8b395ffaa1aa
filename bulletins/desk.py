"""The bulletin's panels of the editors' desk (``portal.desk``): what has been published since
the last issue, the state of the next issue, and the translations the week's content still
needs (Estonian calls and events into Russian, and back; sources changed since their
translations were synchronised)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail_localize.models import Translation

from calls.models import CallPage
from directory.taxonomy import WorkingLanguage
from events.models import EventPage
from portal.desk import DeskItem, DeskLink, DeskPanel
from portal.formats import format_datetime, format_period
from portal.translations import is_stale, sync_times

from .assemble_views import can_assemble
from .models import BulletinIndexPage, BulletinPage, Campaign

# The languages every coming call and event should exist in: the network's two working
# languages (the bulletin is written in Russian, most sources in Estonian).
WORKING_LANGUAGES = ("ru", "et")


def _edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def main_archive():
    """The bulletin archive of the default language (the Russian bulletin is the main one)."""
    return (
        BulletinIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .first()
    )


def since_last_bulletin_panel(request, archive):
    plan = archive.next_issue()
    items = [
        DeskItem(
            call.title,
            _edit(call),
            meta=gettext("call, deadline %(deadline)s")
            % {"deadline": format_datetime(call.deadline)},
        )
        for call in plan.calls
    ] + [
        DeskItem(
            event.title,
            _edit(event),
            meta=gettext("event, %(period)s")
            % {"period": format_period(event.starts_at, event.ends_at)},
        )
        for event in plan.events
    ]
    assemble = (
        DeskLink(
            gettext("Assemble the next issue"), reverse("bulletins_assemble", args=[archive.pk])
        )
        if can_assemble(request.user, archive)
        else None
    )
    return DeskPanel(
        "since-last-bulletin",
        gettext("Calls and events published since %(date)s")
        % {"date": date_format(plan.since, "DATE_FORMAT")},
        items,
        order=10,
        empty=gettext("Nothing new in %(language)s since the last issue.")
        % {"language": archive.locale.get_display_name()},
        links=[assemble],
    )


def next_bulletin_panel(request, archive):
    newest = (
        BulletinPage.objects.child_of(archive)
        .defer_streamfields()
        .order_by("-issue_number", "-pk")
        .first()
    )
    items, links = [], []
    if newest is None:
        note = gettext("No issue has been made yet.")
    elif newest.first_published_at is None:
        note = gettext("The next issue is a draft: finish it, publish it, then send it.")
        items.append(
            DeskItem(
                newest.get_admin_display_title(),
                _edit(newest),
                meta=gettext("draft, last edited %(date)s")
                % {"date": format_datetime(newest.latest_revision_created_at)},
            )
        )
    else:
        campaign = (
            Campaign.objects.filter(page__translation_key=newest.translation_key)
            .order_by("-created_at")
            .first()
        )
        items.append(_issue_item(newest, campaign))
        if campaign is None:
            note = gettext("The newest issue is published but has not been sent.")
            links.append(DeskLink(gettext("Send"), reverse("bulletins_send", args=[newest.pk])))
        elif campaign.status == Campaign.Status.DONE:
            note = gettext("The newest issue has been sent; the next one is not started yet.")
        else:
            note = gettext("The newest issue is being sent.")
    if (newest is None or newest.first_published_at is not None) and can_assemble(
        request.user, archive
    ):
        links.append(
            DeskLink(
                gettext("Assemble the next issue"),
                reverse("bulletins_assemble", args=[archive.pk]),
            )
        )
    return DeskPanel(
        "next-bulletin",
        gettext("The next bulletin"),
        items,
        order=11,
        empty="",
        total=0,
        links=links,
        note=note,
    )


def _issue_item(issue, campaign):
    if campaign is None:
        meta = gettext("published %(date)s, not sent") % {
            "date": format_datetime(issue.first_published_at)
        }
        return DeskItem(issue.get_admin_display_title(), _edit(issue), meta=meta)
    url = reverse("bulletins_progress", args=[campaign.pk])
    if campaign.status == Campaign.Status.SCHEDULED and campaign.send_at:
        meta = gettext("to be sent %(date)s") % {"date": format_datetime(campaign.send_at)}
    elif campaign.status == Campaign.Status.DONE:
        meta = gettext("sent %(date)s") % {"date": format_datetime(campaign.finished_at)}
    else:
        meta = campaign.get_status_display()
    return DeskItem(issue.get_admin_display_title(), url, meta=meta)


def translations_panel(request):
    items = _missing_translations() + _out_of_date_translations()
    return DeskPanel(
        "translations",
        gettext("Translations to do"),
        items,
        order=30,
        empty=gettext(
            "Every coming call and event is in Russian and Estonian, and every translation is "
            "up to date."
        ),
        links=[
            DeskLink(
                gettext("Translations report"), reverse("wagtail_localize:translations_report")
            )
        ],
    )


def _missing_translations():
    """Coming calls and events that exist in one working language and not the other."""
    items = []
    for queryset in (CallPage.objects.not_closed(), EventPage.objects.upcoming()):
        pages = list(
            queryset.live()
            .filter(locale__language_code__in=WORKING_LANGUAGES)
            .select_related("locale")
            .order_by("pk")
        )
        existing = set(
            Page.objects.filter(
                translation_key__in={page.translation_key for page in pages},
                locale__language_code__in=WORKING_LANGUAGES,
            ).values_list("translation_key", "locale__language_code")
        )
        listed = set()
        for page in pages:
            missing = [
                code for code in WORKING_LANGUAGES if (page.translation_key, code) not in existing
            ]
            if missing and page.translation_key not in listed:
                listed.add(page.translation_key)
                items.append(
                    DeskItem(
                        page.title,
                        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
                        meta=gettext("not yet in %(languages)s")
                        % {"languages": ", ".join(_language_names(missing))},
                        language=page.locale.language_code,
                    )
                )
    return items


def _out_of_date_translations():
    """Page translations whose source changed after they were last synchronised (to sync), and
    those started but never finished (to finish in the translation editor)."""
    page_types = [
        content_type.pk
        for content_type in ContentType.objects.filter(
            pk__in=Translation.objects.values("source__specific_content_type")
        )
        if content_type.model_class() is not None and issubclass(content_type.model_class(), Page)
    ]
    translations = list(
        Translation.objects.filter(enabled=True, source__specific_content_type__in=page_types)
        .select_related("source__locale", "target_locale")
        .order_by("-source__last_updated_at", "pk")
    )
    times = sync_times(translations)
    targets = {
        (key, locale_id): pk
        for pk, key, locale_id in Page.objects.filter(
            translation_key__in={translation.source.object_id for translation in translations}
        ).values_list("pk", "translation_key", "locale_id")
    }
    items = []
    for translation in translations:
        changed, synced = times[translation.pk]
        if not is_stale(changed, synced):
            continue
        source = translation.source
        direction = f"{source.locale.language_code} → {translation.target_locale.language_code}"
        target = targets.get((source.object_id, translation.target_locale_id))
        if synced is None and target is not None:
            meta = gettext("translation not finished")
            url = reverse("wagtailadmin_pages:edit", args=[target])
        else:
            meta = gettext("source changed %(date)s, translation not synchronised") % {
                "date": format_datetime(changed)
            }
            url = reverse("wagtail_localize:update_translations", args=[source.pk])
        items.append(DeskItem(source.object_repr, url, meta=meta, language=direction))
    return items


def _language_names(codes):
    names = dict(WorkingLanguage.choices)
    return [str(names.get(code, code)) for code in codes]


def bulletin_panels(request, panels):
    archive = main_archive()
    if archive is not None:
        panels.append(since_last_bulletin_panel(request, archive))
        panels.append(next_bulletin_panel(request, archive))
    panels.append(translations_panel(request))
    return panels
