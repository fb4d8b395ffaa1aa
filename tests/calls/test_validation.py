"""The admin refuses to publish a call with impossible facts and says why, on the field, in
the editor's language, keeping what was typed."""

import pytest
from django.utils import timezone, translation

from calls.models import CallPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_data(funders, topics):
    return {
        "title": "Kogukonnaprojektid 2027",
        "slug": "kogukonnaprojektid-2027",
        "introduction": "Toetus kogukondade ühisprojektidele.",
        "funder": funders["kysk"]["et"].pk,
        "programme": "Koostööprogramm",
        "opens_at": "2027-01-10 10:00",
        "deadline": "2027-02-28 16:00",
        "official_url": "https://www.kysk.ee/koostoo",
        "budget_total": "100000",
        "grant_min": "1000",
        "grant_max": "10000",
        "eligible_applicants": ["ngo"],
        "topics": [topics["youth"].pk],
        "regions": ["all"],
        "application_languages": ["et", "ru"],
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }


def create(client, index, data):
    return client.post(f"/admin/pages/add/calls/callpage/{index.pk}/", data)


def field_errors(response, field, language="en"):
    """The messages on ``field`` as an editor using ``language`` reads them."""
    with translation.override(language):
        return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_editor_publishes_a_valid_call(admin_client, call_indexes, form_data, topics):
    response = create(admin_client, call_indexes["et"], form_data)

    assert response.status_code == 302, response.context["form"].errors
    call = CallPage.objects.get(slug="kogukonnaprojektid-2027")
    assert call.live
    assert call.eligible_applicants == ["ngo"]
    assert call.application_languages == ["ru", "et"]  # in the order of the choices
    assert list(call.topics.all()) == [topics["youth"]]
    assert timezone.localtime(call.deadline).isoformat() == "2027-02-28T16:00:00+02:00"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"deadline": "2027-01-05 16:00"}, "deadline", "The deadline must be later than"),
        ({"grant_min": "-5"}, "grant_min", "An amount cannot be negative."),
        ({"budget_total": "-1"}, "budget_total", "An amount cannot be negative."),
        (
            {"grant_min": "20000"},
            "grant_min",
            "The smallest grant cannot be larger than the largest grant.",
        ),
        ({"official_url": ""}, "official_url", "Add the link to the official call"),
        ({"official_url": "not a link"}, "official_url", "Enter a valid URL."),
        ({"regions": ["all", "harju"]}, "regions", "Choose either"),
        ({"eligible_applicants": ["ngo", "aliens"]}, "eligible_applicants", "Select a valid"),
        # 03:30 on 25 October 2026 happens twice in Estonia: the editor must be told.
        ({"deadline": "2026-10-25 03:30", "opens_at": "2026-10-01 10:00"}, "deadline", "ambiguous"),
    ],
)
def test_admin_refuses_to_publish_with_a_message_on_the_field(
    admin_client, call_indexes, form_data, changes, field, message
):
    data = {**form_data, **changes}

    response = create(admin_client, call_indexes["et"], data)

    assert response.status_code == 200
    assert not CallPage.objects.filter(slug="kogukonnaprojektid-2027").exists()
    errors = field_errors(response, field)
    assert any(message in error for error in errors), errors
    # What the editor typed is still in the form.
    assert response.context["form"].data["title"] == "Kogukonnaprojektid 2027"


def test_a_draft_may_still_lack_the_official_link(admin_client, call_indexes, form_data):
    data = {**form_data, "official_url": ""}
    del data["action-publish"]

    response = create(admin_client, call_indexes["et"], data)

    assert response.status_code == 302
    call = CallPage.objects.get(slug="kogukonnaprojektid-2027")
    assert not call.live


def test_model_validation_without_the_admin(make_call):
    from django.core.exceptions import ValidationError

    call = make_call()
    call.deadline = call.opens_at
    call.official_url = ""
    with pytest.raises(ValidationError) as raised:
        call.full_clean()

    assert set(raised.value.message_dict) >= {"deadline", "official_url"}


def test_messages_follow_the_editors_language(admin_client, call_indexes, form_data):
    # Messages are translated lazily into the editor's language.
    response = create(admin_client, call_indexes["et"], {**form_data, "official_url": "x"})

    assert field_errors(response, "official_url", "ru") == ["Введите правильный URL."]
