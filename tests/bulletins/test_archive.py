# Fixtures are imported from fixtures_pages and named as test arguments:
# ruff: noqa: F811
"""The bulletin archive of each language: newest first, by year, paginated, with a fixed number
of queries; an empty archive points to the languages that have issues; RSS; the sitemap, the
API and the home page's "latest bulletin" block."""

from datetime import date, timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletins.models import ISSUES_PER_PAGE

from .fixtures_pages import (  # noqa: F401 - fixtures
    archives,
    call_indexes,
    calls_section,
    funders,
    make_bulletin,
    make_call,
    make_translated_call,
    topics,
)

pytestmark = pytest.mark.django_db


def listed(response):
    return [issue.issue_number for issue in response.context["issues"]]


@pytest.fixture
def two_years(make_bulletin):
    make_bulletin(issue_number=794, issue_date=date(2025, 11, 24), title="Как подать заявку")
    make_bulletin(issue_number=795, issue_date=date(2025, 12, 1), title="Как найти партнёра")
    make_bulletin(issue_number=844, issue_date=date(2026, 11, 9), title="Языковая практика")
    make_bulletin(issue_number=845, issue_date=date(2026, 11, 16), title="Гранты ЕС")
    make_bulletin(issue_number=846, issue_date=date(2026, 11, 23), live=False, title="Черновик")
    make_bulletin("et", issue_number=845, issue_date=date(2026, 11, 16), title="EL-i toetused")


def test_archive_lists_published_issues_of_its_language_newest_first_by_year(client, two_years):
    response = client.get("/ru/bulletins/")

    assert response.status_code == 200
    assert listed(response) == [845, 844, 795, 794]
    soup = BeautifulSoup(response.content, "html.parser")
    years = soup.select("section.bulletin-year")
    assert [year.h2.get_text() for year in years] == ["2026", "2025"]
    assert [a.get_text() for a in years[0].select("h3 a")] == ["Гранты ЕС", "Языковая практика"]
    assert years[0].select_one("h3 a")["href"] == "/ru/bulletins/845/"
    assert years[1].select_one("time")["datetime"] == "2025-12-01"
    assert "1 декабря 2025 г." in years[1].get_text()
    assert "Черновик" not in response.content.decode()


def test_archive_by_year(client, two_years):
    response = client.get("/ru/bulletins/?year=2025")

    assert listed(response) == [795, 794]
    nav = BeautifulSoup(response.content, "html.parser").select_one("nav.bulletin-years")
    assert nav.select_one("[aria-current]").get_text() == "2025"
    assert nav.find("a", href="/ru/bulletins/?year=2026")
    assert nav.find("a", href="/ru/bulletins/")


@pytest.mark.parametrize("year", ["1999", "abc", "", "2025.5", "9" * 30])
def test_unknown_or_malformed_year_shows_every_year(client, two_years, year):
    response = client.get("/ru/bulletins/", {"year": year})

    assert response.status_code == 200
    assert listed(response) == [845, 844, 795, 794]


def test_archive_is_paginated(client, make_bulletin):
    first = date(2025, 1, 6)
    for number in range(ISSUES_PER_PAGE + 5):
        make_bulletin(issue_number=number + 1, issue_date=first + timedelta(weeks=number))

    first_page = client.get("/ru/bulletins/")
    second_page = client.get("/ru/bulletins/?page=2")
    beyond = client.get("/ru/bulletins/?page=99")

    assert listed(first_page)[:2] == [ISSUES_PER_PAGE + 5, ISSUES_PER_PAGE + 4]
    assert len(listed(first_page)) == ISSUES_PER_PAGE
    assert listed(second_page) == [5, 4, 3, 2, 1]
    assert listed(beyond) == listed(second_page)
    soup = BeautifulSoup(first_page.content, "html.parser")
    assert soup.find("a", rel="next")["href"] == "?page=2"


def test_english_archive_without_issues_points_to_the_other_languages(client, two_years):
    response = client.get("/en/bulletins/")

    assert response.status_code == 200
    assert listed(response) == []
    links = BeautifulSoup(response.content, "html.parser").select(".empty-result a")
    assert [(a["href"], a["hreflang"]) for a in links] == [
        ("/ru/bulletins/", "ru"),
        ("/et/bulletins/", "et"),
    ]


def count_queries(client, path):
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/ru/bulletins/", "/ru/bulletins/?year=2025&page=2"])
def test_archive_costs_the_same_queries_for_3_and_60_issues(client, make_bulletin, path):
    def add(count, start):
        for number in range(start, start + count):
            make_bulletin(
                issue_number=number, issue_date=date(2024, 1, 1) + timedelta(weeks=number)
            )

    add(3, 0)
    few = count_queries(client, path)
    add(57, 3)
    many = count_queries(client, path)

    assert many == few
    assert many <= 16


