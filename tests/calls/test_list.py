"""The calls list: open calls by deadline by default; filters that combine, stay in the URL and
ignore unknown values; an empty result that offers to clear the filters; a fixed query count."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def titles(response):
    return [call.title for call in response.context["calls"]]


@pytest.fixture
def spread(make_call, funders, topics):
    now = timezone.now()
    kysk, narva = funders["kysk"]["et"], funders["narva"]["et"]
    youth, culture = topics["youth"], topics["culture"]
    return {
        "late": make_call(
            title="Hiline voor",
            funder=kysk,
            topics=[youth],
            deadline=now + timedelta(days=40),
            eligible_applicants=["ngo", "foundation"],
            regions=["all"],
        ),
        "soon": make_call(
            title="Kiire voor",
            funder=narva,
            topics=[culture],
            deadline=now + timedelta(days=2),
            eligible_applicants=["informal-group"],
            regions=["ida-viru"],
        ),
        "middle": make_call(
            title="Keskmine voor",
            funder=kysk,
            topics=[culture, youth],
            deadline=now + timedelta(days=20),
            eligible_applicants=["local-government"],
            regions=["tartu", "voru"],
        ),
        "upcoming": make_call(
            title="Tulevane voor",
            funder=narva,
            topics=[youth],
            opens_at=now + timedelta(days=3),
            deadline=now + timedelta(days=30),
        ),
        "closed": make_call(
            title="Suletud voor",
            funder=kysk,
            opens_at=now - timedelta(days=60),
            deadline=now - timedelta(days=1),
        ),
    }


def test_default_list_shows_open_and_closing_soon_calls_by_deadline(client, spread):
    response = client.get("/et/calls/")

    assert response.status_code == 200
    assert titles(response) == ["Kiire voor", "Keskmine voor", "Hiline voor"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", ["Kiire voor", "Keskmine voor", "Hiline voor"]),
        ("status=closing-soon", ["Kiire voor"]),
        ("status=upcoming", ["Tulevane voor"]),
        ("status=closed", ["Suletud voor"]),
        ("topic=culture", ["Kiire voor", "Keskmine voor"]),
        ("topic=youth", ["Keskmine voor", "Hiline voor"]),
        ("funder=kysk", ["Keskmine voor", "Hiline voor"]),
        ("eligible=informal-group", ["Kiire voor"]),
        ("eligible=ngo", ["Hiline voor"]),
        # A county sees its own calls and the calls for all of Estonia.
        ("county=ida-viru", ["Kiire voor", "Hiline voor"]),
        ("county=voru", ["Keskmine voor", "Hiline voor"]),
        ("county=harju", ["Hiline voor"]),
        # Filters combine.
        ("topic=youth&funder=kysk&county=tartu", ["Keskmine voor", "Hiline voor"]),
        ("status=upcoming&topic=youth&funder=narva", ["Tulevane voor"]),
        ("topic=culture&eligible=local-government", ["Keskmine voor"]),
    ],
)
def test_each_filter_narrows_the_list(client, spread, query, expected):
    assert titles(client.get(f"/et/calls/?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    [
        "status=someday",
        "topic=no-such-topic",
        "funder=%00%FF",
        "eligible=aliens",
        "county=narnia",
        "status=open&status=closed&page=abc",
        "page=999",
        "topic=" + "x" * 5000,
    ],
)
def test_unknown_filter_values_are_ignored(client, spread, query):
    response = client.get(f"/et/calls/?{query}")

    assert response.status_code == 200
    assert set(titles(response)) <= {"Kiire voor", "Keskmine voor", "Hiline voor", "Suletud voor"}
    assert titles(response)


def test_unknown_value_does_not_drop_the_valid_filters(client, spread):
    response = client.get("/et/calls/?topic=culture&county=narnia&eligible=aliens")

    assert titles(response) == ["Kiire voor", "Keskmine voor"]


def test_filter_values_stay_in_the_form_and_in_the_page_links(client, make_call, funders):
    for number in range(25):
        make_call(title=f"Voor {number:02}", funder=funders["kysk"]["et"])

    page = client.get("/et/calls/?funder=kysk&county=harju").content.decode()

    assert '<option value="kysk" selected>' in page
    assert '<option value="harju" selected>' in page
    assert 'href="?funder=kysk&amp;county=harju&amp;page=2"' in page
    second = client.get("/et/calls/?funder=kysk&county=harju&page=2")
    assert len(second.context["calls"]) == 5


def test_filters_work_as_a_plain_get_form(client, spread):
    page = client.get("/et/calls/").content.decode()

    assert '<form class="call-filters" method="get" action="/et/calls/"' in page
    for name in ("status", "topic", "funder", "eligible", "county"):
        assert f'name="{name}"' in page
        assert f'<label for="id_{name}">' in page


def test_empty_result_says_so_and_offers_to_clear_filters(client, spread):
    response = client.get("/et/calls/?topic=culture&county=harju")

    assert titles(response) == []
    page = response.content.decode()
    assert "Nendele filtritele ei vasta ükski taotlusvoor." in page
    assert '<a href="/et/calls/">Eemalda filtrid</a>' in page


def test_list_shows_only_calls_of_its_language(client, make_call):
    make_call(title="Eestikeelne voor")
    make_call(language="ru", title="Русский конкурс")

    assert titles(client.get("/ru/calls/")) == ["Русский конкурс"]
    assert titles(client.get("/et/calls/")) == ["Eestikeelne voor"]


def test_a_call_leaves_the_open_list_the_minute_its_deadline_passes(client, make_call, clock):
    deadline = clock.now + timedelta(minutes=1)
    make_call(title="Viimane minut", deadline=deadline)
    assert titles(client.get("/et/calls/?status=open")) == ["Viimane minut"]

    clock.now = deadline
    assert titles(client.get("/et/calls/?status=open")) == []
    assert titles(client.get("/et/calls/?status=closed")) == ["Viimane minut"]


def count_list_queries(client, path):
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), len(response.context["calls"])


def test_list_query_count_is_the_same_for_5_and_200_calls(client, make_call, funders, topics):
    paths = ["/et/calls/", "/et/calls/?topic=youth&county=harju"]

    def add_calls(count, start):
        for number in range(start, start + count):
            make_call(
                title=f"Voor {number:03}",
                funder=funders["kysk" if number % 2 else "narva"]["et"],
                topics=[topics["youth"], topics["culture"]],
            )

    add_calls(5, 0)
    five = {path: count_list_queries(client, path) for path in paths}
    add_calls(195, 5)
    two_hundred = {path: count_list_queries(client, path) for path in paths}

    for path in paths:
        assert five[path][1] == 5, path
        assert two_hundred[path][1] == 20, path  # one page
        assert five[path][0] == two_hundred[path][0], path
        assert two_hundred[path][0] <= 4, path


def _empty_list_links(response):
    notice = BeautifulSoup(response.content, "html.parser").select_one(".empty-result")
    return notice, [
        (link["href"], link.get_text(strip=True), link.parent.get_text(" ", strip=True))
        for link in notice.select("a[hreflang]")
    ]


def test_an_empty_english_list_points_to_the_calls_open_in_other_languages(client, make_call):
    now = timezone.now()
    for number in range(2):
        make_call(title=f"Voor {number}", deadline=now + timedelta(days=10 + number))
    make_call(
        title="Tulevane voor", opens_at=now + timedelta(days=5), deadline=now + timedelta(days=40)
    )
    make_call(
        title="Suletud voor", opens_at=now - timedelta(days=60), deadline=now - timedelta(days=1)
    )
    make_call(language="ru", title="Открытый конкурс", deadline=now + timedelta(days=3))

    notice, links = _empty_list_links(client.get("/en/calls/"))

    assert "No calls have been published in this language yet" in notice.get_text()
    assert links == [
        ("/et/calls/", "Eesti", "Eesti (3 calls)"),
        ("/ru/calls/", "Русский", "Русский (1 call)"),
    ]


def test_an_empty_list_with_no_calls_anywhere_says_there_are_none(client, call_indexes):
    notice, links = _empty_list_links(client.get("/en/calls/"))

    assert links == []
    assert "There are no open calls at the moment" in notice.get_text()


def test_filters_that_find_nothing_do_not_send_the_reader_elsewhere(client, make_call):
    make_call(title="Voor", deadline=timezone.now() + timedelta(days=10))

    notice, links = _empty_list_links(client.get("/en/calls/?status=closed"))

    assert links == []
    assert "No calls match these filters." in notice.get_text()


def card_texts(client):
    page = BeautifulSoup(client.get("/et/calls/").content, "html.parser")
    return [card.get_text(" ", strip=True) for card in page.select(".call-card")]


def test_cards_read_again_come_without_their_facts_and_follow_the_clock_and_edits(
    client, make_call, funders, topics, clock
):
    call = make_call(
        title="Noortevoor",
        funder=funders["kysk"]["et"],
        topics=[topics["youth"]],
        deadline=clock.now + timedelta(days=10, hours=1),
    )
    (card,) = card_texts(client)
    assert "Kodanikuühiskonna Sihtkapital" in card and "Noorsootöö" in card
    assert "sulgub 10 päeva pärast" in card and "Varsti sulgub" not in card

    with CaptureQueriesContext(connection) as queries:
        assert card_texts(client) == [card]
    statements = [query["sql"] for query in queries]
    assert not [sql for sql in statements if "directory_activityfield" in sql], statements
    assert not [sql for sql in statements if "calls_funder" in sql], statements

    clock.now += timedelta(days=5)
    (card,) = card_texts(client)
    assert "Varsti sulgub" in card and "sulgub 5 päeva pärast" in card

    call.title = "Noorte suvevoor"
    call.topics = [topics["culture"]]
    call.save_revision().publish()
    (card,) = card_texts(client)
    assert "Noorte suvevoor" in card and "Kultuur" in card and "Noorsootöö" not in card
