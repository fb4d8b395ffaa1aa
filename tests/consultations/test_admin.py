"""Editors handle consultation requests in the Wagtail admin (wagtail-modeladmin): list,
filters, search, create, assign, notes, meeting, reply by e-mail, close, export."""

import csv
import io
from datetime import datetime
from email.header import decode_header, make_header
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from consultations.factories import ConsultationRequestFactory
from consultations.models import ConsultationReply, ConsultationRequest, Status

pytestmark = pytest.mark.django_db


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


LIST_URL = "/admin/consultations/consultationrequest/"
CREATE_URL = LIST_URL + "create/"


def edit_url(consultation):
    return f"{LIST_URL}edit/{consultation.pk}/"


def editor():
    return get_user_model().objects.get(username="editor")


def form_data(consultation, **overrides):
    """What the edit form posts back for ``consultation``, with ``overrides``."""
    data = {
        "status": consultation.status,
        "assigned_to": consultation.assigned_to_id or "",
        "meeting_at": "",
        "notes": consultation.notes,
        "reply": "",
        "name": consultation.name,
        "email": consultation.email,
        "phone": consultation.phone,
        "organisation_name": consultation.organisation_name,
        "organisation": "",
        "topic": consultation.topic,
        "channel": consultation.channel,
        "language": consultation.language,
        "message": consultation.message,
    }
    data.update(overrides)
    return data


def test_the_list_filters_by_status_and_topic_and_finds_by_name(editor_client):
    ConsultationRequestFactory(name="Ольга Иванова", topic="funding")
    ConsultationRequestFactory(name="Mari Tamm", topic="accounting", status=Status.CLOSED)

    listing = editor_client.get(LIST_URL)
    by_status = editor_client.get(LIST_URL, {"status": "closed"})
    by_topic = editor_client.get(LIST_URL, {"topic": "funding"})
    search = editor_client.get(LIST_URL, {"q": "Tamm"})

    assert listing.status_code == 200
    assert "Ольга Иванова" in listing.content.decode()
    assert "Mari Tamm" in listing.content.decode()
    assert "Ольга" not in by_status.content.decode()
    assert "Mari Tamm" in by_status.content.decode()
    assert "Mari Tamm" not in by_topic.content.decode()
    assert "Ольга Иванова" in by_topic.content.decode()
    assert "Ольга" not in search.content.decode()


def test_an_editor_records_a_request_received_by_phone(editor_client):
    response = editor_client.post(
        CREATE_URL,
        {
            "status": "in-progress",
            "assigned_to": editor().pk,
            "notes": "Helistas esmaspäeval.",
            "name": "Jaan Kask",
            "email": "jaan@example.org",
            "phone": "+372 5555 1234",
            "topic": "registration-law",
            "channel": "phone",
            "language": "et",
            "message": "Kuidas muuta põhikirja?",
        },
    )

    assert response.status_code == 302
    consultation = ConsultationRequest.objects.get()
    assert consultation.name == "Jaan Kask"
    assert consultation.assigned_to == editor()


