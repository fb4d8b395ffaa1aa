"""A person adds a new organisation, joins one, or claims one; editors confirm founders."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from directory.factories import MembershipFactory, OrganisationFactory, UserFactory, registry_code
from directory.models import Membership, Organisation, OrganisationPage, RegisterEntry

from .conftest import body, moderate, subject

pytestmark = pytest.mark.django_db

CODE = registry_code(123456)


def new_organisation(**changes):
    data = {
        "registry_code": CODE,
        "registered_name": "MTÜ Sillamäe Sõbrad",
        "legal_form": "non-profit",
        "county": "ida-viru",
        "town": "Sillamäe",
        "works_in_russian": "on",
        "works_in_estonian": "on",
        "other_languages": "",
        "email": "info@sobrad.example",
        "language": "et",
        "title": "Sillamäe Sõbrad",
        "short_name": "",
        "introduction": "Noored ja vanad koos.",
        "description": "Korraldame kakskeelseid õhtuid.",
        "target_groups": "",
        "partner_wanted": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def person(client, directories):
    user = UserFactory(username="anna")
    client.force_login(user)
    return user


def _text(response):
    return (
        BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ", strip=True)
    )


def test_the_register_fills_in_the_name_and_legal_form(client, person):
    RegisterEntry.objects.create(
        registry_code=CODE, name="MTÜ Sillamäe Sõbrad", legal_form="non-profit"
    )

    response = client.post(
        "/et/my/organisations/new/", {"registry_code": CODE, "check": "1", "town": "Sillamäe"}
    )

    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('input[name="registered_name"]')["value"] == "MTÜ Sillamäe Sõbrad"
    assert page.select_one('select[name="legal_form"] option[selected]')["value"] == "non-profit"
    # What was typed stays.
    assert page.select_one('input[name="town"]')["value"] == "Sillamäe"
    assert "MTÜ Sillamäe Sõbrad" in page.select_one('[role="status"]').get_text()
    assert not Organisation.objects.filter(registry_code=CODE).exists()


def test_an_unknown_code_is_flagged(client, person):
    response = client.post("/en/my/organisations/new/", {"registry_code": CODE, "check": "1"})

    assert "not in our copy of the business register" in _text(response)


def test_a_new_organisation_waits_for_the_editors(client, person, smtp_server, editor):
    response = client.post("/et/my/organisations/new/", new_organisation())

    organisation = Organisation.objects.get(registry_code=CODE)
    assert response.status_code == 302
    assert response["Location"] == f"/et/my/organisations/{organisation.pk}/"
    membership = Membership.objects.get(organisation=organisation, user=person)
    assert (membership.role, membership.status, membership.founded) == ("owner", "pending", True)
    page = OrganisationPage.objects.get(organisation=organisation)
    assert not page.live
    assert page.locale.language_code == "et"
    assert page.slug == "sillamae-sobrad"
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == person
    # Not public, and the founder may prepare the version but not manage members.
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/et/my/organisations/{organisation.pk}/members/").status_code == 404

    moderate(client, editor, page, "approve")

    membership.refresh_from_db()
    page.refresh_from_db()
    assert membership.status == "active"
    assert membership.decided_by == editor
    assert page.live
    sent = [m for m in smtp_server.messages if m["to"] == [person.email]]
    assert len(sent) == 1
    assert sent[0]["message"]["Content-Language"] == "et"
    assert "Sillamäe Sõbrad" in subject(sent[0]["message"])


def test_a_rejected_version_tells_the_member_why(client, person, smtp_server, editor):
    client.post("/ru/my/organisations/new/", new_organisation(language="ru", title="Силламяэ"))
    page = OrganisationPage.objects.get(organisation__registry_code=CODE)

    moderate(client, editor, page, "reject", comment="Добавьте описание деятельности.")

    membership = Membership.objects.get(user=person)
    assert membership.status == "pending"
    assert not OrganisationPage.objects.get(pk=page.pk).live
    (sent,) = [m["message"] for m in smtp_server.messages if m["to"] == [person.email]]
    assert sent["Content-Language"] == "ru"
    assert "Добавьте описание деятельности." in body(sent)


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, person):
    pages = OrganisationPage.objects.count()

    response = client.post(
        "/et/my/organisations/new/",
        new_organisation(county="", works_in_russian="", works_in_estonian="", description=""),
    )

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one('input[name="town"]')["value"] == "Sillamäe"
    assert page.select_one('input[name="title"]')["value"] == "Sillamäe Sõbrad"
    assert page.select_one("#id_county").get("aria-invalid") == "true"
    assert page.select_one("#id_description").get("aria-invalid") == "true"
    assert not Organisation.objects.filter(registry_code=CODE).exists()
    assert OrganisationPage.objects.count() == pages
    assert not Membership.objects.filter(user=person).exists()


def test_an_organisation_already_in_the_directory_is_joined_not_added(client, person):
    OrganisationFactory(registry_code=CODE)

    response = client.post("/en/my/organisations/new/", new_organisation())

    assert response.status_code == 400
    assert "Ask to join it" in _text(response)
    assert Organisation.objects.filter(registry_code=CODE).count() == 1


@override_settings(
    RATE_LIMITS={"member": {"ip": "300/h", "user": "120/h"}, "organisation_new": {"user": "1/d"}}
)
def test_adding_organisations_is_rate_limited(client, person):
    client.post("/et/my/organisations/new/", new_organisation())

    response = client.post(
        "/et/my/organisations/new/", new_organisation(registry_code=registry_code(654321))
    )

    assert response.status_code == 429
    assert (
        BeautifulSoup(response.content, "html.parser").select_one('input[name="town"]')["value"]
        == "Sillamäe"
    )
    assert not Organisation.objects.filter(registry_code=registry_code(654321)).exists()


def test_joining_an_organisation_with_owners_asks_them(client, person, smtp_server):
    organisation = OrganisationFactory(registry_code=CODE, registered_name="MTÜ Narva Noored")
    owner = MembershipFactory(organisation=organisation, role="owner", language="ru")

    response = client.post(
        "/et/my/organisations/join/", {"registry_code": CODE, "message": "Olen juhatuse liige."}
    )

    assert response["Location"] == "/et/my/"
    request = Membership.objects.get(user=person)
    assert (request.role, request.status) == ("editor", "pending")
    (sent,) = [m["message"] for m in smtp_server.messages]
    assert sent["To"] == owner.user.email
    assert sent["Content-Language"] == "ru"
    text = body(sent)
    assert "Olen juhatuse liige." in text
    assert f"/ru/my/organisations/{organisation.pk}/members/" in text

    client.force_login(owner.user)
    client.post(
        f"/ru/my/organisations/{organisation.pk}/members/",
        {"membership": request.pk, "action": "approve"},
    )
    request.refresh_from_db()
    assert request.status == "active"
    answer = smtp_server.messages[-1]
    assert answer["to"] == [person.email]
    assert answer["message"]["Content-Language"] == "et"


def test_claiming_an_organisation_without_owners_goes_to_the_editors(
    client, person, editor, smtp_server
):
    organisation = OrganisationFactory(registry_code=CODE)

    client.post("/en/my/organisations/join/", {"registry_code": CODE})

    claim = Membership.objects.get(user=person)
    assert (claim.role, claim.status) == ("owner", "pending")
    assert smtp_server.messages == []
    assert client.get(f"/en/my/organisations/{organisation.pk}/").status_code == 404

    client.force_login(editor)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"  # the admin's words below are the English ones
    profile.save()
    home = client.get("/admin/")
    assert b"Review the requests" in home.content
    listing = client.get("/admin/directory/membership/?status__exact=pending")
    assert person.email.encode() in listing.content
    assert b"not in the register" in listing.content
    response = client.post(
        f"/admin/directory/membership/edit/{claim.pk}/",
        {
            "organisation": organisation.pk,
            "user": person.pk,
            "role": "owner",
            "status": "active",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    claim.refresh_from_db()
    assert claim.status == "active"
    assert claim.decided_by == editor
    assert smtp_server.messages[-1]["to"] == [person.email]


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("8001", "exactly eight digits"),
        (registry_code(999), "No organisation with this registry code"),
    ],
)
def test_joining_needs_a_known_code(client, person, code, error):
    response = client.post("/en/my/organisations/join/", {"registry_code": code})

    assert response.status_code == 400
    assert error in _text(response)
    assert (
        BeautifulSoup(response.content, "html.parser").select_one("#id_registry_code")["value"]
        == code
    )
    assert not Membership.objects.filter(user=person).exists()


def test_the_membership_admin_lists_creates_and_edits(client, editor, directories):
    organisation = OrganisationFactory()
    user = UserFactory()
    client.force_login(editor)

    assert client.get("/admin/directory/membership/").status_code == 200
    created = client.post(
        "/admin/directory/membership/create/",
        {
            "organisation": organisation.pk,
            "user": user.pk,
            "role": "editor",
            "status": "active",
            "language": "ru",
        },
    )
    assert created.status_code == 302, created.content[:2000]
    membership = Membership.objects.get(user=user)
    edited = client.post(
        f"/admin/directory/membership/edit/{membership.pk}/",
        {
            "organisation": organisation.pk,
            "user": user.pk,
            "role": "owner",
            "status": "active",
            "language": "ru",
        },
    )
    assert edited.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_import_register_creates_and_updates(tmp_path):
    first = tmp_path / "register.csv"
    first.write_text(
        "nimi;ariregistri_kood;ettevotja_oiguslik_vorm;ettevotja_staatus\n"
        f"MTÜ Narva Noored;{registry_code(1)};Mittetulundusühing;R\n"
        f"SA Tartu Fond;{registry_code(2, prefix='9')};Sihtasutus;R\n"
        "Vigane;123;Mittetulundusühing;R\n",
        encoding="utf-8-sig",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_register", str(first), stdout=out, stderr=err)

    assert "Created 2, updated 0, unchanged 0, skipped 1" in out.getvalue()
    assert "line 4: registry_code" in err.getvalue()
    assert (
        RegisterEntry.objects.get(registry_code=registry_code(2, prefix="9")).legal_form
        == "foundation"
    )

    second = tmp_path / "again.csv"
    second.write_text(
        "name,registry_code,legal_form,status\n"
        f"MTÜ Narva Noored,{registry_code(1)},non-profit,deleted\n"
        f"SA Tartu Fond,{registry_code(2, prefix='9')},foundation,registered\n",
    )
    out = io.StringIO()
    call_command("import_register", str(second), stdout=out, stderr=io.StringIO())

    assert "Created 0, updated 1, unchanged 1, skipped 0" in out.getvalue()
    assert RegisterEntry.objects.get(registry_code=registry_code(1)).status == "deleted"
    assert RegisterEntry.objects.count() == 2


@pytest.mark.parametrize("break_it", ["no_workflow", "empty_workflow"])
def test_a_new_profile_is_moderated_whatever_the_sites_workflows(client, person, break_it):
    from wagtail.models import Task, Workflow, WorkflowPage

    if break_it == "no_workflow":
        WorkflowPage.objects.all().delete()
    else:
        Task.objects.update(active=False)

    client.post("/et/my/organisations/new/", new_organisation())

    page = OrganisationPage.objects.get(organisation__registry_code=CODE)
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.active
    assert Workflow.objects.filter(name="Organisation profiles").exists()
