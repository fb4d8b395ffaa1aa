"""The preferences page behind the token link of every e-mail: change language, topics and
kind; download one's data; delete it. And nowhere a field for citizenship or nationality."""

import json

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bulletins import tokens
from bulletins.forms import SubscribeForm
from bulletins.models import Campaign, Delivery, Subscriber

from . import fixtures_subscribers as fixtures

bulletin_page = fixtures.bulletin_page
make_subscriber = fixtures.make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_tree):
    return site_tree


def preferences_path(subscriber):
    return f"/newsletter/preferences/{tokens.make_token(subscriber, tokens.PREFERENCES)}/"


def test_the_page_shows_the_current_choices_in_the_subscribers_language(client, make_subscriber):
    subscriber = make_subscriber(language="et", topics=["calls"], kind="journalist")

    response = client.get(preferences_path(subscriber))

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="et">' in page
    assert subscriber.email in page
    assert 'value="et" id="id_language_1" required checked' in page
    assert 'value="calls" id="id_topics_0" checked' in page
    assert 'value="journalist" id="id_kind_2" required checked' in page
    assert 'name="robots" content="noindex"' in page


def test_changing_the_choices_saves_them_and_speaks_the_new_language(client, make_subscriber):
    subscriber = make_subscriber(language="ru", topics=["calls"], kind="person")
    path = preferences_path(subscriber)

    response = client.post(
        path, {"language": "en", "topics": ["network", "trainings"], "kind": "organisation"}
    )

    assert response.status_code == 302
    assert response["Location"] == path
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.topics, subscriber.kind) == (
        "en",
        ["trainings", "network"],
        "organisation",
    )
    assert subscriber.status == Subscriber.Status.CONFIRMED
    page = client.get(path).content.decode()
    assert '<html lang="en">' in page
    assert "Your choices are saved." in page


def test_bad_choices_are_refused_on_the_same_page_and_nothing_is_saved(client, make_subscriber):
    subscriber = make_subscriber(language="ru", topics=["calls"])

    response = client.post(
        preferences_path(subscriber), {"language": "en", "topics": [], "kind": "alien"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert page.count('role="alert"') == 2
    assert 'value="en" id="id_language_2" required checked' in page
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.topics) == ("ru", ["calls"])


def test_another_site_cannot_change_the_choices_without_the_csrf_token(make_subscriber):
    subscriber = make_subscriber(language="ru")
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        preferences_path(subscriber), {"language": "en", "topics": ["calls"], "kind": "other"}
    )

    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.language == "ru"


def test_forged_and_wrong_purpose_tokens_open_nothing(client, make_subscriber):
    subscriber = make_subscriber()
    good = tokens.make_token(subscriber, tokens.PREFERENCES)
    attempts = [
        good[:-4] + "zzzz",
        tokens.make_token(subscriber, tokens.UNSUBSCRIBE),
        tokens.make_token(subscriber, tokens.CONFIRM),
    ]

    for token in attempts:
        for path in (
            f"/newsletter/preferences/{token}/",
            f"/newsletter/preferences/{token}/data/",
        ):
            response = client.get(path)
            assert response.status_code == 400, path
            assert subscriber.email not in response.content.decode()
        assert client.post(f"/newsletter/preferences/{token}/delete/").status_code == 400

    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_someone_who_left_is_offered_to_come_back(client, make_subscriber):
    subscriber = make_subscriber(language="et", status=Subscriber.Status.UNSUBSCRIBED)

    page = client.get(preferences_path(subscriber)).content.decode()

    assert 'href="/et/newsletter/subscribe/"' in page
    assert "/newsletter/unsubscribe/" not in page


def make_deliveries(subscriber, bulletin_page, count):
    for number in range(count):
        campaign = Campaign.objects.create(page=bulletin_page, languages=["ru"])
        Delivery.objects.create(
            campaign=campaign,
            subscriber=subscriber,
            language="ru",
            status=Delivery.Status.SENT if number else Delivery.Status.FAILED,
        )


def test_download_my_data_gives_everything_kept_and_no_secret(
    client, make_subscriber, bulletin_page
):
    subscriber = make_subscriber(
        language="ru", consent_source="web form /ru/newsletter/subscribe/", consent_text="Я хочу"
    )
    make_deliveries(subscriber, bulletin_page, 2)

    response = client.get(preferences_path(subscriber) + "data/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["subscriber"]["email"] == subscriber.email
    assert data["subscriber"]["status"] == "confirmed"
    assert data["consent"]["wording"] == "Я хочу"
    assert data["consent"]["source"] == "web form /ru/newsletter/subscribe/"
    assert data["consent"]["given_at"]
    assert [delivery["status"] for delivery in data["deliveries"]] == ["failed", "sent"]
    assert data["deliveries"][0]["bulletin"] == "Бюллетень № 12"
    assert subscriber.secret not in response.content.decode()


def test_the_data_download_costs_the_same_queries_for_one_or_many_deliveries(
    client, make_subscriber, bulletin_page
):
    client.get("/newsletter/preferences/x/data/")  # the site and page tree cached, as when running
    counts = []
    for number, deliveries in enumerate((1, 6)):
        subscriber = make_subscriber(f"person{number}@ngo.example")
        make_deliveries(subscriber, bulletin_page, deliveries)
        with CaptureQueriesContext(connection) as queries:
            client.get(preferences_path(subscriber) + "data/")
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_delete_my_data_removes_the_row_and_its_deliveries(client, make_subscriber, bulletin_page):
    subscriber = make_subscriber(language="et")
    make_deliveries(subscriber, bulletin_page, 2)
    path = preferences_path(subscriber)
    unsubscribe = f"/newsletter/unsubscribe/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"

    assert client.get(path + "delete/").status_code == 405  # a link never deletes
    response = client.post(path + "delete/")

    assert response.status_code == 200
    assert '<html lang="et">' in response.content.decode()
    assert not Subscriber.objects.filter(email=subscriber.email).exists()
    assert Delivery.objects.count() == 0
    # No tombstone: the address is nowhere in the database any more.
    assert Campaign.objects.count() == 2
    # The old links now get a calm answer instead of an error.
    assert client.get(path).status_code == 200
    assert client.post(unsubscribe).status_code == 200
    assert client.post(path + "delete/").status_code == 200


def test_no_citizenship_or_nationality_field_anywhere():
    words = ("citizen", "national", "гражданство", "kodakondsus")
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if any(word in field.name.lower() for word in words)
    ]
    form_fields = [name for name in SubscribeForm.base_fields if "citizen" in name]

    assert fields == []
    assert form_fields == []
