from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.vocabularies import ensure_vocabularies
from events.factories import EventPageFactory
from tests.conftest import event_index_pages

TALLINN = ZoneInfo("Europe/Tallinn")


def tallinn(*args):
    """An aware datetime given as Estonian wall-clock time."""
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
def event_indexes(site_tree):
    """events/ in every language, the three pages translations of each other."""
    return event_index_pages(site_tree["homes"])


@pytest.fixture
def vocabularies(locales):
    """The canonical fields of activity and target groups, by kind and slug."""
    return ensure_vocabularies()


@pytest.fixture
def make_event(event_indexes):
    def make(language="et", **fields):
        return EventPageFactory(parent=event_indexes[language], **fields)

    return make


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


@pytest.fixture
def make_organisation(site_tree, vocabularies):
    """``make_organisation({"et": {"title": ..., "description": ...}})``: an organisation
    with a published profile in each given language."""
    from directory.demo import ensure_directory
    from directory.factories import OrganisationFactory, create_profile

    directories = ensure_directory(site_tree["homes"])

    def make(versions, **facts):
        organisation = OrganisationFactory(**facts)
        create_profile(directories, organisation, versions)
        organisation.refresh_from_db()
        return organisation

    return make
