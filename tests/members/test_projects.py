"""Joint projects count once a partner confirms them."""

import pytest
from bs4 import BeautifulSoup

from directory.factories import MembershipFactory, OrganisationFactory, UserFactory
from directory.models import JointProject, ProjectPartner
from directory.projects import confirmed_project_count

pytestmark = pytest.mark.django_db


def project(*partners, **changes):
    data = {
        "title": "Kakskeelne suvelaager",
        "year": "2025",
        "partners": [partner.pk for partner in partners],
        "funder": "Rahvastikuministeerium",
        "description": "Narva ja Tartu noored koos.",
    }
    data.update(changes)
    return data


def projects_section(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = html.select_one(".organisation-projects")
    return section.get_text(" ", strip=True) if section else ""


def test_a_project_shows_on_both_profiles_once_the_partner_confirms(
    client, two_organisations, smtp_server
):
    a, b = two_organisations["a"], two_organisations["b"]
    client.force_login(a["editor"].user)

    response = client.post(
        f"/et/my/organisations/{a['organisation'].pk}/projects/new/", project(b["organisation"])
    )

    assert response.status_code == 302
    partner = ProjectPartner.objects.get()
    assert partner.status == "pending"
    assert projects_section(client, a["pages"]["et"]) == ""
    assert confirmed_project_count() == 0
    (sent,) = [m["message"] for m in smtp_server.messages]
    assert sent["To"] == b["owner"].user.email

    client.force_login(b["owner"].user)
    listing = client.get(f"/et/my/organisations/{b['organisation'].pk}/projects/")
    assert "Kakskeelne suvelaager" in listing.content.decode()
    client.post(
        f"/et/my/organisations/{b['organisation'].pk}/projects/",
        {"partner": partner.pk, "answer": "confirm"},
    )

    partner.refresh_from_db()
    assert partner.status == "confirmed"
    assert partner.decided_by == b["owner"].user
    on_a = projects_section(client, a["pages"]["et"])
    on_b = projects_section(client, b["pages"]["et"])
    assert "Kakskeelne suvelaager" in on_a and "MTÜ Tartu Rohelised" in on_a
    assert "Kakskeelne suvelaager" in on_b and "MTÜ Narva Noored" in on_b
    assert confirmed_project_count() == 1


def test_a_member_cannot_confirm_for_another_organisation(client, two_organisations):
    a, b = two_organisations["a"], two_organisations["b"]
    third = OrganisationFactory()
    recorded = JointProject.objects.create(
        organisation=third, title="X", year=2024, description="Y"
    )
    partner = ProjectPartner.objects.create(project=recorded, organisation=b["organisation"])
    client.force_login(a["owner"].user)

    through_theirs = client.post(
        f"/et/my/organisations/{b['organisation'].pk}/projects/",
        {"partner": partner.pk, "answer": "confirm"},
    )
    through_mine = client.post(
        f"/et/my/organisations/{a['organisation'].pk}/projects/",
        {"partner": partner.pk, "answer": "confirm"},
    )

    assert through_theirs.status_code == 404
    assert through_mine.status_code == 400
    partner.refresh_from_db()
    assert partner.status == "pending"


def test_partners_are_other_organisations_of_the_directory(client, two_organisations):
    a = two_organisations["a"]
    unlisted = OrganisationFactory()
    client.force_login(a["editor"].user)

    for partners in ([a["organisation"]], [unlisted]):
        response = client.post(
            f"/et/my/organisations/{a['organisation'].pk}/projects/new/", project(*partners)
        )
        assert response.status_code == 400
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one("#id_title")["value"] == "Kakskeelne suvelaager"
    assert not JointProject.objects.exists()


def test_bad_years_are_refused(client, two_organisations):
    a, b = two_organisations["a"], two_organisations["b"]
    client.force_login(a["editor"].user)

    response = client.post(
        f"/et/my/organisations/{a['organisation'].pk}/projects/new/",
        project(b["organisation"], year="1800"),
    )

    assert response.status_code == 400
    assert not JointProject.objects.exists()


def test_a_declined_project_is_not_shown(client, two_organisations):
    a, b = two_organisations["a"], two_organisations["b"]
    recorded = JointProject.objects.create(
        organisation=a["organisation"], title="Keeldutud", year=2024, description="Y"
    )
    partner = ProjectPartner.objects.create(project=recorded, organisation=b["organisation"])
    member = MembershipFactory(organisation=b["organisation"], user=UserFactory())
    client.force_login(member.user)

    client.post(
        f"/et/my/organisations/{b['organisation'].pk}/projects/",
        {"partner": partner.pk, "answer": "decline"},
    )

    partner.refresh_from_db()
    assert partner.status == "declined"
    assert projects_section(client, a["pages"]["et"]) == ""
