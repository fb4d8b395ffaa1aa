"""Search bridges languages and scripts: a Russian-speaking youth NGO in Narva finds an
Estonian-speaking partner in Tartu in one search, and the other way round.

The organisations are created once for the module (inside a transaction rolled back at the
end); every case goes through the real directory page, on SQLite and on PostgreSQL alike."""

import pytest
from bs4 import BeautifulSoup
from django.db import transaction

from directory.demo import ensure_directory
from directory.factories import OrganisationFactory, create_profile
from directory.vocabularies import ensure_vocabularies
from home import demo as home_demo

WORLD = [
    # (facts, versions)
    (
        {"town": "Tartu", "county": "tartu", "fields": ["youth"], "works_in_estonian": True},
        {
            "et": {
                "title": "Tartu Noorte Omaalgatus",
                "description": "Aitame noortel oma projekte ellu viia: mentorid ja toetused.",
            }
        },
    ),
    (
        {
            "town": "Narva",
            "county": "ida-viru",
            "fields": ["youth"],
            "works_in_russian": True,
            "works_in_estonian": False,
            "registered_name": "MTÜ Narva Noortekeskus",
        },
        {
            "ru": {
                "title": "Нарвский молодёжный центр",
                "description": "Кружки робототехники и видеосъёмки для подростков.",
            }
        },
    ),
    (
        {"town": "Narva", "county": "ida-viru", "fields": ["culture"]},
        {"et": {"title": "Narva Eesti Selts", "description": "Eesti kultuuri päevad Narvas."}},
    ),
    (
        {"town": "Jõhvi", "county": "ida-viru", "fields": ["culture"]},
        {"et": {"title": "Jõhvi Kultuuriselts", "description": "Kontserdid ja näitused."}},
    ),
    (
        {"town": "Pärnu", "county": "parnu", "fields": ["social-welfare"]},
        {"et": {"title": "Pärnu Eakate Ühendus", "description": "Seltsielu ja tugi eakatele."}},
    ),
    (
        {"town": "Tallinn", "county": "harju", "fields": ["environment"], "works_in_english": True},
        {
            "et": {"title": "Tallinna Rohelised", "description": "Linnaaiad ja rannatalgud."},
            "en": {"title": "Tallinn Greens", "description": "City gardens and beach clean-ups."},
        },
    ),
    (
        {"town": "Kohtla-Järve", "county": "ida-viru", "fields": ["volunteering"]},
        {"et": {"title": "Kohtla-Järve Abikäed", "description": "Aitame naabreid ja linna."}},
    ),
    (
        {"town": "Sillamäe", "county": "ida-viru", "fields": ["sport"]},
        {"et": {"title": "Sillamäe Merekool", "description": "Purjetamine lastele."}},
    ),
    (
        {
            "town": "Võru",
            "county": "voru",
            "fields": ["integration"],
            "works_in_russian": True,
        },
        {
            "et": {
                "title": "Võru Keelesõbrad",
                "description": "Vestlusklubi eesti keele õppijatele.",
            },
            "ru": {"title": "Друзья языка Выру", "description": "Разговорный клуб эстонского."},
        },
    ),
]

CASES = [
    # (reader's language, query, a title that must be found)
    ("ru", "Нарва", "Narva Eesti Selts"),
    ("ru", "Нарве", "Narva Eesti Selts"),
    ("et", "Narva", "Нарвский молодёжный центр"),
    ("et", "Narvas", "Нарвский молодёжный центр"),
    ("ru", "Тарту", "Tartu Noorte Omaalgatus"),
    ("et", "Tartus", "Tartu Noorte Omaalgatus"),
    ("ru", "Йыхви", "Jõhvi Kultuuriselts"),
    ("ru", "ЙЫХВИ", "Jõhvi Kultuuriselts"),
    ("en", "Johvi", "Jõhvi Kultuuriselts"),
    ("et", "Jõhvis", "Jõhvi Kultuuriselts"),
    ("ru", "молодёжь", "Tartu Noorte Omaalgatus"),
    ("ru", "молодежь", "Tartu Noorte Omaalgatus"),
    ("ru", "молодёжной", "Tartu Noorte Omaalgatus"),
    ("ru", "molodezh", "Tartu Noorte Omaalgatus"),
    ("et", "noorsootöö", "Нарвский молодёжный центр"),
    ("et", "noortele", "Нарвский молодёжный центр"),
    ("en", "youth", "Нарвский молодёжный центр"),
    ("ru", "Пярну", "Pärnu Eakate Ühendus"),
    ("en", "Parnu", "Pärnu Eakate Ühendus"),
    ("en", "Paernu", "Pärnu Eakate Ühendus"),
    ("ru", "пенсионеры", "Pärnu Eakate Ühendus"),
    ("ru", "Таллин", "Tallinn Greens"),
    ("ru", "Таллинн", "Tallinn Greens"),
    ("ru", "экология", "Tallinn Greens"),
    ("ru", "Кохтла-Ярве", "Kohtla-Järve Abikäed"),
    ("en", "Kohtla Jarve", "Kohtla-Järve Abikäed"),
    ("ru", "волонтёры", "Kohtla-Järve Abikäed"),
    ("ru", "Силламяэ", "Sillamäe Merekool"),
    ("en", "Sillamae", "Sillamäe Merekool"),
    ("ru", "Выру", "Друзья языка Выру"),
    ("et", "Выру", "Võru Keelesõbrad"),
    ("ru", "keelekümblus", "Друзья языка Выру"),
    ("ru", "Ида-Вирумаа", "Jõhvi Kultuuriselts"),
    ("et", "Tаrtu", "Tartu Noorte Omaalgatus"),  # a Cyrillic "а" inside a Latin word
    ("ru", "Narva Eesti", "Narva Eesti Selts"),
    ("ru", "молодёжь Тарту", "Tartu Noorte Omaalgatus"),
]

NOT_FOUND = [
    ("ru", "молодёжь", "Pärnu Eakate Ühendus"),
    ("ru", "Тарту", "Нарвский молодёжный центр"),
    ("ru", "молодёжь Тарту", "Нарвский молодёжный центр"),
    ("et", "Johvi", "Narva Eesti Selts"),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        homes = home_demo.seed()["homes"]
        ensure_vocabularies()
        directories = ensure_directory(homes)
        for facts, versions in WORLD:
            create_profile(directories, OrganisationFactory(**facts), versions)
        yield directories
        transaction.set_rollback(True)


def found(client, language, query):
    response = client.get(f"/{language}/organisations/", {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in page.select(".directory-card h2 a")]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query", "title"), CASES)
def test_query_finds_across_languages_and_scripts(client, world, language, query, title):
    assert title in found(client, language, query)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query", "title"), NOT_FOUND)
def test_query_does_not_find_unrelated_organisations(client, world, language, query, title):
    assert title not in found(client, language, query)


@pytest.mark.django_db
def test_each_organisation_is_listed_once_in_the_readers_language_when_it_can_be(client, world):
    titles = found(client, "en", "Tallinn")

    assert titles.count("Tallinn Greens") == 1
    assert "Tallinna Rohelised" not in titles
    assert "Tallinna Rohelised" in found(client, "et", "Tallinn")
