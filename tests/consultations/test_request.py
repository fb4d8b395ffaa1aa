"""A visitor asks for a consultation at /<lang>/consultation/: the request is saved, the
visitor gets a confirmation in their language and the staff a notice, through real SMTP."""

from email.header import decode_header, make_header

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from consultations.models import ConsultationRequest, Status
from directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


FORM = "/ru/consultation/"
SENT = "/ru/consultation/sent/"


def request_data(**overrides):
    return {
        "name": "Ольга Иванова",
        "email": "olga@narva-noored.example",
        "organisation_name": "MTÜ Narva Noortekeskus",
        "topic": "funding",
        "channel": "face-to-face",
        "phone": "",
        "language": "ru",
        "message": "Хотим подать заявку в фонд, но не знаем, с чего начать.",
        "consent": "on",
        "homepage": "",
        **overrides,
    }


def body(message):
    return message.get_payload(decode=True).decode()


def translated(language, text):
    with translation.override(language):
        return gettext(text)


def test_a_face_to_face_request_in_russian_is_confirmed_through_smtp(
    client, site_tree, smtp_server
):
    response = client.post(FORM, request_data(), REMOTE_ADDR="203.0.113.5")

    assert response.status_code == 302
    assert response["Location"] == SENT
    consultation = ConsultationRequest.objects.get()
    assert consultation.channel == "face-to-face"
    assert consultation.language == "ru"
    assert consultation.status == Status.NEW
    assert consultation.consented_at is not None
    assert consultation.consent_text

    to_visitor = [m for m in smtp_server.messages if m["to"] == ["olga@narva-noored.example"]]
    assert len(to_visitor) == 1
    confirmation = to_visitor[0]["message"]
    assert confirmation["Content-Language"] == "ru"
    assert subject(confirmation) == translated("ru", "We have received your consultation request")
    text = body(confirmation)
    assert translated("ru", "Face to face") in text
    assert translated("ru", "Funding applications") in text
    assert (
        translated("ru", "We will agree on a time and place for the meeting with you by e-mail.")
        in text
    )
    # Nothing the visitor typed goes back out to the typed address.
    assert "с чего начать" not in text
    assert "Ольга" not in text


def test_staff_who_handle_consultations_are_told_each_in_their_language(
    client, site_tree, smtp_server
):
    client.post(FORM, request_data())

    notices = {
        m["to"][0]: m["message"]
        for m in smtp_server.messages
        if m["to"] != ["olga@narva-noored.example"]
    }
    # The demo superuser and the editor (Editors may change consultation requests).
    assert set(notices) == {"admin@sild.example", "editor@sild.example"}
    notice = notices["editor@sild.example"]
    consultation = ConsultationRequest.objects.get()
    text = body(notice)
    assert "Хотим подать заявку в фонд" in text
    assert "olga@narva-noored.example" in text
    assert f"/admin/consultations/consultationrequest/edit/{consultation.pk}/" in text


def test_the_sent_page_thanks_the_visitor(client, site_tree, smtp_server):
    response = client.post(FORM, request_data(), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == SENT
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(attrs={"role": "status"})


def test_invalid_input_shows_field_errors_and_keeps_what_was_typed(client, site_tree, smtp_server):
    response = client.post(FORM, request_data(email="not-an-address", consent="", topic="weather"))

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "name"})["value"] == "Ольга Иванова"
    assert "с чего начать" in page.find("textarea", attrs={"name": "message"}).get_text()
    assert page.find("input", attrs={"name": "channel", "value": "face-to-face"}).has_attr(
        "checked"
    )
    errors = response.context["form"].errors
    assert set(errors) == {"email", "consent", "topic"}
    assert not ConsultationRequest.objects.exists()
    assert smtp_server.messages == []


def test_errors_are_in_the_readers_language(client, site_tree):
    response = client.post("/et/consultation/", request_data(name=""))

    assert response.status_code == 400
    assert "Selle välja täitmine on kohustuslik." in response.content.decode()


def test_a_phone_consultation_needs_a_phone_number(client, site_tree, smtp_server):
    response = client.post(FORM, request_data(channel="phone"))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["phone"]

    client.post(FORM, request_data(channel="phone", phone="+372 5555 1234"))
    assert ConsultationRequest.objects.get().phone == "+372 5555 1234"


