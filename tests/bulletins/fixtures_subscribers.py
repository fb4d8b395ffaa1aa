"""Fixtures of the subscriber tests (imported by each test module that uses them)."""

import re
from datetime import date
from unittest import mock

import pytest
from django.utils import timezone

from bulletins.models import BulletinPage, Subscriber, Topic
from tests.bulletins.fixtures_sending import bulletin_index

SUBSCRIBE = "/ru/newsletter/subscribe/"


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
def make_subscriber(db):
    def make(email="olga@ngo.example", **fields):
        values = {
            "language": "ru",
            "topics": list(Topic.values),
            "kind": Subscriber.Kind.ORGANISATION,
            "status": Subscriber.Status.CONFIRMED,
            "consented_at": timezone.now(),
            "consent_source": "test",
            **fields,
        }
        return Subscriber.objects.create(email=email, **values)

    return make


@pytest.fixture
def bulletin_page(site_tree):
    """A published Russian bulletin, for deliveries to point at."""
    return bulletin_index(site_tree["homes"]["ru"]).add_child(
        instance=BulletinPage(
            title="Бюллетень № 12", slug="12", issue_number=12, issue_date=date(2026, 3, 5)
        )
    )


def subscribe(client, email, language="ru", topics=("calls", "trainings"), kind="person", **extra):
    data = {"email": email, "language": language, "topics": list(topics), "kind": kind}
    data["homepage"] = extra.pop("homepage", "")
    return client.post(extra.pop("url", SUBSCRIBE), data, **extra)


def delivered_link(message, kind):
    """The token link of ``kind`` (confirm, unsubscribe, preferences) in a delivered message,
    as a path."""
    body = message.get_payload()[0].get_payload(decode=True).decode()
    return re.search(rf"http://testserver(/newsletter/{kind}/[^/\s]+/)", body).group(1)


def outbox_link(message, kind):
    return re.search(rf"http://testserver(/newsletter/{kind}/[^/\s]+/)", message.body).group(1)
