"""Requests are anonymised CONSULTATION_RETENTION_DAYS after they arrived: what identifies
the person goes, what the impact figures count stays."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.emails import reply_to_requester
from consultations.factories import ConsultationRequestFactory
from consultations.models import ConsultationReply, ConsultationRequest, Status
from consultations.tasks import anonymise_consultations

from .test_request import request_data

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/consultations/consultationrequest/"


@pytest.fixture
def old_and_recent(settings):
    settings.CONSULTATION_RETENTION_DAYS = 30
    now = timezone.now()
    old = ConsultationRequestFactory(
        name="Ольга Иванова",
        email="olga@example.org",
        phone="+372 5555 1234",
        organisation_name="MTÜ Narva Noored",
        message="Секретный вопрос",
        notes="Internal note",
        topic="accounting",
        channel="face-to-face",
        status=Status.ANSWERED,
        created_at=now - timedelta(days=31),
    )
    ConsultationReply.objects.create(request=old, body="Ответ Ольге", sent_to="olga@example.org")
    recent = ConsultationRequestFactory(name="Mari Tamm", created_at=now - timedelta(days=29))
    return old, recent


def test_the_command_anonymises_requests_past_the_retention_period(old_and_recent):
    old, recent = old_and_recent
    output = io.StringIO()

    call_command("anonymise_consultations", stdout=output)

    assert "Anonymised 1" in output.getvalue()
    old.refresh_from_db()
    for field in ("name", "email", "phone", "organisation_name", "message", "notes"):
        assert getattr(old, field) == "", field
    assert old.anonymised_at is not None
    # What the impact figures count is kept.
    assert (old.topic, old.channel, old.status) == ("accounting", "face-to-face", "answered")
    reply = old.replies.get()
    assert (reply.body, reply.sent_to) == ("", "")
    recent.refresh_from_db()
    assert recent.name == "Mari Tamm"
    assert recent.anonymised_at is None


def test_running_it_again_changes_nothing(old_and_recent):
    anonymise_consultations.call()
    first = list(ConsultationRequest.objects.values().order_by("pk"))

    output = io.StringIO()
    call_command("anonymise_consultations", stdout=output)

    assert "Anonymised 0" in output.getvalue()
    assert list(ConsultationRequest.objects.values().order_by("pk")) == first


def test_an_anonymised_request_shows_no_personal_data_in_the_admin(old_and_recent, editor_client):
    old, _recent = old_and_recent
    anonymise_consultations.call()

    page = editor_client.get(f"{LIST_URL}edit/{old.pk}/").content.decode()

    assert "Ольга" not in page
    assert "Секретный" not in page
    assert "Ответ Ольге" not in page


def test_a_reply_queued_before_anonymisation_is_not_sent(old_and_recent):
    old, _recent = old_and_recent
    reply = old.replies.get()
    anonymise_consultations.call()

    assert reply_to_requester(reply_id=reply.pk) is None


def test_each_new_request_queues_the_anonymisation_for_the_day_it_expires(
    client, site_tree, settings, smtp_server
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CONSULTATION_RETENTION_DAYS = 30

    client.post("/ru/consultation/", request_data())
    client.post("/ru/consultation/", request_data(email="second@example.org"))

    # The start of the day (UTC) after the 30 days: one run a day, however many requests.
    expected = {
        datetime.combine(
            (created.astimezone(UTC) + timedelta(days=31)).date(), datetime.min.time(), tzinfo=UTC
        )
        for created in ConsultationRequest.objects.values_list("created_at", flat=True)
    }
    runs = DBTaskResult.objects.filter(task_path="consultations.tasks.anonymise_consultations")
    assert sorted(runs.values_list("run_after", flat=True)) == sorted(expected)
