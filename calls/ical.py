"""Deadlines as iCalendar (RFC 5545): one VEVENT per call at its deadline, with an alarm
7 days before."""

from datetime import UTC, timedelta

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext
from icalendar import Alarm, Calendar, Event

ALARM_BEFORE = timedelta(days=7)


def _event(call, request, now):
    url = call.get_full_url(request)
    event = Event()
    event.add("uid", f"call-{call.pk}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", (call.last_published_at or now).astimezone(UTC))
    event.add("dtstart", call.deadline.astimezone(UTC))
    event.add("summary", gettext("Deadline: %(title)s") % {"title": call.title})
    lines = []
    if call.funder_id:
        lines.append(call.funder.name)
    if call.introduction:
        lines.append(strip_tags(call.introduction))
    lines.append(url)
    event.add("description", "\n\n".join(lines))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -ALARM_BEFORE)
    alarm.add(
        "description",
        gettext("The call “%(title)s” closes in a week") % {"title": call.title},
    )
    event.add_component(alarm)
    return event


def build_calendar(calls, request, name):
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Sild//Funding calls//" + (get_language() or "ru").upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Tallinn")
    for call in calls:
        if call.deadline is not None:
            calendar.add_component(_event(call, request, now))
    return calendar


CACHE_SECONDS = 60 * 60


def calendar_response(request, calls, filename, name, cache_key=None):
    content = cache.get(cache_key) if cache_key else None
    if content is None:
        content = build_calendar(calls, request, name).to_ical()
        if cache_key:
            cache.set(cache_key, content, CACHE_SECONDS)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
