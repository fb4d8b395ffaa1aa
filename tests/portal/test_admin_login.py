"""The admin signs in through allauth (and its rate limits); Wagtail's own login form and
password reset are not reachable."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(site_tree):
    user = get_user_model().objects.get(username="editor")
    user.set_password("right-password-2026")
    user.save()
    return user


def test_guessing_at_the_admin_login_never_signs_in(client, editor):
    for attempt in range(22):
        client.post(
            "/admin/login/",
            {"username": editor.username, "password": f"wrong-{attempt}"},
            REMOTE_ADDR="203.0.113.4",
        )

    client.post(
        "/admin/login/",
        {"username": editor.username, "password": "right-password-2026"},
        REMOTE_ADDR="203.0.113.4",
    )

    assert "_auth_user_id" not in client.session


def test_guessing_at_the_site_login_is_stopped_before_the_right_password(client, editor):
    for attempt in range(22):
        client.post(
            "/ru/accounts/login/",
            {"login": editor.email, "password": f"wrong-{attempt}"},
            REMOTE_ADDR="203.0.113.5",
        )

    response = client.post(
        "/ru/accounts/login/",
        {"login": editor.email, "password": "right-password-2026"},
        REMOTE_ADDR="203.0.113.5",
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_the_admin_sends_people_to_the_site_login_and_back(client, editor):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/login/")
    assert client.get(response["Location"]).status_code == 200

    signed_in = client.post(
        response["Location"],
        {"login": editor.email, "password": "right-password-2026"},
    )

    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/admin/"


def test_the_admin_login_refuses_to_send_people_elsewhere(client):
    response = client.get("/admin/login/?next=https://evil.example/")

    assert "evil.example" not in response["Location"]


def test_wagtails_password_reset_is_off(client, editor):
    response = client.post("/admin/password_reset/", {"email": editor.email}, follow=True)

    assert response.status_code == 404
    assert mail.outbox == []


def test_a_reset_for_an_unknown_address_sends_nothing(client, site_tree):
    for _attempt in range(5):
        response = client.post("/ru/accounts/password/reset/", {"email": "nobody@example.org"})
        assert response.status_code == 302

    assert mail.outbox == []
