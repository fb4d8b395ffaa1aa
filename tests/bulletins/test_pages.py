# Fixtures are imported from fixtures_pages and named as test arguments:
# ruff: noqa: F811
"""A bulletin issue as a reader sees it: the issue's number and date, then its sections —
funding calls with funder and deadline, news, trainings and events, news from organisations
and a closing note — with links to the neighbouring issues; a fixed number of queries however
many calls it lists. The editor gets a clear error for an event that ends before it starts."""

import json
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from bulletins.blocks import EVENT_ENDS_BEFORE_START
from bulletins.models import BulletinIndexPage, BulletinPage
from calls.templatetags.calls_tags import isotime
from home.models import HomePage
from portal.formats import format_datetime
from portal.navigation import page_tree_changed

from .fixtures_pages import (  # noqa: F401 - fixtures
    OTHER_SECTIONS,
    archives,
    call_indexes,
    calls_section,
    clock,
    funders,
    make_bulletin,
    make_call,
    make_translated_call,
    topics,
)

pytestmark = pytest.mark.django_db


class TestPageTypes(WagtailPageTestCase):
    def test_the_archive_lives_under_a_home_page_and_holds_issues(self):
        self.assertAllowedParentPageTypes(BulletinIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BulletinIndexPage, {BulletinPage})

    def test_an_issue_lives_in_the_archive_and_has_no_children(self):
        self.assertAllowedParentPageTypes(BulletinPage, {BulletinIndexPage})
        self.assertAllowedSubpageTypes(BulletinPage, set())


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").main.get_text(" ").split())


def test_an_issue_shows_every_kind_of_section(client, make_bulletin, make_translated_call):
    call = make_translated_call("Kogukondade koostööprojektid", "Совместные проекты сообществ")
    issue = make_bulletin(
        issue_number=846,
        issue_date=date(2026, 3, 2),
        title="Совместные проекты и обучение",
        introduction="Главное за неделю.",
        body=[
            calls_section(call["ru"], notes={call["ru"].pk: "Подходит тем, кто нашёл партнёра."}),
            *OTHER_SECTIONS,
        ],
    )

    response = client.get("/ru/bulletins/846/")

    assert response.status_code == 200
    assert response.context["page"].pk == issue.pk
    page = text_of(response)
    soup = BeautifulSoup(response.content, "html.parser")
    issue_line = soup.select_one(".bulletin-issue")
    assert "846" in issue_line.get_text()
    assert issue_line.time["datetime"] == "2026-03-02"
    assert issue_line.time.get_text() == "2 марта 2026 г."
    # The call, with its funder, its deadline in Estonian time and the editor's note.
    assert "Совместные проекты сообществ" in page
    assert "Фонд гражданского общества" in page
    item = soup.select_one(".bulletin-call")
    assert item.a["href"] == call["ru"].url
    assert item.time["datetime"] == isotime(call["ru"].deadline)
    assert item.time.get_text() == format_datetime(call["ru"].deadline)
    assert "Подходит тем, кто нашёл партнёра." in page
    # News, events (with their dates and place), organisations' news, the closing note.
    assert "«Силд» ищет волонтёров-переводчиков" in page
    assert "Каждую неделю мы переводим десятки объявлений." in page
    assert "Обучение" in page
    event = soup.select_one(".bulletin-event")
    assert [time["datetime"] for time in event.find_all("time")] == ["2026-03-12", "2026-03-13"]
    assert "12 марта 2026 г." in event.get_text()
    assert "10:00–16:00" in event.get_text()
    assert "Тарту, Эстонский национальный музей" in page
    assert "Нарвский молодёжный центр" in page
    assert "Хорошей недели!" in page
    assert "Команда «Силда»" in page
    assert soup.find("a", href="https://sild.example/koolitus")


def test_calls_that_are_no_longer_published_are_left_out(
    client, make_bulletin, make_translated_call
):
    kept = make_translated_call("Avatud voor", "Открытый конкурс")
    withdrawn = make_translated_call("Tagasi võetud voor", "Отозванный конкурс")
    make_bulletin(issue_number=10, body=[calls_section(kept["ru"], withdrawn["ru"])])
    withdrawn["ru"].unpublish()

    page = text_of(client.get("/ru/bulletins/10/"))

    assert "Открытый конкурс" in page
    assert "Отозванный конкурс" not in page


