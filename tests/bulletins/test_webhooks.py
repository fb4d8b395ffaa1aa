"""Bounces and complaints from an e-mail service suppress the address for later sends."""

import hashlib
import hmac
import json
import time

import pytest

from bulletins.models import Subscriber

from .fixtures_sending import make_subscribers

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.bulletins.urls")]

KEY = "test-signing-key"
URL = "/newsletter/anymail/mailgun/tracking/"


@pytest.fixture(autouse=True)
def mailgun(settings):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": KEY}


def event(kind, recipient, *, severity=None, key=KEY):
    timestamp, token = str(int(time.time())), "a" * 50
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    data = {"event": kind, "recipient": recipient, "timestamp": time.time(), "id": "x"}
    if severity:
        data["severity"] = severity
    return json.dumps(
        {
            "signature": {
                "timestamp": timestamp,
                "token": token,
                "signature": signature.hexdigest(),
            },
            "event-data": data,
        }
    )


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def status(subscriber):
    subscriber.refresh_from_db()
    return subscriber.status


def test_a_hard_bounce_marks_the_address_bounced(client):
    reader, other = make_subscribers(2)

    response = post(client, event("failed", reader.email, severity="permanent"))

    assert response.status_code == 200
    assert status(reader) == Subscriber.Status.BOUNCED
    assert status(other) == Subscriber.Status.CONFIRMED


def test_a_temporary_failure_changes_nothing(client):
    (reader,) = make_subscribers(1)

    post(client, event("failed", reader.email, severity="temporary"))

    assert status(reader) == Subscriber.Status.CONFIRMED


def test_a_complaint_unsubscribes(client):
    (reader,) = make_subscribers(1)

    post(client, event("complained", reader.email.upper()))

    assert status(reader) == Subscriber.Status.UNSUBSCRIBED
    assert reader.unsubscribed_at is not None


def test_a_forged_event_is_refused_and_changes_nothing(client):
    (reader,) = make_subscribers(1)

    response = post(client, event("failed", reader.email, severity="permanent", key="guess"))

    assert response.status_code == 400
    assert status(reader) == Subscriber.Status.CONFIRMED
    unsigned = json.dumps({"event-data": {"event": "complained", "recipient": reader.email}})
    assert post(client, unsigned).status_code == 400
    assert status(reader) == Subscriber.Status.CONFIRMED
