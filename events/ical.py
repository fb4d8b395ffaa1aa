"""Events as iCalendar (RFC 5545): one VEVENT per event from its start to its end, with its
place; the calendar around them is ``portal.ical``'s."""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from icalendar import Event

from portal import ical


def _location(event):
    parts = [event.address, event.town] if event.in_person else []
    if event.online:
        parts.append(event.online_url or gettext("Online"))
    return ", ".join(part for part in parts if part)


def _event(page, request, now):
    url = page.get_full_url(request)
    event = Event()
    event.add("uid", ical.event_uid("event", page.pk, request))
    event.add("dtstamp", ical.in_utc(page.last_published_at or now))
    event.add("dtstart", ical.in_utc(page.starts_at))
    event.add("dtend", ical.in_utc(page.ends_at))
    event.add("summary", page.title)
    location = _location(page)
    if location:
        event.add("location", location)
    lines = []
    if page.organiser:
        lines.append(gettext("Organiser: %(name)s") % {"name": page.organiser})
    if page.introduction:
        lines.append(strip_tags(page.introduction))
    if page.registration_url:
        lines.append(gettext("Registration: %(url)s") % {"url": page.registration_url})
    lines.append(url)
    event.add("description", "\n\n".join(lines))
    event.add("url", url)
    return event


def build_calendar(events, request, name):
    now = timezone.now()
    calendar = ical.new_calendar(name, "Trainings and events")
    for page in events:
        if page.starts_at is not None and page.ends_at is not None:
            calendar.add_component(_event(page, request, now))
    return calendar
