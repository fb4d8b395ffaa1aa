"""Subscribing: the form under the language prefix, double opt-in through a real SMTP server,
the consent record, no enumeration of addresses, limits, and links that cannot be forged."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletins import tokens
from bulletins.models import Subscriber

from . import fixtures_subscribers as fixtures
from .fixtures_subscribers import SUBSCRIBE, delivered_link, outbox_link, subscribe

clock = fixtures.clock
make_subscriber = fixtures.make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_tree):
    return site_tree


def test_the_form_is_in_the_page_language_and_preselects_it(client):
    for language in ("ru", "et", "en"):
        response = client.get(f"/{language}/newsletter/subscribe/")

        assert response.status_code == 200
        page = response.content.decode()
        assert f'<html lang="{language}">' in page
        assert re.search(rf'name="language" value="{language}"[^>]* checked>', page)
        # Every topic is offered and preselected; kind must be chosen.
        assert len(re.findall(r'name="topics"[^>]* checked', page)) == 4
        assert 'name="kind"' in page
        assert 'name="homepage"' in page


def test_subscribing_records_the_consent_and_sends_a_confirmation_in_the_chosen_language(
    client, smtp_server
):
    form = client.get(SUBSCRIBE).content.decode()
    shown = re.search(r'<p class="subscription-consent">([^<]+?)\s*<', form).group(1)

    response = subscribe(client, "  Olga.Ivanova@NGO.example ", language="et")

    assert response.status_code == 302
    assert response["Location"] == "/ru/newsletter/subscribe/sent/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "olga.ivanova@ngo.example"
    assert subscriber.status == Subscriber.Status.PENDING
    assert (subscriber.language, subscriber.topics, subscriber.kind) == (
        "et",
        ["calls", "trainings"],
        "person",
    )
    # The consent record: when, the very sentence shown, and where.
    assert subscriber.consented_at is not None
    assert subscriber.consent_text == shown
    assert subscriber.consent_source == "web form /ru/newsletter/subscribe/"

    (delivered,) = smtp_server.messages
    assert delivered["to"] == ["olga.ivanova@ngo.example"]
    assert delivered["message"]["Content-Language"] == "et"
    confirm = delivered_link(delivered["message"], "confirm")

    # A link scanner opening the link changes nothing: the page asks for a button press, in
    # the subscriber's language.
    page = client.get(confirm)
    assert page.status_code == 200
    assert '<html lang="et">' in page.content.decode()
    assert '<form method="post">' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    confirmed = client.post(confirm)
    assert confirmed.status_code == 200
    assert '<html lang="et">' in confirmed.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    # Safe to repeat.
    assert client.post(confirm).status_code == 200
    assert client.get(confirm).status_code == 200


def test_the_sent_page_names_the_address_and_explains_the_next_step(client):
    response = subscribe(client, "olga@ngo.example", follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "olga@ngo.example" in page
    assert "<h1>" in page


def test_bad_input_is_refused_on_the_same_page_with_what_was_typed_kept(client):
    response = subscribe(client, "olga@", language="en", topics=(), kind="")

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="olga@"' in page
    assert re.search(r'value="en"[^>]* checked', page)
    assert page.count('role="alert"') == 3  # e-mail, topics, kind
    assert 'aria-invalid="true"' in page
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_unknown_choices_are_refused(client):
    response = subscribe(client, "olga@ngo.example", language="de", topics=("citizenship",))

    assert response.status_code == 400
    assert Subscriber.objects.count() == 0


def test_the_honeypot_pretends_success_and_does_nothing(client):
    response = subscribe(client, "bot@spam.example", homepage="http://spam.example")

    assert response.status_code == 302
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_an_already_confirmed_address_gets_the_same_answer_and_only_a_note(client, make_subscriber):
    subscriber = make_subscriber("olga@ngo.example", language="ru", topics=["calls"])
    new = subscribe(client, "someone-new@ngo.example")
    mail.outbox.clear()

    known = subscribe(client, "OLGA@ngo.example", language="en", topics=("network",))

    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    # Anyone can type an address: nothing about the subscription changes.
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.language, subscriber.topics) == (
        "confirmed",
        "ru",
        ["calls"],
    )
    (note,) = mail.outbox
    assert note.to == ["olga@ngo.example"]
    assert note.extra_headers["Content-Language"] == "ru"
    assert "/newsletter/preferences/" in note.body
    assert "/newsletter/confirm/" not in note.body


def test_an_address_gets_at_most_three_mails_a_day_from_the_form(client, make_subscriber):
    make_subscriber("olga@ngo.example")

    answers = [
        subscribe(client, "olga@ngo.example", REMOTE_ADDR=f"192.0.2.{number}").status_code
        for number in range(5)
    ]

    assert answers == [302] * 5
    assert len(mail.outbox) == 3


def test_a_pending_address_can_fix_its_choices_and_gets_a_new_link(client):
    subscribe(client, "olga@ngo.example", language="ru")
    subscribe(client, "olga@ngo.example", language="et", topics=("network",))

    subscriber = Subscriber.objects.get()
    assert (subscriber.language, subscriber.topics) == ("et", ["network"])
    assert len(mail.outbox) == 2
    assert mail.outbox[1].extra_headers["Content-Language"] == "et"


def test_resubscribing_after_leaving_uses_the_same_row_and_needs_a_new_confirmation(
    client, make_subscriber, clock
):
    old = make_subscriber(
        "olga@ngo.example",
        status=Subscriber.Status.UNSUBSCRIBED,
        consent_source="old mailing list",
        consented_at=clock.now - timedelta(days=900),
    )
    clock.now += timedelta(minutes=5)

    subscribe(client, "olga@ngo.example", language="en")

    subscriber = Subscriber.objects.get()
    assert subscriber.pk == old.pk
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consented_at == clock.now
    assert subscriber.consent_source == "web form /ru/newsletter/subscribe/"
    (message,) = mail.outbox
    client.post(outbox_link(message, "confirm"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.language == "en"


def test_too_many_sign_ups_from_one_network_are_refused_with_the_form_kept(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "subscribe": {"ip": "2/h", "recipient": "3/d"}}
    subscribe(client, "one@ngo.example")
    subscribe(client, "two@ngo.example")

    response = subscribe(client, "three@ngo.example")

    assert response.status_code == 429
    assert 'value="three@ngo.example"' in response.content.decode()
    assert not Subscriber.objects.filter(email="three@ngo.example").exists()


# --- the confirmation link ------------------------------------------------------------


def test_a_forged_or_mangled_confirmation_link_changes_nothing(client, make_subscriber):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    token = tokens.make_token(subscriber, tokens.CONFIRM)
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        signing.dumps([subscriber.pk, "0" * 16], salt=tokens.CONFIRM),  # without the secret
        signing.dumps([subscriber.pk, "x"], salt="another-salt"),
        "not-a-token",
    ]

    for bad in forged:
        assert client.post(f"/newsletter/confirm/{bad}/").status_code == 400

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_one_subscribers_link_cannot_confirm_another(client, make_subscriber):
    olga = make_subscriber("olga@ngo.example", status=Subscriber.Status.PENDING)
    ivan = make_subscriber("ivan@ngo.example", status=Subscriber.Status.PENDING)
    # Olga's fingerprint with Ivan's id, signed as a real token would be: still refused.
    fingerprint = signing.loads(tokens.make_token(olga, tokens.CONFIRM), salt=tokens.CONFIRM)[1]
    swapped = signing.dumps([ivan.pk, fingerprint], salt=tokens.CONFIRM, compress=True)

    assert client.post(f"/newsletter/confirm/{swapped}/").status_code == 400
    client.post(f"/newsletter/confirm/{tokens.make_token(olga, tokens.CONFIRM)}/")

    ivan.refresh_from_db()
    olga.refresh_from_db()
    assert ivan.status == Subscriber.Status.PENDING
    assert olga.status == Subscriber.Status.CONFIRMED


def test_an_unsubscribe_or_preferences_token_is_no_confirmation_token(client, make_subscriber):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)

    for purpose in (tokens.UNSUBSCRIBE, tokens.PREFERENCES):
        token = tokens.make_token(subscriber, purpose)
        assert client.post(f"/newsletter/confirm/{token}/").status_code == 400

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_an_expired_confirmation_link_says_so_in_the_subscribers_language(client, make_subscriber):
    subscriber = make_subscriber(language="et", status=Subscriber.Status.PENDING)
    # Signed tokens carry the time they were made: one made a week and a minute ago.
    eight_days_ago = time.time() - tokens.CONFIRM_MAX_AGE - 60
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        confirm = f"/newsletter/confirm/{tokens.make_token(subscriber, tokens.CONFIRM)}/"

    response = client.post(confirm)

    assert response.status_code == 410
    page = response.content.decode()
    assert '<html lang="et">' in page
    assert 'href="/et/newsletter/subscribe/"' in page
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_an_old_confirmation_link_does_not_bring_back_someone_who_left(client, make_subscriber):
    subscribe(client, "olga@ngo.example")
    confirm = outbox_link(mail.outbox[0], "confirm")
    client.post(confirm)
    Subscriber.objects.update(status=Subscriber.Status.UNSUBSCRIBED)

    response = client.post(confirm)

    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_the_form_costs_a_fixed_number_of_queries(client):
    client.get(SUBSCRIBE)  # warm the page-tree cache as a running site has it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SUBSCRIBE).status_code == 200

    assert len(queries) <= 3
