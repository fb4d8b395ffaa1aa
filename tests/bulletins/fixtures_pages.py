"""Fixtures of the bulletin page tests: the archive in three languages, issues and calls.

Imported by the test modules (not a conftest, which other bulletin areas may add too)."""

from datetime import date

import pytest

from bulletins.factories import BulletinPageFactory
from tests.calls.conftest import call_indexes, clock, funders, make_call, topics  # noqa: F401
from tests.conftest import bulletin_archives


@pytest.fixture
def archives(site_tree):
    """bulletins/ in every language, the three pages translations of each other."""
    return bulletin_archives(site_tree["homes"])


@pytest.fixture
def make_bulletin(archives):
    def make(language="ru", **fields):
        return BulletinPageFactory(parent=archives[language], **fields)

    return make


@pytest.fixture
def make_translated_call(make_call, funders):  # noqa: F811
    """A call written in Estonian with its Russian version (same translation key), both
    published through a revision as in the admin."""

    def make(title_et, title_ru, funder="kysk", **fields):
        fields.setdefault("revision", True)
        estonian = make_call(title=title_et, funder=funders[funder]["et"], **fields)
        russian = make_call(
            language="ru",
            title=title_ru,
            slug=estonian.slug,
            funder=funders[funder]["ru"],
            translation_key=estonian.translation_key,
            **fields,
        )
        return {"et": estonian, "ru": russian}

    return make


def calls_section(*calls, heading="", notes=None):
    notes = notes or {}
    return (
        "calls",
        {
            "heading": heading,
            "calls": [{"call": call, "note": notes.get(call.pk, "")} for call in calls],
        },
    )


# Every kind of section but calls, as an editor fills them.
OTHER_SECTIONS = [
    (
        "news",
        {
            "heading": "",
            "items": [
                {
                    "title": "«Силд» ищет волонтёров-переводчиков",
                    "text": "<p>Каждую неделю мы переводим десятки объявлений.</p>",
                    "link": "https://sild.example/vabatahtlikud",
                }
            ],
        },
    ),
    (
        "events",
        {
            "heading": "Обучение",
            "items": [
                {
                    "title": "Тренинг «Как удержать волонтёров»",
                    "date": date(2026, 3, 12),
                    "end_date": date(2026, 3, 13),
                    "time": "10:00–16:00",
                    "place": "Тарту, Эстонский национальный музей",
                    "description": "Двухдневный тренинг для координаторов.",
                    "link": "https://sild.example/koolitus",
                }
            ],
        },
    ),
    (
        "organisation_news",
        {
            "heading": "",
            "items": [
                {
                    "title": "Подростки сняли общий фильм",
                    "organisation": "Нарвский молодёжный центр",
                    "text": "Двенадцать подростков из двух городов сняли фильм.",
                    "link": "",
                }
            ],
        },
    ),
    (
        "closing_note",
        {"text": "<p>Хорошей недели!</p>", "signature": "Команда «Силда»"},
    ),
]
