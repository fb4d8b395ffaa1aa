"""Leaving: a page with a button on GET, RFC 8058 one-click on POST (no cookie, no CSRF token,
2xx without a redirect, safe to repeat), in the subscriber's language, with links that cannot
be forged or turned against another address."""

import pytest
from django.core import mail, signing
from django.test import Client

from bulletins import tokens
from bulletins.models import Subscriber

from . import fixtures_subscribers as fixtures
from .fixtures_subscribers import delivered_link, subscribe

make_subscriber = fixtures.make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_tree):
    return site_tree


def unsubscribe_path(subscriber):
    return f"/newsletter/unsubscribe/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"


def test_get_asks_in_the_subscribers_language_and_changes_nothing(client, make_subscriber):
    subscriber = make_subscriber(language="et")

    response = client.get(unsubscribe_path(subscriber))

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="et">' in page
    assert '<form method="post">' in page
    assert subscriber.email in page
    assert 'name="robots" content="noindex"' in page
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_the_button_unsubscribes_and_pressing_it_again_is_harmless(client, make_subscriber):
    subscriber = make_subscriber(language="en")
    path = unsubscribe_path(subscriber)

    first = client.post(path)
    second = client.post(path)

    assert first.status_code == second.status_code == 200
    assert '<html lang="en">' in first.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    left_at = subscriber.unsubscribed_at
    assert left_at is not None
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == left_at
    # The page after leaving offers to come back in the subscriber's language.
    assert 'href="/en/newsletter/subscribe/"' in first.content.decode()


def test_one_click_post_needs_no_cookie_nor_csrf_token_and_does_not_redirect(make_subscriber):
    subscriber = make_subscriber()
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        unsubscribe_path(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not response.has_header("Location")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    # And again, as a mail client may retry.
    again = mail_client.post(
        unsubscribe_path(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200


def test_forged_links_and_other_purposes_tokens_unsubscribe_nobody(client, make_subscriber):
    olga = make_subscriber("olga@ngo.example")
    ivan = make_subscriber("ivan@ngo.example")
    real = tokens.make_token(olga, tokens.UNSUBSCRIBE)
    fingerprint = signing.loads(real, salt=tokens.UNSUBSCRIBE)[1]
    attempts = [
        real[:-3] + "abc",
        signing.dumps([ivan.pk, fingerprint], salt=tokens.UNSUBSCRIBE, compress=True),
        signing.dumps([ivan.pk, "0" * 16], salt=tokens.UNSUBSCRIBE, compress=True),
        tokens.make_token(ivan, tokens.CONFIRM),
        tokens.make_token(ivan, tokens.PREFERENCES),
    ]

    answers = [client.post(f"/newsletter/unsubscribe/{token}/") for token in attempts]

    assert [answer.status_code for answer in answers] == [400] * len(attempts)
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}


def test_a_real_link_of_someone_whose_data_was_deleted_gets_a_friendly_answer(
    client, make_subscriber
):
    subscriber = make_subscriber()
    path = unsubscribe_path(subscriber)
    subscriber.delete()

    response = client.post(path)

    assert response.status_code == 200
    assert Subscriber.objects.count() == 0


def test_the_link_in_a_received_mail_works_end_to_end(client, make_subscriber, smtp_server):
    make_subscriber("olga@ngo.example", language="ru")
    subscribe(client, "olga@ngo.example")  # a confirmed address gets a note with its links

    (delivered,) = smtp_server.messages
    path = delivered_link(delivered["message"], "unsubscribe")
    assert Client(enforce_csrf_checks=True).post(path).status_code == 200

    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert mail.outbox == []  # sent through the real SMTP server, not the test outbox