def test_an_editor_assigns_answers_and_closes_a_request(editor_client, smtp_server):
    consultation = ConsultationRequestFactory(
        name="Ольга Иванова",
        email="olga@narva-noored.example",
        channel="face-to-face",
        language="ru",
    )

    assigned = editor_client.post(
        edit_url(consultation),
        form_data(
            consultation,
            status="in-progress",
            assigned_to=editor().pk,
            notes="Позвонить в понедельник.",
            meeting_at="2026-12-07 14:30",
        ),
    )
    assert assigned.status_code == 302
    consultation.refresh_from_db()
    assert consultation.assigned_to == editor()
    assert consultation.status == Status.IN_PROGRESS
    assert consultation.notes == "Позвонить в понедельник."
    assert consultation.meeting_at == datetime(
        2026, 12, 7, 14, 30, tzinfo=ZoneInfo("Europe/Tallinn")
    )
    assert smtp_server.messages == []

    answered = editor_client.post(
        edit_url(consultation),
        form_data(
            consultation,
            meeting_at="2026-12-07 14:30",
            reply="Здравствуйте! Ждём вас 7 декабря в 14:30, Нарва, ул. Пушкина 1.",
        ),
    )
    assert answered.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.ANSWERED
    reply = ConsultationReply.objects.get()
    assert reply.request == consultation
    assert reply.author == editor()
    assert reply.sent_to == "olga@narva-noored.example"
    (message,) = smtp_server.messages
    assert message["to"] == ["olga@narva-noored.example"]
    assert message["message"]["Content-Language"] == "ru"
    assert message["message"]["Reply-To"] == "editor@sild.example"
    with translation.override("ru"):
        assert subject(message["message"]) == gettext("Re: your consultation request")
    assert "Ждём вас 7 декабря" in message["message"].get_payload(decode=True).decode()

    # The reply is kept with the request and shown when it is opened again.
    page = editor_client.get(edit_url(consultation))
    assert "Ждём вас 7 декабря" in page.content.decode()

    closed = editor_client.post(
        edit_url(consultation),
        form_data(consultation, meeting_at="2026-12-07 14:30", status="closed"),
    )
    assert closed.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED
    assert ConsultationReply.objects.count() == 1
    assert len(smtp_server.messages) == 1


def test_bad_input_in_the_admin_keeps_what_was_typed(editor_client, smtp_server):
    consultation = ConsultationRequestFactory()

    response = editor_client.post(
        edit_url(consultation),
        form_data(
            consultation,
            meeting_at="next Tuesday",
            notes="Kept note",
            reply="A reply that must not go out while the form has errors.",
        ),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"meeting_at"}
    assert form.data["notes"] == "Kept note"
    assert not ConsultationReply.objects.exists()
    assert smtp_server.messages == []


def test_only_staff_who_handle_consultations_can_be_assigned(editor_client):
    consultation = ConsultationRequestFactory()
    outsider = get_user_model().objects.create_user("outsider", "out@example.org", "x")

    response = editor_client.post(
        edit_url(consultation), form_data(consultation, assigned_to=outsider.pk)
    )

    assert response.status_code == 200
    assert "assigned_to" in response.context["form"].errors
    consultation.refresh_from_db()
    assert consultation.assigned_to is None


def test_an_anonymised_request_cannot_be_replied_to(editor_client, smtp_server):
    consultation = ConsultationRequestFactory(name="", email="", message="")

    response = editor_client.post(edit_url(consultation), form_data(consultation, reply="Hello?"))

    assert response.status_code == 200
    assert "reply" in response.context["form"].errors
    assert smtp_server.messages == []


def test_admin_users_without_the_permission_see_no_requests(client, site_tree):
    ConsultationRequestFactory(name="Ольга Иванова")
    user = get_user_model().objects.create_user("reader", "reader@example.org", "x")
    # Wagtail's "access admin" permission alone.
    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    listing = client.get(LIST_URL)
    editing = client.get(edit_url(ConsultationRequest.objects.get()))

    assert listing.status_code in (302, 403)
    assert editing.status_code in (302, 403)
    assert "Ольга" not in listing.content.decode()


def test_the_export_is_a_safe_csv_with_labels_and_local_times(editor_client):
    ConsultationRequestFactory(
        name='=HYPERLINK("http://evil.example")',
        topic="accounting",
        channel="video",
        created_at=datetime(2026, 3, 1, 9, 15, tzinfo=ZoneInfo("Europe/Tallinn")),
    )

    response = editor_client.get(LIST_URL, {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, row = rows
    values = dict(zip(header, row, strict=True))
    # In the editor's admin language (English), though Wagtail streams the file afterwards.
    assert values["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert values["Topic"] == "Accounting"
    assert values["Preferred Channel"] == "Video call"
    assert values["Received"] == "2026-03-01 09:15"
    assert values["Replies"] == "0"


def test_the_export_as_xlsx_opens_as_a_workbook(editor_client):
    ConsultationRequestFactory(name="Mari Tamm")

    response = editor_client.get(LIST_URL, {"export": "xlsx"})

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert "Mari Tamm" in rows[1]
