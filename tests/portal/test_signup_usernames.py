"""Found by tests/portal/test_fuzz.py: allauth makes a username from the address's local part
and a few random characters, and used to answer a sign-up with a 500 once its handful of
candidates were taken ("info@" after many organisations)."""

import random

import pytest
from allauth.utils import generate_username_candidates
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_a_sign_up_succeeds_when_every_username_allauth_would_try_is_taken(client, site_tree):
    user_model = get_user_model()
    random.seed(2026)
    for candidate in generate_username_candidates("info"):
        user_model.objects.create_user(candidate, f"{candidate}@other.example")
    random.seed(2026)  # allauth draws the same candidates again

    response = client.post(
        "/et/accounts/signup/",
        {"email": "info@noored.example", "password1": "Sild-2026!x", "password2": "Sild-2026!x"},
    )

    assert response.status_code == 302
    assert user_model.objects.filter(email="info@noored.example").exists()
