"""iCalendar (RFC 5545) files of the portal: the calendar around the events that an area builds
(call deadlines, trainings and events), their cached response and their addresses.

An area builds its ``icalendar.Event`` components; this module wraps them in a calendar named
and time-zoned the same way everywhere, caches the serialised file when asked (calendar apps
poll often), and says where a page's ``.ics`` file lives.
"""

import hashlib
from datetime import UTC

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import get_language
from icalendar import Calendar

CACHE_SECONDS = 60 * 60
TIME_ZONE = "Europe/Tallinn"


def new_calendar(name, product):
    calendar = Calendar()
    calendar.add("prodid", f"-//Sild//{product}//" + (get_language() or "ru").upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    return calendar


def event_uid(kind, pk, request):
    """A stable identifier of one item on this site: ``call-12@sild.example``."""
    return f"{kind}-{pk}@{request.get_host().split(':')[0]}"


def in_utc(moment):
    return moment.astimezone(UTC)


def calendar_response(request, build, filename, cache_key=None):
    """The calendar ``build()`` returns, as a ``text/calendar`` response; with ``cache_key``
    the serialised file is kept in the cache for an hour (the key must change with the
    content)."""
    content = cache.get(cache_key) if cache_key else None
    if content is None:
        content = build().to_ical()
        if cache_key:
            cache.set(cache_key, content, CACHE_SECONDS)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_url(page, url_name, args=(), request=None):
    """The ``.ics`` address of ``page`` under its language's prefix when the area's URLs are
    mounted (``url_name``), else the page's own ``calendar/`` route."""
    with translation.override(page.locale.language_code):
        try:
            return reverse(url_name, args=args)
        except NoReverseMatch:
            return page.get_url(request) + page.reverse_subpage("calendar")


def cache_key(prefix, request, state):
    """A cache key for a calendar that changes whenever ``state`` (a dict of aggregates that
    move with the content: count, last publication, next date) or the host changes."""
    fingerprint = "|".join(str(value) for value in (request.get_host(), *state.values()))
    return f"{prefix}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
