from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_next_five_deadlines_of_its_language(client, make_call):
    now = timezone.now()
    for days in (9, 3, 30, 1, 12, 20):
        make_call(title=f"Voor {days:02} päeva", deadline=now + timedelta(days=days, hours=1))
    make_call(title="Suletud", opens_at=now - timedelta(days=9), deadline=now - timedelta(1))
    make_call(title="Tulevane", opens_at=now + timedelta(days=1), deadline=now + timedelta(2))
    make_call(language="ru", title="Русский конкурс", slug="russkij")

    response = client.get("/et/")

    page = response.content.decode()
    section = page[page.index('id="home-closing-soon-heading"') :]
    found = [title for title in section.split('">') if title.startswith("Voor")]
    assert [title.split("<")[0] for title in found] == [
        "Voor 01 päeva",
        "Voor 03 päeva",
        "Voor 09 päeva",
        "Voor 12 päeva",
        "Voor 20 päeva",
    ]
    assert "Русский конкурс" not in page
    assert 'href="/et/calls/"' in section


def test_home_block_query_count_does_not_grow(client, make_call):
    def count():
        client.get("/et/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/et/")
        return len(queries)

    make_call()
    before = count()
    for _number in range(8):
        make_call()
    assert count() == before


def test_home_page_without_open_calls_has_no_empty_block(client, call_indexes):
    assert "home-closing-soon" not in client.get("/et/").content.decode()


@pytest.mark.parametrize(
    "query",
    ["Kogukonnaprojektid", "kodanikuühiskonna", "Arenguprogramm", "keskkonnateadlikkus"],
)
def test_site_search_finds_calls_by_title_funder_programme_and_summary(
    client, make_call, funders, query
):
    make_call(
        title="Kogukonnaprojektid Ida-Virumaal",
        funder=funders["kysk"]["et"],
        programme="Arenguprogramm",
        introduction="Toetame keskkonnateadlikkus projekte.",
    )

    response = client.get("/et/search/", {"q": query})

    titles = [result.title for result in response.context["results"]]
    assert titles == ["Kogukonnaprojektid Ida-Virumaal"]


def test_api_lists_calls_with_their_facts(client, make_call, funders, topics):
    call = make_call(
        title="API voor",
        funder=funders["kysk"]["et"],
        topics=[topics["youth"]],
        eligible_applicants=["ngo", "foundation"],
    )

    response = client.get(f"/api/v2/pages/{call.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert data["funder_name"] == "Kodanikuühiskonna Sihtkapital"
    assert data["eligible_applicants"] == ["ngo", "foundation"]
    assert data["topic_slugs"] == ["youth"]
    assert data["status"] == "open"
    assert data["official_url"] == call.official_url
    listing = client.get("/api/v2/pages/", {"type": "calls.CallPage", "fields": "deadline"})
    assert listing.status_code == 200
    assert [item["title"] for item in listing.json()["items"]] == ["API voor"]