def test_rss_lists_the_newest_issues_of_the_language(client, two_years):
    response = client.get("/ru/bulletins/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "ru"
    assert [entry.title for entry in feed.entries] == [
        "Гранты ЕС",
        "Языковая практика",
        "Как найти партнёра",
        "Как подать заявку",
    ]
    assert feed.entries[0].link == "http://testserver/ru/bulletins/845/"
    assert feed.entries[0].published_parsed[:3] == (2026, 11, 16)
    assert "845" in feed.entries[0].summary

    estonian = feedparser.parse(client.get("/et/bulletins/feed/").content)
    assert [entry.title for entry in estonian.entries] == ["EL-i toetused"]
    archive = BeautifulSoup(client.get("/ru/bulletins/").content, "html.parser")
    assert archive.find("link", type="application/rss+xml")["href"] == "/ru/bulletins/feed/"


def test_sitemap_lists_the_archive_and_issues_with_their_translations(client, two_years):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    root = ElementTree.fromstring(response.content)
    urls = {url.find("s:loc", namespaces).text: url for url in root.findall("s:url", namespaces)}
    for path in ["/ru/bulletins/", "/et/bulletins/", "/en/bulletins/", "/ru/bulletins/845/"]:
        assert f"http://testserver{path}" in urls
    assert "http://testserver/ru/bulletins/846/" not in urls  # a draft
    alternates = urls["http://testserver/ru/bulletins/"].findall("x:link", namespaces)
    assert {link.get("hreflang") for link in alternates} == {"ru", "et", "en"}


def test_api_lists_bulletins_with_number_date_and_sections(
    client, make_bulletin, make_translated_call
):
    call = make_translated_call("Avatud voor", "Открытый конкурс")
    issue = make_bulletin(
        issue_number=850, issue_date=date(2026, 12, 21), body=[calls_section(call["ru"])]
    )
    make_bulletin(issue_number=851, live=False)

    listing = client.get(
        "/api/v2/pages/", {"type": "bulletins.BulletinPage", "fields": "issue_number,issue_date"}
    )

    assert listing.status_code == 200
    assert [(item["issue_number"], item["issue_date"]) for item in listing.json()["items"]] == [
        (850, "2026-12-21")
    ]
    detail = client.get(f"/api/v2/pages/{issue.pk}/").json()
    (section,) = detail["body"]
    assert section["type"] == "calls"
    (chosen,) = section["value"]["calls"]
    assert chosen["call"]["id"] == call["ru"].pk
    assert chosen["call"]["title"] == "Открытый конкурс"


def test_home_page_shows_the_latest_issue_of_its_language(client, two_years):
    russian = BeautifulSoup(client.get("/ru/").content, "html.parser")
    block = russian.select_one(".home-latest-bulletin")
    assert block.select_one("h3 a").get_text() == "Гранты ЕС"
    assert block.select_one("h3 a")["href"] == "/ru/bulletins/845/"
    assert block.find("a", href="/ru/bulletins/")

    estonian = BeautifulSoup(client.get("/et/").content, "html.parser")
    assert estonian.select_one(".home-latest-bulletin h3 a").get_text() == "EL-i toetused"

    english = client.get("/en/").content.decode()
    assert "home-latest-bulletin" not in english


def test_home_block_costs_the_same_queries_however_many_issues(client, make_bulletin):
    make_bulletin(issue_number=1, issue_date=date(2026, 1, 5))
    before = count_queries(client, "/ru/")
    for number in range(2, 12):
        make_bulletin(issue_number=number, issue_date=date(2026, 1, 5) + timedelta(weeks=number))
    assert count_queries(client, "/ru/") == before


def test_site_search_finds_an_issue_by_the_text_of_its_sections(client, make_bulletin):
    make_bulletin(
        issue_number=900,
        title="Выпуск девятисотый",
        body=[
            (
                "news",
                {
                    "heading": "",
                    "items": [{"title": "Шахматный турнир", "text": "<p>Нарвские шахматисты.</p>"}],
                },
            )
        ],
    )

    response = client.get("/ru/search/", {"q": "шахматисты"})

    assert [result.title for result in response.context["results"]] == ["Выпуск девятисотый"]


def test_home_page_shows_a_newly_published_issue_at_once(client, make_bulletin):
    make_bulletin(issue_number=1, title="Первый выпуск", issue_date=date(2026, 1, 5))
    assert latest_on_home(client) == "Первый выпуск"

    second = make_bulletin(
        issue_number=2, title="Второй выпуск", issue_date=date(2026, 1, 12), live=False
    )
    assert latest_on_home(client) == "Первый выпуск"
    second.save_revision().publish()
    assert latest_on_home(client) == "Второй выпуск"
    second.refresh_from_db()  # publish() went through the revision, not this instance
    second.unpublish()
    assert latest_on_home(client) == "Первый выпуск"


def latest_on_home(client):
    page = BeautifulSoup(client.get("/ru/").content, "html.parser")
    return page.select_one(".home-latest-bulletin h3 a").get_text()
