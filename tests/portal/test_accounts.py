import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

pytestmark = pytest.mark.django_db


def test_sign_in_page_uses_the_site_layout_in_the_visitors_language(client, site_tree):
    response = client.get("/et/accounts/login/")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "et"
    assert page.select_one("a.skip-link") is not None
    assert page.h1.get_text(strip=True) == "Logi sisse"
    assert page.select_one('input[name="login"][type="email"]') is not None


def test_sign_up_requires_a_confirmed_email_before_the_first_sign_in(client, site_tree):
    response = client.post(
        "/ru/accounts/signup/",
        {
            "email": "anna@narva-noored.example",
            "password1": "Koostoo-2026!",
            "password2": "Koostoo-2026!",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@narva-noored.example"]
    login = client.post(
        "/ru/accounts/login/",
        {"login": "anna@narva-noored.example", "password": "Koostoo-2026!"},
    )
    assert login["Location"] == "/ru/accounts/confirm-email/"
    assert not client.session.get("_auth_user_id")

    confirm_url = re.search(
        r"http://testserver(/ru/accounts/confirm-email/\S+/)", mail.outbox[0].body
    )
    assert confirm_url, mail.outbox[0].body
    client.post(confirm_url.group(1))
    login = client.post(
        "/ru/accounts/login/",
        {"login": "anna@narva-noored.example", "password": "Koostoo-2026!"},
    )
    assert login.status_code == 302
    assert client.session.get("_auth_user_id")


def test_sign_up_errors_are_translated_and_keep_what_was_typed(client, site_tree):
    response = client.post(
        "/et/accounts/signup/",
        {"email": "mari@tartu.example", "password1": "abc", "password2": "abd"},
    )

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('input[name="email"]')["value"] == "mari@tartu.example"
    assert "Salasõna on liiga lühike." in response.content.decode()


def _labels(client, path):
    page = BeautifulSoup(client.get(path).content, "html.parser")
    return [label.get_text(" ", strip=True) for label in page.select("main label")]


@pytest.mark.parametrize(
    ("path", "labels"),
    [
        ("/et/accounts/signup/", ["E-posti aadress:", "Salasõna:", "Salasõna uuesti:"]),
        ("/et/accounts/login/", ["E-posti aadress:", "Salasõna:", "Jäta mind meelde:"]),
        ("/et/accounts/password/reset/", ["E-posti aadress:"]),
        ("/ru/accounts/signup/", ["Адрес электронной почты:", "Пароль:", "Пароль ещё раз:"]),
        ("/ru/accounts/login/", ["Адрес электронной почты:", "Пароль:", "Запомнить меня:"]),
    ],
)
def test_account_forms_speak_the_visitors_language_throughout(client, site_tree, path, labels):
    # allauth's own Estonian left "Email" in English and mixed "parool" with "salasõna".
    assert _labels(client, path) == labels


def test_estonian_account_pages_address_the_visitor_politely(client, site_tree):
    page = BeautifulSoup(client.get("/et/accounts/password/reset/").content, "html.parser")
    text = page.select_one("main").get_text(" ", strip=True)

    assert "Unustasite salasõna? Sisestage allpool oma e-posti aadress" in text
    assert page.select_one("main button[type=submit]").get_text(strip=True) == ("Lähtesta salasõna")
