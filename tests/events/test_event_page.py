"""An event's page: when (Estonian time), where, in which language, what it costs, who
organises it (linked to the profile in the reader's language), registration while it is open;
schema.org Event for search engines; the event in the calendar and feed; the home page's next
events; a fixed number of queries."""

import json
from datetime import timedelta

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .conftest import tallinn

pytestmark = pytest.mark.django_db


def main_text(response):
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


def json_ld(response):
    page = BeautifulSoup(response.content, "html.parser")
    return json.loads(page.find("script", type="application/ld+json").string)


@pytest.fixture
def narva(make_organisation):
    return make_organisation(
        {
            "et": {"title": "Narva Noortekeskus", "description": "Noorte keskus."},
            "ru": {"title": "Нарвский молодёжный центр", "description": "Молодёжный центр."},
        },
        county="ida-viru",
        town="Narva",
    )


@pytest.fixture
def infoday(make_event, narva, vocabularies, clock):
    clock.now = tallinn(2030, 3, 20, 12, 0)
    return make_event(
        title="Taotlusvooru infopäev",
        slug="taotlusvooru-infopaev",
        introduction="Tutvustame uue taotlusvooru tingimusi.",
        kind="info-day",
        organisation=narva,
        organiser_name="",
        # Summer time: Estonia is at UTC+3 on 2 April 2030.
        starts_at=tallinn(2030, 4, 2, 14, 0),
        ends_at=tallinn(2030, 4, 2, 16, 30),
        attendance="mixed",
        county="ida-viru",
        town="Narva",
        address="Raekoja plats 2",
        online_url="https://veeb.example/infopaev",
        languages=["et", "ru"],
        is_free=False,
        cost="10 €, liikmetele tasuta",
        registration_url="https://registreerimine.example/infopaev",
        registration_deadline=tallinn(2030, 3, 30, 23, 59),
        topics=[vocabularies["activity_fields"]["youth"]],
        target_groups=[vocabularies["target_groups"]["ngos"]],
    )


def test_event_page_shows_when_where_language_cost_and_registration(client, infoday):
    response = client.get("/et/events/taotlusvooru-infopaev/")

    assert response.status_code == 200
    text = main_text(response)
    assert "2. aprill 2030, 14:00–16:30" in text
    assert "Narva, Raekoja plats 2 (Ida-Virumaa)" in text
    assert "vene, eesti" in text
    assert "10 €, liikmetele tasuta" in text
    assert "sulgub 10 päeva pärast" in text  # registration, counted in Estonian days
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('a.button[href="https://registreerimine.example/infopaev"]')
    assert page.select_one('a[href="https://veeb.example/infopaev"]')
    # The organiser links to its profile in the reader's language.
    organiser = page.select_one('a[href="/et/organisations/narva-noortekeskus/"]')
    assert organiser.get_text() == "Narva Noortekeskus"
    assert infoday.organiser == "Narva Noortekeskus"


def test_registration_closes_at_its_deadline_and_a_past_event_says_so(client, infoday, clock):
    clock.now = tallinn(2030, 3, 31, 0, 0)
    response = client.get("/et/events/taotlusvooru-infopaev/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('a.button[href="https://registreerimine.example/infopaev"]') is None
    assert "suletud" in main_text(response)

    clock.now = tallinn(2030, 4, 2, 16, 30)
    response = client.get("/et/events/taotlusvooru-infopaev/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('a[href$="calendar.ics"]') is None
    assert page.select_one('a[href="https://veeb.example/infopaev"]') is None


def test_structured_data_is_a_schema_org_event(client, infoday):
    data = json_ld(client.get("/et/events/taotlusvooru-infopaev/"))

    assert data["@type"] == "Event"
    assert data["name"] == "Taotlusvooru infopäev"
    assert data["startDate"] == "2030-04-02T14:00:00+03:00"
    assert data["endDate"] == "2030-04-02T16:30:00+03:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["address"]["addressLocality"] == "Narva"
    assert place["address"]["streetAddress"] == "Raekoja plats 2"
    assert online == {"@type": "VirtualLocation", "url": "https://veeb.example/infopaev"}
    assert data["inLanguage"] == ["ru", "et"]
    assert data["isAccessibleForFree"] is False
    assert data["offers"]["url"] == "https://registreerimine.example/infopaev"
    assert data["offers"]["validThrough"] == "2030-03-30T23:59:00+02:00"  # winter time still
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Narva Noortekeskus",
        "url": "http://testserver/et/organisations/narva-noortekeskus/",
    }


def test_free_online_event_has_a_virtual_location_and_a_zero_price(client, make_event):
    make_event(
        title="Veebiseminar", attendance="online", town="", address="", county="", is_free=True
    )

    data = json_ld(client.get("/et/events/veebiseminar/"))

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "http://testserver/et/events/veebiseminar/",
    }
    assert data["offers"]["price"] == "0"
    assert "Veebis" in main_text(client.get("/et/events/veebiseminar/"))


