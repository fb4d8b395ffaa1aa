"""Sign-in by one-time code, no account enumeration, reauthentication and the admin's
two-factor rule."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail

from directory.factories import UserFactory

pytestmark = pytest.mark.django_db


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_sign_in_by_a_code_sent_by_email(client, site_tree):
    user = UserFactory()

    asked = client.post("/et/accounts/login/code/", {"email": user.email})

    assert asked.status_code == 302
    (message,) = mail.outbox
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)
    signed_in = client.post(asked["Location"], {"code": code})
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_asking_a_code_for_an_unknown_address_looks_the_same(client, site_tree):
    user = UserFactory()
    known = client.post("/et/accounts/login/code/", {"email": user.email})
    client.cookies.clear()

    unknown = client.post("/et/accounts/login/code/", {"email": "nobody@example.org"})

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_signing_up_with_a_taken_address_looks_like_a_new_sign_up(client, site_tree):
    user = UserFactory()
    data = {"password1": "Koostoo-2026!", "password2": "Koostoo-2026!"}

    fresh = client.post("/ru/accounts/signup/", {"email": "uus@example.org", **data})
    client.cookies.clear()
    taken = client.post("/ru/accounts/signup/", {"email": user.email, **data})

    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    # The owner of the address hears of the attempt; nobody else learns anything.
    assert mail.outbox[-1].to == [user.email]


def test_changing_the_email_address_asks_for_the_password_again(client, site_tree):
    user = UserFactory()
    client.post("/ru/accounts/login/", {"login": user.email, "password": "password"})

    response = client.post("/ru/accounts/email/", {"email": "new@example.org", "action_add": ""})

    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/reauthenticate/")
    assert user.emailaddress_set.count() == 1


@pytest.fixture
def editor(site_tree):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="editor")
    user.set_password("password")
    user.save()
    return user


def test_without_the_setting_the_admin_opens_after_the_password(client, editor, settings):
    settings.ADMIN_REQUIRE_MFA = False
    client.post("/ru/accounts/login/", {"login": editor.email, "password": "password"})

    assert client.get("/admin/").status_code == 200


def test_the_admin_sends_staff_without_a_second_factor_to_set_one_up(client, editor, settings):
    settings.ADMIN_REQUIRE_MFA = True
    client.post("/ru/accounts/login/", {"login": editor.email, "password": "password"})

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/2fa/totp/activate/")
    # allauth asks for the password again before a second factor is added.
    asked = client.get(response["Location"])
    assert asked["Location"].startswith("/ru/accounts/reauthenticate/")
    again = client.post(asked["Location"], {"password": "password"})
    activate = client.get(again["Location"])
    assert activate.status_code == 200
    assert b'name="code"' in activate.content


def test_staff_with_a_second_factor_sign_in_with_it(client, editor, settings):
    settings.ADMIN_REQUIRE_MFA = True
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)

    password = client.post(
        "/ru/accounts/login/", {"login": editor.email, "password": "password", "next": "/admin/"}
    )
    assert password["Location"].startswith("/ru/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    second = client.post(password["Location"], {"code": totp_code(secret)})

    assert second["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_session_without_the_second_factor_is_asked_for_it(client, editor, settings):
    settings.ADMIN_REQUIRE_MFA = True
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/2fa/reauthenticate/")
    answered = client.post(response["Location"], {"code": totp_code(secret)})
    assert answered["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_members_are_not_asked_for_a_second_factor(client, site_tree, settings):
    settings.ADMIN_REQUIRE_MFA = True
    user = UserFactory()
    client.post("/ru/accounts/login/", {"login": user.email, "password": "password"})

    assert client.get("/ru/my/").status_code == 200
