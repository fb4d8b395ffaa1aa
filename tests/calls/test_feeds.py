from datetime import timedelta

import feedparser
import icalendar
import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_lists_open_and_upcoming_calls_with_a_reminder_a_week_before(client, make_call):
    now = timezone.now()
    open_call = make_call(title="Avatud voor", deadline=now + timedelta(days=20))
    upcoming = make_call(
        title="Tulevane voor",
        opens_at=now + timedelta(days=5),
        deadline=now + timedelta(days=50),
    )
    make_call(title="Suletud voor", opens_at=now - timedelta(days=9), deadline=now - timedelta(1))
    make_call(language="ru", title="Русский", slug="russkij", deadline=now + timedelta(days=3))

    calendar = parse_calendar(client.get("/et/calls/calendar.ics"))

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Tähtaeg: Avatud voor", "Tähtaeg: Tulevane voor"}
    for call in (open_call, upcoming):
        event = events[f"Tähtaeg: {call.title}"]
        assert event.decoded("DTSTART") == call.deadline.replace(microsecond=0)
        assert str(event["URL"]).endswith(call.url)
        assert event["UID"]
        assert event["DTSTAMP"]
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -timedelta(days=7)
    assert len({str(event["UID"]) for event in events.values()}) == 2


def test_calendar_of_one_call(client, make_call):
    call = make_call(title="Üks voor")

    calendar = parse_calendar(client.get(f"{call.url}calendar.ics"))

    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Tähtaeg: Üks voor"
    assert event.decoded("DTSTART") == call.deadline.replace(microsecond=0)


def test_rss_lists_newest_calls_of_the_language(client, make_call):
    make_call(title="Esimene voor", revision=True)
    make_call(title="Teine voor", revision=True)
    make_call(language="ru", title="Русский конкурс", slug="russkij", revision=True)

    response = client.get("/et/calls/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == "et"
    assert [entry.title for entry in feed.entries] == ["Teine voor", "Esimene voor"]
    entry = feed.entries[0]
    assert entry.link == "http://testserver/et/calls/teine-voor/"
    assert entry.published_parsed
    assert "Tähtaeg: " in entry.summary
    assert "(Eesti aja järgi)" in entry.summary

    russian = feedparser.parse(client.get("/ru/calls/feed/").content)
    assert [entry.title for entry in russian.entries] == ["Русский конкурс"]
    assert russian.feed.language == "ru"


def test_list_page_links_its_feeds(client, call_indexes):
    page = client.get("/et/calls/").content.decode()

    assert 'type="application/rss+xml"' in page
    assert 'href="/et/calls/feed/"' in page
    assert 'href="/et/calls/calendar.ics"' in page


def test_cached_calendar_follows_new_and_closing_calls(client, make_call, clock):
    def summaries():
        calendar = parse_calendar(client.get("/et/calls/calendar.ics"))
        return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}

    first = make_call(title="Esimene", deadline=clock.now + timedelta(days=2))
    assert summaries() == {"Tähtaeg: Esimene"}

    make_call(title="Teine", deadline=clock.now + timedelta(days=9))
    assert summaries() == {"Tähtaeg: Esimene", "Tähtaeg: Teine"}

    clock.now = first.deadline
    assert summaries() == {"Tähtaeg: Teine"}


def test_page_routes_serve_the_calendars_too(client, make_call):
    call = make_call(title="Marsruut")

    assert parse_calendar(client.get("/et/calls/calendar/")).walk("VEVENT")
    assert parse_calendar(client.get(f"{call.url}calendar/")).walk("VEVENT")


def test_ics_and_token_urls_live_under_the_language_prefix():
    from django.urls import reverse
    from django.utils import translation

    with translation.override("ru"):
        assert reverse("calls:calendar") == "/ru/calls/calendar.ics"
        assert reverse("calls:call_calendar", args=["voor"]) == "/ru/calls/voor/calendar.ics"
        assert reverse("calls:stop_following", args=["t"]) == "/ru/calls/follow/stop/t/"
