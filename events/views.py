from django.http import Http404
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .models import EventIndexPage, EventPage


def _index_for_language():
    index = EventIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()
    if index is None:
        raise Http404
    return index


@require_GET
def calendar_ics(request):
    """/<language>/events/calendar.ics: every coming event of that language."""
    return _index_for_language().calendar(request)


@require_GET
def event_calendar_ics(request, slug):
    event = (
        EventPage.objects.child_of(_index_for_language()).live().public().filter(slug=slug).first()
    )
    if event is None:
        raise Http404
    return event.calendar(request)
