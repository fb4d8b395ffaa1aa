"""A member downloads their data and deletes their account; organisations stay."""

import json

import pytest
from django.contrib.auth import get_user_model

from directory.factories import MembershipFactory, UserFactory
from directory.models import Membership, NewsItem, Organisation, OrganisationPage

pytestmark = pytest.mark.django_db


def delete_account(client, user):
    """Sign in, ask to delete the account, give the password again: allauth then carries out
    the suspended request."""
    response = client.post("/ru/accounts/login/", {"login": user.email, "password": "password"})
    assert response.status_code == 302
    asked = client.post("/ru/my/delete/")
    assert asked["Location"].startswith("/ru/accounts/reauthenticate/")
    done = client.post(asked["Location"], {"password": "password"})
    assert done["Location"] == "/ru/"
    return user


def test_a_member_downloads_their_own_data(client, two_organisations):
    a = two_organisations["a"]
    user = a["editor"].user
    NewsItem.objects.create(
        organisation=a["organisation"],
        submitted_by=user,
        language="et",
        title="Minu uudis",
        text="Tekst",
    )
    NewsItem.objects.create(
        organisation=a["organisation"],
        submitted_by=a["owner"].user,
        language="et",
        title="Teise uudis",
        text="Tekst",
    )
    client.force_login(user)

    response = client.get("/et/my/data/download/")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert [m["organisation"] for m in data["memberships"]] == ["MTÜ Narva Noored"]
    assert [n["title"] for n in data["news_submitted"]] == ["Minu uudis"]
    assert a["owner"].user.email not in response.content.decode()


def test_anonymous_people_get_no_data(client, site_tree):
    response = client.get("/et/my/data/download/")

    assert response.status_code == 302
    assert response["Location"].startswith("/et/accounts/login/")


def test_deleting_the_account_asks_for_the_password_again(client, two_organisations):
    user = two_organisations["a"]["editor"].user
    client.post("/ru/accounts/login/", {"login": user.email, "password": "password"})

    response = client.post("/ru/my/delete/")
    wrong = client.post(response["Location"], {"password": "wrong"})

    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/reauthenticate/")
    assert wrong.status_code == 200
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_an_organisation_with_other_members_stays_published(client, two_organisations):
    a = two_organisations["a"]
    owner = a["owner"].user
    NewsItem.objects.create(
        organisation=a["organisation"], submitted_by=owner, language="et", title="Jääb", text="T"
    )

    delete_account(client, owner)

    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    assert "_auth_user_id" not in client.session
    assert OrganisationPage.objects.get(pk=a["pages"]["et"].pk).live
    # The remaining editor now holds the organisation.
    assert Membership.objects.get(pk=a["editor"].pk).role == "owner"
    assert NewsItem.objects.get(title="Jääb").submitted_by is None


def test_the_last_member_leaving_unpublishes_without_losing(client, two_organisations):
    b = two_organisations["b"]
    delete_account(client, b["owner"].user)

    page = OrganisationPage.objects.get(pk=b["pages"]["et"].pk)
    assert not page.live
    assert page.description == "Tekst."
    assert Organisation.objects.filter(pk=b["organisation"].pk).exists()
    assert client.get(page.url or "/et/organisations/tartu-rohelised/").status_code == 404


def test_a_pending_request_alone_unpublishes_nothing(client, two_organisations):
    a = two_organisations["a"]
    user = UserFactory()
    MembershipFactory(organisation=a["organisation"], user=user, status="pending")
    delete_account(client, user)

    assert OrganisationPage.objects.get(pk=a["pages"]["et"].pk).live