def test_a_call_chosen_in_another_language_is_shown_in_the_issues_language(
    client, make_bulletin, make_translated_call
):
    call = make_translated_call("Keelepraktika projektid", "Проекты языковой практики")
    # The editor picked the Estonian call in the Russian issue by mistake.
    make_bulletin(issue_number=11, body=[calls_section(call["et"])])

    page = text_of(client.get("/ru/bulletins/11/"))

    assert "Проекты языковой практики" in page
    assert "Keelepraktika projektid" not in page


def test_an_issue_links_to_the_previous_and_next_issues_and_the_archive(client, make_bulletin):
    make_bulletin(issue_number=100, issue_date=date(2026, 1, 5), title="Выпуск сто")
    make_bulletin(issue_number=101, issue_date=date(2026, 1, 12), title="Выпуск сто один")
    make_bulletin(issue_number=102, issue_date=date(2026, 1, 19), title="Выпуск сто два")
    make_bulletin(issue_number=103, issue_date=date(2026, 1, 26), live=False, title="Черновик")

    soup = BeautifulSoup(client.get("/ru/bulletins/101/").content, "html.parser")

    assert soup.find("a", rel="prev")["href"] == "/ru/bulletins/100/"
    assert soup.find("a", rel="next")["href"] == "/ru/bulletins/102/"
    assert soup.find("nav", class_="bulletin-pager").find("a", href="/ru/bulletins/")
    newest = BeautifulSoup(client.get("/ru/bulletins/102/").content, "html.parser")
    assert newest.find("a", rel="next") is None  # the draft is not offered


def badge(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".bulletin-call .badge")


def test_a_kept_issue_shows_a_calls_status_as_the_clock_moves(
    client, clock, make_bulletin, make_call, funders
):
    call = make_call(
        language="ru",
        title="Малые гранты",
        funder=funders["kysk"]["ru"],
        opens_at=clock.now - timedelta(days=10),
        deadline=clock.now + timedelta(days=9, hours=12),
    )
    make_bulletin(issue_number=20, body=[calls_section(call)])
    path = "/ru/bulletins/20/"
    assert "badge-open" in badge(client.get(path))["class"]
    assert "badge-open" in badge(client.get(path))["class"]

    clock.now += timedelta(days=3)  # the deadline is 6½ days away
    assert "badge-closing-soon" in badge(client.get(path))["class"]

    clock.now += timedelta(days=7)
    assert "badge-closed" in badge(client.get(path))["class"]


def test_a_kept_issue_shows_a_republished_call_and_a_renamed_funder_at_once(
    client, make_bulletin, make_call, funders
):
    call = make_call(
        language="ru", title="Малые гранты", funder=funders["kysk"]["ru"], revision=True
    )
    make_bulletin(issue_number=21, body=[calls_section(call)])
    path = "/ru/bulletins/21/"
    assert "Малые гранты" in text_of(client.get(path))

    call.title = "Малые гранты 2027"
    call.save_revision().publish()
    funder = funders["kysk"]["ru"]
    funder.name = "Фонд гражданского общества Эстонии"
    funder.save()
    page = text_of(client.get(path))

    assert "Малые гранты 2027" in page
    assert "Фонд гражданского общества Эстонии" in page


def test_a_preview_shows_the_drafts_sections_and_the_published_issue_stays(
    client, make_bulletin, make_call, funders
):
    published = make_call(language="ru", title="Опубликованный", funder=funders["kysk"]["ru"])
    drafted = make_call(language="ru", title="Добавленный в черновик", funder=funders["kysk"]["ru"])
    issue = make_bulletin(issue_number=22, body=[calls_section(published)])
    path = "/ru/bulletins/22/"
    assert "Опубликованный" in text_of(client.get(path))

    issue.body = [calls_section(drafted)]
    preview = text_of(issue.make_preview_request())

    assert "Добавленный в черновик" in preview
    page = text_of(client.get(path))
    assert "Опубликованный" in page
    assert "Добавленный в черновик" not in page


