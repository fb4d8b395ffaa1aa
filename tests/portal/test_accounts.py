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
