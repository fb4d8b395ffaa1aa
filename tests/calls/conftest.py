from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from calls.factories import CallPageFactory, FunderFactory
from directory.vocabularies import ensure_vocabularies
from tests.conftest import call_index_pages

TALLINN = ZoneInfo("Europe/Tallinn")


def tallinn(*args):
    """An aware datetime given as Estonian wall-clock time (first occurrence if ambiguous)."""
    return datetime(*args, tzinfo=TALLINN)


class Clock:
    """A stopped clock: ``clock.now`` is what ``timezone.now()`` returns until changed."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    fake = Clock(timezone.now().replace(microsecond=0))
    with mock.patch("django.utils.timezone.now", fake):
        yield fake


@pytest.fixture
def call_indexes(site_tree):
    """calls/ in every language, the three pages translations of each other."""
    return call_index_pages(site_tree["homes"])


@pytest.fixture
def topics(locales):
    """The canonical fields of activity, by slug, with their translations in every language
    (from directory/vocabularies.toml, as on a real site)."""
    return ensure_vocabularies()["activity_fields"]


@pytest.fixture
def funders(locales):
    kysk_et = FunderFactory(name="Kodanikuühiskonna Sihtkapital", slug="kysk", locale=locales["et"])
    kysk_ru = FunderFactory(
        name="Фонд гражданского общества",
        slug="kysk",
        locale=locales["ru"],
        translation_key=kysk_et.translation_key,
    )
    narva_et = FunderFactory(name="Narva Linnavalitsus", slug="narva", locale=locales["et"])
    narva_ru = FunderFactory(
        name="Нарвская городская управа",
        slug="narva",
        locale=locales["ru"],
        translation_key=narva_et.translation_key,
    )
    return {"kysk": {"et": kysk_et, "ru": kysk_ru}, "narva": {"et": narva_et, "ru": narva_ru}}


@pytest.fixture
def make_call(call_indexes):
    def make(language="et", **fields):
        return CallPageFactory(parent=call_indexes[language], **fields)

    return make


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


@pytest.fixture
def admin_client(client, site_tree):
    client.session_user = get_user_model().objects.get(username="admin")
    client.force_login(client.session_user)
    return client
