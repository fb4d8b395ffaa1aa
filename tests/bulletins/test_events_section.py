# Fixtures are imported from fixtures_pages and tests.events and named as test arguments:
# ruff: noqa: F811
"""The bulletin's "trainings and events" section picks events from events/: chosen in the
editor or offered by "Assemble the next issue", each shown with its date, place and language
on the web and in both parts of the e-mail, in the bulletin's language when translated. Events
typed in by hand (the section's older form) still work beside them."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.blocks.struct_block import StructBlockValidationError

from bulletins.blocks import EventsBlock
from bulletins.models import BulletinPage
from events.models import EventPage
from tests.events.conftest import event_indexes, make_event, tallinn, vocabularies  # noqa: F401

from .fixtures_pages import archives, make_bulletin  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

BASE_URL = "https://sild.example"


@pytest.fixture
def make_translated_event(make_event):
    """An event written in Estonian with its Russian version (same translation key)."""

    def make(title_et, title_ru, **fields):
        fields.setdefault("revision", True)
        estonian = make_event(title=title_et, **fields)
        russian = make_event(
            language="ru",
            title=title_ru,
            slug=estonian.slug,
            translation_key=estonian.translation_key,
            **fields,
        )
        return {"et": estonian, "ru": russian}

    return make


def events_section(*events, heading="", notes=None, items=()):
    notes = notes or {}
    return (
        "events",
        {
            "heading": heading,
            "events": [{"event": event, "note": notes.get(event.pk, "")} for event in events],
            "items": list(items),
        },
    )


TYPED_IN = {
    "title": "Тренинг «Как удержать волонтёров»",
    "date": date(2031, 3, 12),
    "end_date": None,
    "time": "10:00–16:00",
    "place": "Тарту",
    "description": "",
    "link": "",
}


@pytest.fixture
def training(make_translated_event):
    return make_translated_event(
        "Projektitaotluse koolitus",
        "Тренинг по проектным заявкам",
        starts_at=tallinn(2031, 3, 12, 10, 0),
        ends_at=tallinn(2031, 3, 12, 16, 0),
        county="ida-viru",
        town="Narva",
        address="Raekoja plats 2",
        languages=["et", "ru"],
    )


def test_a_chosen_event_is_shown_with_date_place_and_language(client, make_bulletin, training):
    make_bulletin(
        issue_number=900,
        body=[events_section(training["ru"], notes={training["ru"].pk: "Для новичков."})],
    )

    page = BeautifulSoup(client.get("/ru/bulletins/900/").content, "html.parser")

    section = page.select_one(".bulletin-events")
    link = section.find("a", string="Тренинг по проектным заявкам")
    assert link["href"] == "/ru/events/projektitaotluse-koolitus/"
    text = section.get_text(" ", strip=True)
    assert "12 марта 2031 г., 10:00–16:00" in text
    assert "Narva, Raekoja plats 2" in text
    assert "русский, эстонский" in text
    assert "Для новичков." in text


def test_an_event_chosen_in_estonian_is_shown_in_the_bulletins_language(
    client, make_bulletin, training
):
    make_bulletin(issue_number=900, body=[events_section(training["et"])])

    page = BeautifulSoup(client.get("/ru/bulletins/900/").content, "html.parser")

    assert page.find("a", string="Тренинг по проектным заявкам")["href"] == (
        "/ru/events/projektitaotluse-koolitus/"
    )


def test_typed_in_events_still_show_beside_chosen_ones(client, make_bulletin, training):
    make_bulletin(issue_number=900, body=[events_section(training["ru"], items=[TYPED_IN])])
    make_bulletin(issue_number=901, body=[events_section(items=[TYPED_IN])])

    for number in (900, 901):
        page = BeautifulSoup(client.get(f"/ru/bulletins/{number}/").content, "html.parser")
        assert "Тренинг «Как удержать волонтёров»" in page.select_one(".bulletin-events").text


def test_an_unpublished_event_is_left_out(client, make_bulletin, training):
    make_bulletin(issue_number=900, body=[events_section(training["ru"], items=[TYPED_IN])])
    training["ru"].unpublish()
    training["et"].unpublish()

    text = BeautifulSoup(client.get("/ru/bulletins/900/").content, "html.parser").text

    assert "Тренинг по проектным заявкам" not in text
    assert "Тренинг «Как удержать волонтёров»" in text


def test_an_empty_section_is_refused():
    with pytest.raises(StructBlockValidationError):
        EventsBlock().clean({"heading": "", "events": [], "items": []})


def render(block, page, extension, language="ru"):
    with translation.override(language):
        return render_to_string(
            f"bulletins/email/blocks/events.{extension}",
            {"value": block.value, "page": page, "base_url": BASE_URL, "language": language},
        )


def test_the_email_shows_chosen_events_with_absolute_links(make_bulletin, training):
    page = make_bulletin(issue_number=900, body=[events_section(training["ru"], items=[TYPED_IN])])
    (block,) = page.body

    html = BeautifulSoup(render(block, page, "html"), "html.parser")
    text = render(block, page, "txt")

    link = html.find("a", string="Тренинг по проектным заявкам")
    assert link["href"] == BASE_URL + "/ru/events/projektitaotluse-koolitus/"
    for part in (html.get_text(" "), text):
        assert "12 марта 2031 г., 10:00–16:00" in part
        assert "Narva, Raekoja plats 2" in part
        assert "русский, эстонский" in part
        assert "Тренинг «Как удержать волонтёров»" in part
    assert BASE_URL + "/ru/events/projektitaotluse-koolitus/" in text
    assert "<" not in text


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_an_issue_costs_the_same_queries_for_1_and_12_events(client, make_bulletin, make_event):
    events = [
        make_event(language="ru", title=f"Тренинг {number}", slug=f"trening-{number}")
        for number in range(12)
    ]
    make_bulletin(issue_number=900, body=[events_section(events[0])])
    make_bulletin(
        issue_number=901,
        body=[events_section(*events[:6]), events_section(*events[6:], heading="Ещё")],
    )

    assert count_queries(client, "/ru/bulletins/900/") == count_queries(
        client, "/ru/bulletins/901/"
    )


# Assembling the next issue -----------------------------------------------------------------


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


def published_days_ago(page, days):
    EventPage.objects.filter(pk=page.pk).update(
        first_published_at=timezone.now() - timedelta(days=days)
    )


def test_assembling_offers_the_events_published_since_the_last_issue(
    editor_client, archives, make_bulletin, make_translated_event, make_event
):
    now = timezone.now()
    today = timezone.localdate()
    already = make_translated_event("Eelmises numbris", "Уже в прошлом выпуске")
    published_days_ago(already["ru"], 7)
    make_bulletin(
        issue_number=845, issue_date=today - timedelta(days=7), body=[events_section(already["ru"])]
    )
    old = make_translated_event("Vana", "Давно объявленный")
    published_days_ago(old["ru"], 12)
    later = make_translated_event(
        "Hilisem", "Позже", starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30.2)
    )
    sooner = make_translated_event(
        "Varasem", "Раньше", starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3.2)
    )
    make_translated_event(
        "Möödas", "Прошёл", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1)
    )
    make_event(title="Ainult eesti keeles")

    plan = editor_client.get(f"/admin/bulletins/{archives['ru'].pk}/assemble/")
    assert plan.context["plan"].events == [sooner["ru"], later["ru"]]
    assert "Раньше" in plan.content.decode()
    response = editor_client.post(f"/admin/bulletins/{archives['ru'].pk}/assemble/")

    draft = BulletinPage.objects.get(issue_number=846)
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    (section,) = draft.body
    assert section.block_type == "events"
    assert [item["event"] for item in section.value["events"]] == [sooner["ru"], later["ru"]]
    assert editor_client.get(response["Location"]).status_code == 200
    # Once published, the issue shows them.
    draft.get_latest_revision().publish()
    issue = BeautifulSoup(editor_client.get("/ru/bulletins/846/").content, "html.parser")
    assert issue.find("a", string="Раньше")["href"] == sooner["ru"].url
