from django.utils import timezone
from wagtail import hooks

from portal.navigation import remember
from portal.sections import HOME_SECTIONS

from .models import EventIndexPage, EventPage

HOME_EVENTS_COUNT = 4


@hooks.register(HOME_SECTIONS)
def upcoming_events_section(page, request):
    """The home page's "coming trainings and events": the next four of its language."""
    now = timezone.now()
    # The ids come from the events' own table, as for the calls' section: filtered on the
    # language alone, SQLite walks every page of the language, the directory's profiles too.
    events = list(
        EventPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id, pk__in=EventPage.objects.upcoming(now).values("pk"))
        # The home card shows no organiser, topics or body: not the listing's prefetches.
        .select_related("locale")
        .defer_streamfields()
        .order_by("starts_at", "pk")[:HOME_EVENTS_COUNT]
    )
    if not events:
        return None

    def index_url(site):
        index = EventIndexPage.objects.live().filter(locale_id=page.locale_id).first()
        return index.get_url(request) if index else ""

    return {
        "template": "events/includes/home_upcoming.html",
        "order": 25,
        "events": events,
        "index_url": remember(request, f"events-index-url:{page.locale_id}", index_url),
    }
