# Fixtures are imported from fixtures_pages and named as test arguments:
# ruff: noqa: F811
"""Each section of a bulletin has e-mail templates, HTML and plain text, that the sending code
includes with ``value``, ``page``, ``base_url`` and ``language``: tables for mail clients,
absolute links only, classes that the e-mail's stylesheet defines, and a plain text with
every title, date and address and no HTML left in it."""

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.template.loader import get_template, render_to_string
from django.utils import translation

from bulletins.blocks import BulletinBodyBlock

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

BASE_URL = "https://sild.example"
CSS = Path(__file__).resolve().parents[2] / "bulletins/templates/bulletins/email/blocks.css"


EVENTS = (
    "events",
    {
        "heading": "",
        "items": [
            {
                "title": "Тренинг для координаторов",
                "date": date(2026, 3, 12),
                "end_date": date(2026, 3, 13),
                "time": "10:00–16:00",
                "place": "Тарту",
                "description": "Два дня практики.",
                "link": "https://sild.example/koolitus",
            }
        ],
    },
)


@pytest.fixture
def issue(make_bulletin, make_translated_call, site_tree):
    call = make_translated_call("Kogukondade koostööprojektid", "Совместные проекты & партнёры")
    about = site_tree["about"]["ru"]
    page = make_bulletin(
        issue_number=846,
        issue_date=date(2026, 3, 2),
        body=[
            calls_section(
                call["ru"], notes={call["ru"].pk: "Подходит тем, у кого есть «партнёр»."}
            ),
            (
                "news",
                {
                    "heading": "Новости сети",
                    "items": [
                        {
                            "title": "«Силд» ищет волонтёров",
                            "text": (
                                f'<p>Подробнее <a linktype="page" id="{about.pk}">о сети</a>.</p>'
                                "<ul><li>два часа в неделю</li><li>удалённо</li></ul>"
                            ),
                            "link": "https://sild.example/vabatahtlikud",
                        }
                    ],
                },
            ),
            EVENTS,
            (
                "organisation_news",
                {
                    "heading": "",
                    "items": [
                        {
                            "title": "Подростки сняли фильм",
                            "organisation": "Нарвский молодёжный центр",
                            "text": "Фильм можно посмотреть на сайте.",
                            "link": "https://narva.example/film",
                        }
                    ],
                },
            ),
            ("paragraph", "<p>Отдельный абзац.</p>"),
            ("closing_note", {"text": "<p>Хорошей недели!</p>", "signature": "Команда «Силда»"}),
        ],
    )
    return {"page": page, "call": call, "about": about}


def render(block, page, extension, language="ru"):
    with translation.override(language):
        return render_to_string(
            f"bulletins/email/blocks/{block.block_type}.{extension}",
            {"value": block.value, "page": page, "base_url": BASE_URL, "language": language},
        )


def test_every_section_type_has_an_html_and_a_text_template():
    for block_type in BulletinBodyBlock().child_blocks:
        get_template(f"bulletins/email/blocks/{block_type}.html")
        get_template(f"bulletins/email/blocks/{block_type}.txt")


def test_html_parts_are_tables_with_absolute_links_and_defined_classes(issue):
    page = issue["page"]
    defined = set(re.findall(r"\.(bm-[a-z0-9-]+)", CSS.read_text()))
    html = {block.block_type: render(block, page, "html") for block in page.body}

    for block_type, part in html.items():
        soup = BeautifulSoup(part, "html.parser")
        assert soup.find("table", role="presentation"), block_type
        for link in soup.find_all("a"):
            assert link["href"].startswith(("https://", "http://")), (block_type, link)
        used = {name for tag in soup.find_all(class_=True) for name in tag["class"]}
        assert used <= defined, (block_type, used - defined)

    calls = BeautifulSoup(html["calls"], "html.parser")
    link = calls.find("a", string="Совместные проекты & партнёры")
    assert link["href"] == BASE_URL + issue["call"]["ru"].url
    assert "Фонд гражданского общества" in calls.get_text()
    assert "Подходит тем, у кого есть «партнёр»." in calls.get_text()
    news = BeautifulSoup(html["news"], "html.parser")
    assert news.find("a", string="о сети")["href"] == BASE_URL + issue["about"].url
    assert "Новости сети" in news.get_text()


def test_text_parts_carry_every_title_date_and_address_without_html(issue):
    page = issue["page"]
    text = "\n".join(render(block, page, "txt") for block in page.body)

    call = issue["call"]["ru"]
    for expected in [
        "Совместные проекты & партнёры",
        "Фонд гражданского общества",
        BASE_URL + call.url,
        "Подходит тем, у кого есть «партнёр».",
        "== Новости сети ==",
        f"о сети <{BASE_URL}{issue['about'].url}>",
        "- два часа в неделю\n- удалённо",
        "https://sild.example/vabatahtlikud",
        "12 марта 2026 г.–13 марта 2026 г., 10:00–16:00",
        "Тарту",
        "Нарвский молодёжный центр",
        "https://narva.example/film",
        "Отдельный абзац.",
        "Хорошей недели!",
        "Команда «Силда»",
    ]:
        assert expected in text, expected
    assert "<" not in text.replace(f"<{BASE_URL}", "")
    assert "&amp;" not in text and "&quot;" not in text and "&#" not in text


def test_an_estonian_issue_shows_the_estonian_call_and_estonian_dates(
    issue, locales, make_bulletin
):
    russian_call = issue["call"]["ru"]
    estonian_page = make_bulletin(
        "et",
        issue_number=846,
        issue_date=date(2026, 3, 2),
        # A translation keeps the calls chosen in the source.
        body=[calls_section(russian_call), EVENTS],
    )
    calls, events = list(estonian_page.body)

    html = render(calls, estonian_page, "html", language="et")
    text = render(events, estonian_page, "txt", language="et")

    link = BeautifulSoup(html, "html.parser").select_one("a")
    assert link.get_text() == "Kogukondade koostööprojektid"
    assert link["href"] == BASE_URL + issue["call"]["et"].url
    assert "12. märts 2026–13. märts 2026" in text