def test_the_estonian_issue_is_shown_in_estonian_beside_a_kept_russian_one(
    client, make_bulletin, make_translated_call
):
    call = make_translated_call("Keelepraktika projektid", "Проекты языковой практики")
    make_bulletin(issue_number=23, body=[calls_section(call["ru"])])
    make_bulletin(language="et", issue_number=23, body=[calls_section(call["ru"])])

    assert "Проекты языковой практики" in text_of(client.get("/ru/bulletins/23/"))
    estonian = client.get("/et/bulletins/23/")
    assert "Keelepraktika projektid" in text_of(estonian)
    assert "Tähtaeg" in text_of(estonian)


def test_publishing_the_next_issue_links_it_from_a_kept_one(client, make_bulletin):
    make_bulletin(issue_number=110, issue_date=date(2026, 2, 2))
    path = "/ru/bulletins/110/"
    assert BeautifulSoup(client.get(path).content, "html.parser").find("a", rel="next") is None

    make_bulletin(issue_number=111, issue_date=date(2026, 2, 9))

    following = BeautifulSoup(client.get(path).content, "html.parser").find("a", rel="next")
    assert following["href"] == "/ru/bulletins/111/"


def count_queries(client, path):
    """The queries of the issue's first reading after a publication (the sections and the
    issues around it rendered afresh), and of the next one (all of it kept)."""
    client.get(path)  # warm per-process caches
    page_tree_changed()
    counts = []
    for _reading in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts


def test_an_issue_costs_the_same_queries_for_2_and_24_calls(
    client, make_bulletin, make_call, funders
):
    def calls(count, start):
        return [
            make_call(
                language="ru",
                title=f"Конкурс {number}",
                funder=funders["kysk" if number % 2 else "narva"]["ru"],
            )
            for number in range(start, start + count)
        ]

    make_bulletin(issue_number=1, body=[calls_section(*calls(2, 0)), *OTHER_SECTIONS])
    few = count_queries(client, "/ru/bulletins/1/")
    many_calls = calls(24, 2)
    make_bulletin(
        issue_number=2,
        body=[
            calls_section(*many_calls[:12]),
            *OTHER_SECTIONS,
            calls_section(*many_calls[12:], heading="Ещё конкурсы"),
        ],
    )
    many = count_queries(client, "/ru/bulletins/2/")

    assert many == few
    first, kept = many
    assert first <= 20
    # The page itself and the generation's cached site; the sections and the pager are kept.
    assert kept <= 2, kept


def test_an_event_that_ends_before_it_starts_is_refused_with_a_clear_error(
    client, archives, site_tree
):
    client.force_login(get_user_model().objects.get(username="editor"))
    url = f"/admin/pages/add/bulletins/bulletinpage/{archives['ru'].pk}/"
    form = {
        "title": "Выпуск с ошибкой",
        "slug": "oshibka",
        "issue_number": "900",
        "issue_date": "2026-03-02",
        "introduction": "",
        "body-count": "1",
        "body-0-type": "events",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value-heading": "",
        "body-0-value-events-count": "0",
        "body-0-value-items-count": "1",
        "body-0-value-items-0-deleted": "",
        "body-0-value-items-0-order": "0",
        "body-0-value-items-0-id": "",
        "body-0-value-items-0-value-title": "Тренинг",
        "body-0-value-items-0-value-date": "2026-03-12",
        "body-0-value-items-0-value-end_date": "2026-03-10",
        "body-0-value-items-0-value-time": "",
        "body-0-value-items-0-value-place": "Таллинн",
        "body-0-value-items-0-value-description": "",
        "body-0-value-items-0-value-link": "",
    }

    response = client.post(url, form)

    assert response.status_code == 200
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        message = str(EVENT_ENDS_BEFORE_START)
    # The admin draws StreamField errors from JSON, where non-ASCII letters are escaped.
    content = response.content.decode()
    assert message in content or json.dumps(message)[1:-1] in content
    assert not BulletinPage.objects.filter(slug="oshibka").exists()

    form["body-0-value-items-0-value-end_date"] = "2026-03-13"
    response = client.post(url, form)
    assert response.status_code == 302
    saved = BulletinPage.objects.get(slug="oshibka")
    (event,) = saved.body[0].value["items"]
    assert event["end_date"] - event["date"] == timedelta(days=1)
