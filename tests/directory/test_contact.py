import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

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
    # The notice says where the message went, never what it said: the form must not become a
    # way to send any text, from the portal's domain, to any address.
    notice = copy["message"].get_payload(decode=True).decode()
    assert "Молодёжь Тарту" in notice
    assert "летнего лагеря" not in notice


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


def test_a_signed_in_sender_writing_from_their_verified_address_gets_a_full_copy(
    client, organisation, smtp_server
):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("olga", "olga@narva-noored.example", "x")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)

    client.post(CONTACT, message())
    client.post(CONTACT, message(email="someone-else@example.org"))

    copies = [sent for sent in smtp_server.messages if sent["to"] != [organisation.email]]
    own, other = (sent["message"].get_payload(decode=True).decode() for sent in copies)
    assert "летнего лагеря" in own
    assert "летнего лагеря" not in other


def test_messages_per_sender_are_limited(client, organisation, smtp_server, settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "contact": {"ip": "100/h", "sender": "2/h", "organisation": "100/d"},
    }
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
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "contact": {"ip": "3/h", "sender": "100/h", "organisation": "100/d"},
    }
    for number in range(3):
        response = client.post(CONTACT, message(email=f"sender{number}@example.org"))
        assert response.status_code == 302

    blocked = client.post(CONTACT, message(email="another@example.org"))

    assert blocked.status_code == 429
    page = BeautifulSoup(blocked.content, "html.parser")
    assert page.find("input", attrs={"name": "email"})["value"] == "another@example.org"


def test_an_organisation_accepts_a_limited_number_of_messages_a_day(
    client, organisation, smtp_server, settings
):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "contact": {"ip": "100/h", "sender": "100/h", "organisation": "3/d"},
    }
    for number in range(3):
        sent = client.post(
            CONTACT, message(email=f"s{number}@example.org"), REMOTE_ADDR=f"192.0.2.{number}"
        )
        assert sent.status_code == 302

    blocked = client.post(CONTACT, message(email="late@example.org"), REMOTE_ADDR="192.0.2.99")

    assert blocked.status_code == 429
    with translation.override("ru"):
        expected = gettext(
            "This organisation has received many messages through the portal today. "
            "Please try again tomorrow."
        )
    assert expected in blocked.content.decode()
    assert ContactRecord.objects.count() == 3
    assert len(smtp_server.messages) == 6


def test_a_spoofed_forwarded_for_header_does_not_escape_the_limit(
    client, organisation, smtp_server, settings
):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "contact": {"ip": "2/h", "sender": "100/h", "organisation": "100/d"},
    }
    statuses = [
        client.post(
            CONTACT,
            message(email=f"s{number}@example.org"),
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        ).status_code
        for number in range(4)
    ]

    assert statuses == [302, 302, 429, 429]


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(
    client, organisation, smtp_server, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "contact": {"ip": "1/h", "sender": "100/h", "organisation": "100/d"},
    }

    def post(number, forwarded):
        return client.post(
            CONTACT,
            message(email=f"s{number}@example.org"),
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert post(1, "198.51.100.1") == 302
    assert post(2, "198.51.100.2") == 302
    # The client cannot pose as someone else by writing their own X-Forwarded-For: the proxy
    # appends the address it saw, and only that entry is trusted.
    assert post(3, "198.51.100.9, 198.51.100.1") == 429


def test_get_on_the_contact_address_leads_back_to_the_profile(client, organisation):
    response = client.get(CONTACT)

    assert response.status_code == 302
    assert response["Location"] == PROFILE


def test_a_mail_server_that_is_down_is_not_the_visitors_problem(client, organisation, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens
    settings.EMAIL_TIMEOUT = 2

    response = client.post(CONTACT, message())

    assert response.status_code == 302
    assert ContactRecord.objects.count() == 1


def test_a_refused_copy_to_the_sender_does_not_resend_to_the_organisation(
    client, organisation, smtp_server
):
    smtp_server.refuse = {"olga@narva-noored.example": "550 5.1.1 No such user"}

    response = client.post(CONTACT, message())

    assert response.status_code == 302
    assert [sent["to"] for sent in smtp_server.messages] == [["juhatus@tartu-noored.example"]]
    assert ContactRecord.objects.count() == 1


def test_a_rolled_back_request_queues_no_mail(organisation, smtp_server, rf):
    from django.db import transaction

    from directory.contact import message_to_organisation
    from portal.mail import send_email_on_commit

    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            with transaction.atomic():
                send_email_on_commit(
                    message_to_organisation,
                    page_id=organisation.pages.first().pk,
                    sender={"name": "A", "email": "a@example.org", "message": "x"},
                )
                raise RuntimeError("the view failed after queueing")
        except RuntimeError:
            pass

    assert smtp_server.messages == []
