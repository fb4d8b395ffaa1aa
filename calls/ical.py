"""Deadlines as iCalendar (RFC 5545): one VEVENT per call at its deadline, with an alarm
7 days before. The calendar around them is ``portal.ical``'s."""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from icalendar import Alarm, Event

from portal import ical

ALARM_BEFORE = timedelta(days=7)


def _event(call, request, now):
    url = call.get_full_url(request)
    event = Event()
    event.add("uid", ical.event_uid("call", call.pk, request))
    event.add("dtstamp", ical.in_utc(call.last_published_at or now))
    event.add("dtstart", ical.in_utc(call.deadline))
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
    calendar = ical.new_calendar(name, "Funding calls")
    for call in calls:
        if call.deadline is not None:
            calendar.add_component(_event(call, request, now))
    return calendar


def calendar_response(request, calls, filename, name, cache_key=None):
    return ical.calendar_response(
        request, lambda: build_calendar(calls, request, name), filename, cache_key
    )
