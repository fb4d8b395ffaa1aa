import pytest
from bs4 import BeautifulSoup

from directory.models import ContactRecord

pytestmark = pytest.mark.django_db

PROFILE = "/ru/organisations/tartu-noored/"
CONTACT = PROFILE + "contact/"


@pytest.fixture
def organisation(make_organisation):
    organisation, _pages = make_organisation(
        {
            "et": {"title": "Tartu Noored", "description": "Noorteühing Tartus."},
            "ru": {"title": "Молодёжь Тарту", "description": "Молодёжное объединение."},
        },
        slug="tartu-noored",
        email="juhatus@tartu-noored.example",
        works_in_estonian=True,
        works_in_russian=False,
    )
    return organisation


def message(**overrides):
    return {
        "name": "Ольга Иванова",
        "email": "olga@narva-noored.example",
        "organisation": "MTÜ Narva Noortekeskus",
        "message": "Здравствуйте! Мы ищем партнёра для летнего лагеря в 2026 году.",
        "homepage": "",
        **overrides,
    }


def test_a_visitor_writes_and_the_organisation_receives_it_by_smtp(
    client, organisation, smtp_server
):
    response = client.post(CONTACT, message(), REMOTE_ADDR="203.0.113.5")

    assert response.status_code == 302
    assert response["Location"].startswith(PROFILE)
    assert len(smtp_server.messages) == 2
    to_organisation, copy = smtp_server.messages
    assert to_organisation["to"] == ["juhatus@tartu-noored.example"]
    assert to_organisation["message"]["Reply-To"] == "olga@narva-noored.example"
    body = to_organisation["message"].get_payload(decode=True).decode()
    assert "Мы ищем партнёра для летнего лагеря" in body
    # The organisation works in Estonian: its copy of the relay text is in Estonian.
    assert to_organisation["message"]["Content-Language"] == "et"
    assert copy["to"] == ["olga@narva-noored.example"]
    assert copy["message"]["Content-Language"] == "ru"
    assert "juhatus@tartu-noored.example" not in copy["message"].as_string()


def test_the_contact_is_recorded_without_the_message(client, organisation, smtp_server):
    client.post(CONTACT, message())

    record = ContactRecord.objects.get()
    assert record.organisation == organisation
    assert record.sender_language == "ru"
    assert record.profile_language == "ru"
    assert not any(
        "летнего лагеря" in str(getattr(record, field.attname))
        for field in ContactRecord._meta.concrete_fields
    )


def test_the_sender_sees_a_confirmation(client, organisation, smtp_server):
    response = client.post(CONTACT, message(), follow=True)

    assert response.status_code == 200
    assert response.context["messages"]
    assert len(list(response.context["messages"])) == 1


def test_invalid_input_shows_field_errors_and_keeps_what_was_typed(
    client, organisation, smtp_server
):
    response = client.post(CONTACT, message(email="not-an-address", message="Привет"))

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "name"})["value"] == "Ольга Иванова"
    assert page.find("textarea", attrs={"name": "message"}).get_text(strip=True) == "Привет"
    errors = " ".join(error.get_text() for error in page.select(".contact-form .errorlist"))
    assert "Введите правильный адрес электронной почты" in errors
    assert smtp_server.messages == []
    assert not ContactRecord.objects.exists()


def test_errors_are_in_the_readers_language(client, organisation, smtp_server):
    response = client.post("/et/organisations/tartu-noored/contact/", message(email="", message=""))

    assert response.status_code == 400
    assert "Selle välja täitmine on kohustuslik." in response.content.decode()


def test_a_filled_honeypot_sends_nothing(client, organisation, smtp_server):
    response = client.post(CONTACT, message(homepage="http://spam.example"))

    assert response.status_code == 302
    assert smtp_server.messages == []
    assert not ContactRecord.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, organisation):
    page = BeautifulSoup(client.get(PROFILE).content, "html.parser")
    trap = page.find("input", attrs={"name": "homepage"})

    assert trap["tabindex"] == "-1"
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None


def test_messages_per_sender_are_limited(client, organisation, smtp_server, settings):
    settings.DIRECTORY_CONTACT_LIMITS = {"sender": (2, 3600), "ip": (100, 3600)}
    for number in range(2):
        assert (
            client.post(CONTACT, message(), REMOTE_ADDR=f"198.51.100.{number}").status_code == 302
        )

    blocked = client.post(CONTACT, message(), REMOTE_ADDR="198.51.100.9")

    assert blocked.status_code == 429
    assert "Please try again in an hour" in blocked.content.decode() or blocked.content
    assert len(smtp_server.messages) == 4
    assert ContactRecord.objects.count() == 2


def test_messages_per_ip_address_are_limited(client, organisation, smtp_server, settings):
    settings.DIRECTORY_CONTACT_LIMITS = {"sender": (100, 3600), "ip": (3, 3600)}
    for number in range(3):
        response = client.post(CONTACT, message(email=f"sender{number}@example.org"))
        assert response.status_code == 302

    blocked = client.post(CONTACT, message(email="another@example.org"))

    assert blocked.status_code == 429
    page = BeautifulSoup(blocked.content, "html.parser")
    assert page.find("input", attrs={"name": "email"})["value"] == "another@example.org"


def test_get_on_the_contact_address_leads_back_to_the_profile(client, organisation):
    response = client.get(CONTACT)

    assert response.status_code == 302
    assert response["Location"] == PROFILE


def test_an_smtp_failure_is_a_message_not_a_500(client, organisation, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens
    settings.EMAIL_TIMEOUT = 2

    response = client.post(CONTACT, message())

    assert response.status_code == 503
    assert not ContactRecord.objects.exists()
