"""The member area's security rules, each tried the way an attacker would."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from directory.factories import MembershipFactory, UserFactory
from directory.models import Membership

pytestmark = pytest.mark.django_db


def organisation_urls(organisation_id):
    base = f"/ru/my/organisations/{organisation_id}"
    return [
        f"{base}/",
        f"{base}/members/",
        f"{base}/facts/",
        f"{base}/profile/et/",
        f"{base}/profile/ru/",
        f"{base}/news/",
        f"{base}/news/new/",
        f"{base}/projects/",
        f"{base}/projects/new/",
    ]


def member_urls(organisation_id):
    personal = [
        "/ru/my/",
        "/ru/my/organisations/new/",
        "/ru/my/organisations/join/",
        "/ru/my/data/",
        "/ru/my/data/download/",
        "/ru/my/delete/",
    ]
    return personal + organisation_urls(organisation_id)


def test_anonymous_people_are_sent_to_sign_in_from_every_member_url(client, two_organisations):
    for url in member_urls(two_organisations["a"]["organisation"].pk):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/ru/accounts/login/?next="), url


def test_a_member_of_one_organisation_cannot_see_another(client, two_organisations, sign_in):
    sign_in(two_organisations["a"]["owner"])
    other = two_organisations["b"]["organisation"].pk

    for url in organisation_urls(other):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x", "membership": 1}).status_code == 404, url
    # An organisation that does not exist looks the same as one that is not yours.
    assert client.get("/ru/my/organisations/999999/").status_code == 404


def test_a_member_cannot_act_on_another_organisations_members(client, two_organisations, sign_in):
    sign_in(two_organisations["a"]["owner"])
    victim = two_organisations["b"]["owner"]

    on_their_page = client.post(
        f"/ru/my/organisations/{victim.organisation_id}/members/",
        {"membership": victim.pk, "action": "remove"},
    )
    # Through one's own page, with the other organisation's membership id in the form.
    through_mine = client.post(
        f"/ru/my/organisations/{two_organisations['a']['organisation'].pk}/members/",
        {"membership": victim.pk, "action": "remove"},
    )

    assert on_their_page.status_code == 404
    assert through_mine.status_code == 400
    assert Membership.objects.filter(pk=victim.pk, status="active").exists()


def test_every_member_page_answers_its_members(client, two_organisations, sign_in):
    a = two_organisations["a"]
    sign_in(a["owner"])

    for url in member_urls(a["organisation"].pk):
        assert client.get(url).status_code in (200, 302), url


def test_editors_cannot_manage_members(client, two_organisations, sign_in):
    a = two_organisations["a"]
    sign_in(a["editor"])

    response = client.post(
        f"/ru/my/organisations/{a['organisation'].pk}/members/",
        {"membership": a["owner"].pk, "action": "remove"},
    )

    assert response.status_code == 403
    assert Membership.objects.filter(pk=a["owner"].pk).exists()


def test_a_pending_request_gives_no_access(client, two_organisations, sign_in):
    a = two_organisations["a"]
    pending = MembershipFactory(organisation=a["organisation"], status="pending")
    sign_in(pending)

    assert client.get(f"/ru/my/organisations/{a['organisation'].pk}/").status_code == 404


def test_owner_approves_a_join_request_and_removes_a_member(client, two_organisations, sign_in):
    a = two_organisations["a"]
    request = MembershipFactory(
        organisation=a["organisation"], status="pending", message="<script>alert(1)</script>"
    )
    sign_in(a["owner"])
    url = f"/ru/my/organisations/{a['organisation'].pk}/members/"

    page = client.get(url)
    assert b"<script>alert(1)</script>" not in page.content
    assert b"&lt;script&gt;" in page.content

    client.post(url, {"membership": request.pk, "action": "approve"})
    request.refresh_from_db()
    assert request.status == "active"
    assert request.decided_by == a["owner"].user

    client.post(url, {"membership": a["editor"].pk, "action": "remove"})
    assert not Membership.objects.filter(pk=a["editor"].pk).exists()


def test_an_owner_cannot_remove_themselves_and_leave_no_owner(client, two_organisations, sign_in):
    a = two_organisations["a"]
    sign_in(a["owner"])

    response = client.post(
        f"/ru/my/organisations/{a['organisation'].pk}/members/",
        {"membership": a["owner"].pk, "action": "remove"},
    )

    assert response.status_code == 400
    assert Membership.objects.filter(pk=a["owner"].pk).exists()


def test_every_member_form_requires_the_csrf_token(two_organisations):
    a = two_organisations["a"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(a["owner"].user)

    response = client.post(
        f"/ru/my/organisations/{a['organisation'].pk}/members/",
        {"membership": a["editor"].pk, "action": "remove"},
    )

    assert response.status_code == 403
    assert Membership.objects.filter(pk=a["editor"].pk).exists()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "javascript:alert(1)",
    ],
)
def test_sign_in_refuses_to_send_people_elsewhere(client, two_organisations, target):
    user = two_organisations["a"]["owner"].user

    response = client.post(
        "/ru/accounts/login/", {"login": user.email, "password": "password", "next": target}
    )

    assert response.status_code == 302
    assert response["Location"] == "/ru/my/"


def test_sign_in_follows_a_next_within_the_site(client, two_organisations):
    a = two_organisations["a"]
    user = a["owner"].user
    target = f"/ru/my/organisations/{a['organisation'].pk}/"

    response = client.post(
        "/ru/accounts/login/", {"login": user.email, "password": "password", "next": target}
    )

    assert response["Location"] == target


def test_members_never_reach_the_admin(client, two_organisations):
    user = two_organisations["a"]["owner"].user
    signed_in = client.post(
        "/ru/accounts/login/", {"login": user.email, "password": "password", "next": "/admin/"}
    )
    assert signed_in["Location"] == "/ru/my/"

    for url in ("/admin/", "/admin/pages/", "/admin/snippets/directory/organisation/"):
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        assert not final.startswith("/admin/"), url
        assert b"wagtail-admin" not in response.content.lower()


def test_sessions_rotate_at_sign_in(client, two_organisations):
    user = two_organisations["a"]["owner"].user
    client.get("/ru/accounts/login/")
    client.session.save()
    before = client.session.session_key

    client.post("/ru/accounts/login/", {"login": user.email, "password": "password"})

    assert client.session.get("_auth_user_id") == str(user.pk)
    assert client.session.session_key != before


def test_a_signed_in_member_sees_their_organisations_and_requests(client, two_organisations):
    a = two_organisations["a"]
    user = UserFactory()
    MembershipFactory(organisation=a["organisation"], user=user)
    MembershipFactory(
        organisation=two_organisations["b"]["organisation"], user=user, status="pending"
    )
    client.force_login(user)

    page = BeautifulSoup(client.get("/en/my/").content, "html.parser")
    text = page.select_one("main").get_text(" ", strip=True)

    assert "MTÜ Narva Noored" in text
    assert "waiting for an owner to confirm your request" in text
    assert page.select_one(f'a[href="/en/my/organisations/{a["organisation"].pk}/"]')