def test_a_filled_honeypot_saves_and_sends_nothing(client, site_tree, smtp_server):
    response = client.post(FORM, request_data(homepage="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == SENT
    assert not ConsultationRequest.objects.exists()
    assert smtp_server.messages == []


def test_the_honeypot_is_hidden_from_people(client, site_tree):
    page = BeautifulSoup(client.get(FORM).content, "html.parser")
    trap = page.find("input", attrs={"name": "homepage"})

    assert trap["tabindex"] == "-1"
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None


def test_the_same_address_gets_three_requests_a_day(client, site_tree, smtp_server):
    for number in range(3):
        response = client.post(FORM, request_data(), REMOTE_ADDR=f"203.0.113.{number + 1}")
        assert response.status_code == 302

    refused = client.post(FORM, request_data(), REMOTE_ADDR="203.0.113.9")

    assert refused.status_code == 429
    assert refused.context["form"].non_field_errors()
    page = BeautifulSoup(refused.content, "html.parser")
    assert page.find("input", attrs={"name": "email"})["value"] == "olga@narva-noored.example"
    assert ConsultationRequest.objects.count() == 3


def test_one_network_gets_five_requests_an_hour(client, site_tree, smtp_server):
    for number in range(5):
        client.post(FORM, request_data(email=f"person{number}@example.org"))

    refused = client.post(FORM, request_data(email="sixth@example.org"))

    assert refused.status_code == 429
    assert ConsultationRequest.objects.count() == 5


def test_a_mail_server_that_refuses_loses_no_request(client, site_tree, smtp_server):
    smtp_server.answer_data = lambda envelope: "451 Try again later"

    response = client.post(FORM, request_data())

    assert response.status_code == 302
    assert ConsultationRequest.objects.filter(email="olga@narva-noored.example").exists()


def test_a_signed_in_person_picks_the_organisation_from_the_directory(
    client, make_organisation, smtp_server
):
    organisation, _pages = make_organisation(
        {"et": {"title": "Jõhvi Noored", "description": "Noorteühing."}},
        registered_name="MTÜ Jõhvi Noored",
    )
    # An organisation without a live profile is not in the directory.
    OrganisationFactory(registered_name="MTÜ Peidus")
    user = get_user_model().objects.create_user("olga", "olga@narva-noored.example", "x")
    client.force_login(user)

    page = BeautifulSoup(client.get(FORM).content, "html.parser")
    options = [option.get_text() for option in page.select("select[name=organisation] option")]
    assert "MTÜ Jõhvi Noored" in options
    assert "MTÜ Peidus" not in options
    assert page.find("input", attrs={"name": "email"})["value"] == "olga@narva-noored.example"

    client.post(FORM, request_data(organisation=organisation.pk, organisation_name=""))

    consultation = ConsultationRequest.objects.get()
    assert consultation.organisation == organisation
    assert consultation.organisation_name == "MTÜ Jõhvi Noored"


def test_an_anonymous_visitor_cannot_link_a_directory_organisation(
    client, make_organisation, smtp_server
):
    organisation, _pages = make_organisation({"et": {"title": "Tartu", "description": "Ühing."}})

    assert b'name="organisation"' not in client.get(FORM).content
    client.post(FORM, request_data(organisation=organisation.pk))

    assert ConsultationRequest.objects.get().organisation is None


def test_the_form_starts_in_the_readers_language_and_switches_language(client, site_tree):
    page = BeautifulSoup(client.get("/et/consultation/").content, "html.parser")

    assert page.find("input", attrs={"name": "language", "value": "et"}).has_attr("checked")
    assert page.find("a", attrs={"hreflang": "ru"}) or page.find("a", href="/ru/consultation/")


def test_the_home_page_leads_to_the_form(client, site_tree):
    page = BeautifulSoup(client.get("/ru/").content, "html.parser")

    assert page.find("a", href="/ru/consultation/") is not None


def test_the_form_renders_with_a_bounded_number_of_queries(client, site_tree):
    client.get(FORM)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FORM)

    assert response.status_code == 200
    assert len(queries) <= 8, [query["sql"] for query in queries]
