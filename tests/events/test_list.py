"""The events list: coming events first by start, the past ones in an archive newest first;
filters by month, county or online, language, field and target group that combine, stay in the
URL and ignore unknown values; a fixed number of queries however many events there are."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .conftest import tallinn

pytestmark = pytest.mark.django_db


def titles(response):
    return [event.title for event in response.context["events"]]


@pytest.fixture
def spread(make_event, vocabularies, clock):
    clock.now = tallinn(2030, 5, 14, 12, 0)
    fields, groups = vocabularies["activity_fields"], vocabularies["target_groups"]
    return {
        "running": make_event(
            title="Kestev seminar",
            starts_at=tallinn(2030, 5, 14, 9, 0),
            ends_at=tallinn(2030, 5, 14, 17, 0),
            county="harju",
            town="Tallinn",
            languages=["et"],
            topics=[fields["education"]],
        ),
        "webinar": make_event(
            title="Veebiseminar",
            starts_at=tallinn(2030, 5, 20, 17, 0),
            ends_at=tallinn(2030, 5, 20, 19, 0),
            attendance="online",
            county="",
            town="",
            address="",
            languages=["ru"],
            topics=[fields["youth"]],
            target_groups=[groups["youth"]],
        ),
        "narva": make_event(
            title="Infopäev Narvas",
            starts_at=tallinn(2030, 6, 2, 14, 0),
            ends_at=tallinn(2030, 6, 2, 16, 0),
            attendance="mixed",
            county="ida-viru",
            town="Narva",
            languages=["et", "ru"],
            topics=[fields["youth"], fields["community-development"]],
            target_groups=[groups["ngos"]],
        ),
        "camp": make_event(
            title="Kahepäevane laager",
            starts_at=tallinn(2030, 6, 30, 10, 0),
            ends_at=tallinn(2030, 7, 1, 16, 0),
            county="tartu",
            town="Tartu",
            languages=["en"],
            target_groups=[groups["youth"]],
        ),
        "past": make_event(
            title="Möödunud koolitus",
            starts_at=tallinn(2030, 4, 2, 10, 0),
            ends_at=tallinn(2030, 4, 2, 13, 0),
            county="ida-viru",
            town="Jõhvi",
        ),
        "older": make_event(
            title="Vanem koolitus",
            starts_at=tallinn(2030, 3, 5, 10, 0),
            ends_at=tallinn(2030, 3, 5, 13, 0),
            attendance="online",
            town="",
        ),
    }


def test_coming_events_by_start_including_the_one_running_now(client, spread):
    response = client.get("/et/events/")

    assert response.status_code == 200
    assert titles(response) == [
        "Kestev seminar",
        "Veebiseminar",
        "Infopäev Narvas",
        "Kahepäevane laager",
    ]


def test_past_events_are_in_the_archive_newest_first(client, spread):
    response = client.get("/et/events/?when=past")

    assert titles(response) == ["Möödunud koolitus", "Vanem koolitus"]
    assert 'href="/et/events/"' in response.content.decode()


def test_an_event_moves_to_the_archive_the_minute_it_ends(client, spread, clock):
    clock.now = tallinn(2030, 5, 14, 16, 59)
    assert "Kestev seminar" in titles(client.get("/et/events/"))

    clock.now = tallinn(2030, 5, 14, 17, 0)
    assert "Kestev seminar" not in titles(client.get("/et/events/"))
    assert titles(client.get("/et/events/?when=past"))[0] == "Kestev seminar"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A month lists the events held in it, also those that began in the month before.
        ("month=2030-06", ["Infopäev Narvas", "Kahepäevane laager"]),
        ("month=2030-07", ["Kahepäevane laager"]),
        # Online: online-only and mixed events; a county: events held there in person.
        ("place=online", ["Veebiseminar", "Infopäev Narvas"]),
        ("place=ida-viru", ["Infopäev Narvas"]),
        ("place=tartu", ["Kahepäevane laager"]),
        ("language=ru", ["Veebiseminar", "Infopäev Narvas"]),
        ("language=en", ["Kahepäevane laager"]),
        ("field=youth", ["Veebiseminar", "Infopäev Narvas"]),
        ("group=youth", ["Veebiseminar", "Kahepäevane laager"]),
        ("field=youth&group=ngos&place=online", ["Infopäev Narvas"]),
        ("when=past&place=ida-viru", ["Möödunud koolitus"]),
        ("when=past&place=online", ["Vanem koolitus"]),
        ("when=past&month=2030-04", ["Möödunud koolitus"]),
    ],
)
def test_each_filter_narrows_the_list(client, spread, query, expected):
    assert titles(client.get(f"/et/events/?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    ["month=2030-13", "month=mai", "place=mars", "language=xx", "field=nope", "when=tomorrow"],
)
def test_unknown_filter_values_are_ignored(client, spread, query):
    response = client.get(f"/et/events/?{query}")

    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_unknown_value_does_not_drop_the_valid_filters(client, spread):
    assert titles(client.get("/et/events/?language=ru&place=mars")) == [
        "Veebiseminar",
        "Infopäev Narvas",
    ]


def test_month_choices_are_the_months_of_the_list_shown(client, spread):
    def months(path):
        form = client.get(path).context["filter_form"]
        return [value for value, _label in form.fields["month"].choices if value]

    assert months("/et/events/") == ["2030-05", "2030-06", "2030-07"]
    assert months("/et/events/?when=past") == ["2030-04", "2030-03"]


def test_filters_stay_in_the_form_and_an_empty_result_offers_to_clear_them(client, spread):
    response = client.get("/et/events/?language=en&place=ida-viru")

    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("select[name=language] option[selected]")["value"] == "en"
    assert page.select_one("select[name=place] option[selected]")["value"] == "ida-viru"
    assert titles(response) == []
    empty = page.select_one(".empty-result")
    assert empty.select_one('a[href="/et/events/"]') is not None


def test_list_shows_only_events_of_its_language(client, make_event):
    make_event(title="Eestikeelne koolitus")
    make_event(language="ru", title="Русский тренинг", slug="russkij-trening")

    assert titles(client.get("/et/events/")) == ["Eestikeelne koolitus"]
    assert titles(client.get("/ru/events/")) == ["Русский тренинг"]


def test_an_empty_english_list_points_to_the_coming_events_in_other_languages(client, make_event):
    now = timezone.now()
    make_event(title="Üks")
    make_event(title="Kaks")
    make_event(title="Möödas", starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2))
    make_event(language="ru", title="Один", slug="odin")

    response = client.get("/en/events/")

    notice = BeautifulSoup(response.content, "html.parser").select_one(".empty-result")
    links = [(a["href"], a.parent.get_text(" ", strip=True)) for a in notice.select("a[hreflang]")]
    assert links == [("/et/events/", "Eesti (2 events)"), ("/ru/events/", "Русский (1 event)")]


def count_list_queries(client, path):
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), len(response.context["events"])


@pytest.mark.parametrize(
    "path", ["/et/events/", "/et/events/?field=youth&place=harju&language=et&month=2030-05"]
)
def test_list_query_count_is_the_same_for_5_and_100_events(
    client, make_event, make_organisation, vocabularies, clock, path
):
    clock.now = tallinn(2030, 5, 1, 12, 0)
    youth = vocabularies["activity_fields"]["youth"]
    groups = [vocabularies["target_groups"]["youth"], vocabularies["target_groups"]["ngos"]]
    organisers = [
        make_organisation({"et": {"title": f"Ühendus {n}", "description": "Teeme."}})
        for n in range(3)
    ]

    def add_events(count, start):
        for number in range(start, start + count):
            make_event(
                title=f"Koolitus {number:03}",
                starts_at=tallinn(2030, 5, 2 + number % 25, 10, 0),
                ends_at=tallinn(2030, 5, 2 + number % 25, 15, 0),
                organisation=organisers[number % 3] if number % 2 else None,
                organiser_name="" if number % 2 else "Partner",
                topics=[youth],
                target_groups=groups,
            )

    add_events(5, 0)
    five, shown = count_list_queries(client, path)
    assert shown == 5
    add_events(95, 5)
    hundred, shown = count_list_queries(client, path)
    assert shown == 20  # one page

    assert five == hundred
    assert hundred <= 5


def test_cards_read_again_come_without_their_facts_and_follow_an_edit(
    client, make_event, vocabularies, clock
):
    clock.now = tallinn(2030, 5, 1, 12, 0)
    event = make_event(
        title="Noorsootöö koolitus",
        starts_at=tallinn(2030, 5, 20, 10, 0),
        ends_at=tallinn(2030, 5, 20, 15, 0),
        topics=[vocabularies["activity_fields"]["youth"]],
    )
    (card,) = event_cards(client)
    assert "Noorsootöö koolitus" in card and "Noorsootöö" in card

    with CaptureQueriesContext(connection) as queries:
        assert event_cards(client) == [card]
    statements = [query["sql"] for query in queries]
    assert not [sql for sql in statements if "directory_activityfield" in sql], statements

    event.title = "Kultuurikoolitus"
    event.topics = [vocabularies["activity_fields"]["culture"]]
    event.save_revision().publish()
    (card,) = event_cards(client)
    assert "Kultuurikoolitus" in card and "Kultuur" in card and "Noorsootöö" not in card


def event_cards(client):
    page = BeautifulSoup(client.get("/et/events/").content, "html.parser")
    return [card.get_text(" ", strip=True) for card in page.select(".event-card")]
