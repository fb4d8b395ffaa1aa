"""Editors create events in the admin; impossible facts are refused on the field, in the
editor's language, with what was typed kept; the database keeps the date rules too."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.fixture
def form_data(vocabularies):
    return {
        "title": "Vabatahtlike koolitus",
        "slug": "vabatahtlike-koolitus",
        "introduction": "Kuidas vabatahtlikke leida ja hoida.",
        "kind": "training",
        "languages": ["et", "ru"],
        "organiser_name": "Jõhvi Vabatahtlike Keskus",
        "starts_at": "2031-03-12 10:00",
        "ends_at": "2031-03-12 15:00",
        "attendance": "in-person",
        "county": "ida-viru",
        "town": "Jõhvi",
        "address": "Rakvere 13a",
        "online_url": "",
        "is_free": "on",
        "cost": "",
        "registration_url": "https://registreerimine.example/vabatahtlikud",
        "registration_deadline": "2031-03-10 23:59",
        "topics": [vocabularies["activity_fields"]["volunteering"].pk],
        "target_groups": [vocabularies["target_groups"]["volunteers"].pk],
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }


def create(client, index, data):
    return client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", data)


def field_errors(response, field, language="en"):
    with translation.override(language):
        return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_editor_publishes_an_event(editor_client, event_indexes, form_data, vocabularies):
    response = create(editor_client, event_indexes["et"], form_data)

    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="vabatahtlike-koolitus")
    assert event.live
    assert event.languages == ["ru", "et"]  # in the order of the choices
    assert timezone.localtime(event.starts_at).isoformat() == "2031-03-12T10:00:00+02:00"
    assert list(event.topics.all()) == [vocabularies["activity_fields"]["volunteering"]]
    assert editor_client.get("/et/events/vabatahtlike-koolitus/").status_code == 200


def test_the_editor_is_offered_the_canonical_concepts_only(editor_client, event_indexes):
    response = editor_client.get(f"/admin/pages/add/events/eventpage/{event_indexes['et'].pk}/")

    form = response.context["form"]
    locales = {concept.locale.language_code for concept in form.fields["topics"].queryset}
    assert locales == {"ru"}  # the default language's records, one per concept


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2031-03-12 09:00"}, "ends_at", "The end must be later than the start."),
        ({"ends_at": "2031-03-12 10:00"}, "ends_at", "The end must be later than the start."),
        (
            {"registration_deadline": "2031-03-13 10:00"},
            "registration_deadline",
            "Registration cannot close after the event has ended.",
        ),
        ({"town": ""}, "town", "Say in which town the event takes place"),
        ({"attendance": "mixed", "town": " "}, "town", "Say in which town"),
        ({"is_free": ""}, "cost", "Say what taking part costs"),
        ({"online_url": "not a link"}, "online_url", "Enter a valid URL."),
        ({"languages": ["et", "klingon"]}, "languages", "Select a valid"),
    ],
)
def test_admin_refuses_impossible_facts_with_a_message_on_the_field(
    admin_client, event_indexes, form_data, changes, field, message
):
    response = create(admin_client, event_indexes["et"], {**form_data, **changes})

    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="vabatahtlike-koolitus").exists()
    errors = field_errors(response, field)
    assert any(message in error for error in errors), errors
    assert response.context["form"].data["title"] == "Vabatahtlike koolitus"


def test_an_online_event_needs_no_town(admin_client, event_indexes, form_data):
    data = {**form_data, "attendance": "online", "town": "", "county": "", "address": ""}

    response = create(admin_client, event_indexes["et"], data)

    assert response.status_code == 302
    with translation.override("en"):
        assert EventPage.objects.get(slug="vabatahtlike-koolitus").place == "Online"


def test_messages_follow_the_editors_language(admin_client, event_indexes, form_data):
    response = create(admin_client, event_indexes["et"], {**form_data, "online_url": "x"})

    assert field_errors(response, "online_url", "ru") == ["Введите правильный URL."]


def test_the_database_refuses_what_the_admin_refuses(make_event):
    event = make_event()

    def refused(**values):
        with pytest.raises(IntegrityError), transaction.atomic():
            EventPage.objects.filter(pk=event.pk).update(**values)
        return True

    assert refused(ends_at=event.starts_at)
    assert refused(ends_at=event.starts_at - timedelta(hours=1))
    assert refused(registration_deadline=event.ends_at + timedelta(seconds=1))
    EventPage.objects.filter(pk=event.pk).update(registration_deadline=event.ends_at)