def test_a_title_cannot_break_out_of_the_json_ld_script(client, make_event):
    hostile = "</script><script>alert(1)</script>"
    make_event(title=hostile, slug="hostile")

    response = client.get("/et/events/hostile/")

    assert json_ld(response)["name"] == hostile
    assert "<script>alert(1)" not in response.content.decode()


def calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_lists_coming_events_with_their_place(client, infoday, make_event, clock):
    make_event(
        title="Möödunud",
        starts_at=tallinn(2030, 3, 1, 10, 0),
        ends_at=tallinn(2030, 3, 1, 12, 0),
    )

    events = calendar(client.get("/et/events/calendar.ics")).walk("VEVENT")

    assert [str(event["summary"]) for event in events] == ["Taotlusvooru infopäev"]
    event = events[0]
    assert event.decoded("dtstart") == tallinn(2030, 4, 2, 14, 0)
    assert event.decoded("dtend") == tallinn(2030, 4, 2, 16, 30)
    assert str(event["location"]) == "Raekoja plats 2, Narva, https://veeb.example/infopaev"
    assert str(event["url"]) == "http://testserver/et/events/taotlusvooru-infopaev/"


def test_each_event_has_its_own_calendar_file(client, infoday):
    response = client.get("/et/events/taotlusvooru-infopaev/calendar.ics")

    events = calendar(response).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Taotlusvooru infopäev"]
    assert 'filename="taotlusvooru-infopaev.ics"' in response["Content-Disposition"]
    page = BeautifulSoup(client.get(infoday.url).content, "html.parser")
    assert page.select_one('a[href="/et/events/taotlusvooru-infopaev/calendar.ics"]')
    assert client.get("/et/events/no-such-event/calendar.ics").status_code == 404
    assert client.get("/ru/events/taotlusvooru-infopaev/calendar.ics").status_code == 404


def test_calendar_changes_when_an_event_is_published(client, infoday, make_event):
    assert len(calendar(client.get("/et/events/calendar.ics")).walk("VEVENT")) == 1
    make_event(title="Uus koolitus", starts_at=tallinn(2030, 5, 2, 10, 0))

    assert len(calendar(client.get("/et/events/calendar.ics")).walk("VEVENT")) == 2


def test_feed_lists_new_events_with_date_place_and_language(client, infoday):
    response = client.get("/et/events/feed/")

    feed = feedparser.parse(response.content)
    assert response.status_code == 200
    (entry,) = feed.entries
    assert entry.title == "Taotlusvooru infopäev"
    assert entry.link == "http://testserver/et/events/taotlusvooru-infopaev/"
    assert "2. aprill 2030, 14:00–16:30" in entry.summary
    assert "Narva, Raekoja plats 2" in entry.summary
    assert "vene, eesti" in entry.summary


def test_home_page_shows_the_next_four_events_of_its_language(client, make_event):
    now = timezone.now()
    for days in (9, 3, 30, 1, 12):
        make_event(
            title=f"Koolitus {days:02}",
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days, hours=3),
        )
    make_event(title="Möödas", starts_at=now - timedelta(days=2), ends_at=now - timedelta(1))
    make_event(language="ru", title="Русский тренинг", slug="russkij")

    page = BeautifulSoup(client.get("/et/").content, "html.parser")

    section = page.select_one(".home-events")
    assert [link.get_text() for link in section.select("h3 a")] == [
        "Koolitus 01",
        "Koolitus 03",
        "Koolitus 09",
        "Koolitus 12",
    ]
    assert section.select_one('a[href="/et/events/"]')
    assert "Русский тренинг" not in page.get_text()


def test_home_page_without_coming_events_has_no_empty_block(client, event_indexes):
    assert "home-events" not in client.get("/et/").content.decode()


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_event_page_query_count_does_not_grow_with_its_topics_and_groups(
    client, make_event, narva, vocabularies
):
    fields = list(vocabularies["activity_fields"].values())
    groups = list(vocabularies["target_groups"].values())
    make_event(title="Väike", organisation=narva, topics=fields[:1], target_groups=groups[:1])
    make_event(title="Suur", organisation=narva, topics=fields, target_groups=groups)

    small = count_queries(client, "/et/events/vaike/")
    large = count_queries(client, "/et/events/suur/")

    assert small == large
    assert large <= 16


def test_api_lists_events_with_their_facts(client, infoday):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "events.EventPage",
            "locale": "et",
            "fields": "starts_at,ends_at,attendance,town,languages,organiser,registration_url",
        },
    )

    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["title"] == "Taotlusvooru infopäev"
    assert item["starts_at"] == "2030-04-02T14:00:00+03:00"
    assert item["attendance"] == "mixed"
    assert item["languages"] == ["ru", "et"]
    assert item["organiser"] == "Narva Noortekeskus"
