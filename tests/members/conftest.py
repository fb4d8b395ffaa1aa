import pytest

from directory.demo import ensure_directory
from directory.factories import MembershipFactory, OrganisationFactory, UserFactory, create_profile
from directory.vocabularies import ensure_vocabularies


@pytest.fixture
def directories(site_tree):
    ensure_vocabularies()
    return ensure_directory(site_tree["homes"])


@pytest.fixture
def two_organisations(directories):
    """Organisation A (owner and editor members) and organisation B (its own owner), each
    with a published Estonian profile."""
    result = {}
    for key, name in (("a", "Narva Noored"), ("b", "Tartu Rohelised")):
        organisation = OrganisationFactory(registered_name=f"MTÜ {name}")
        pages = create_profile(
            directories, organisation, {"et": {"title": name, "description": "Tekst."}}
        )
        owner = MembershipFactory(
            organisation=organisation, role="owner", user=UserFactory(username=f"owner-{key}")
        )
        result[key] = {"organisation": organisation, "pages": pages, "owner": owner}
    result["a"]["editor"] = MembershipFactory(
        organisation=result["a"]["organisation"], user=UserFactory(username="editor-a")
    )
    return result


@pytest.fixture
def sign_in(client):
    def sign_in(membership_or_user):
        user = getattr(membership_or_user, "user", membership_or_user)
        client.force_login(user)
        return user

    return sign_in


@pytest.fixture
def editor(site_tree):
    """The demo editor (Editors and Moderators groups)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="editor")


def moderate(client, editor, page, action, comment=""):
    """The editor approves or rejects the page's current moderation task in the admin."""
    state = page.current_workflow_state
    task_state = state.current_task_state
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
    )
    assert response.status_code in (200, 302), response.content[:500]
    client.logout()
    return response


def subject(message):
    from email.header import decode_header, make_header

    return str(make_header(decode_header(message["Subject"])))


def body(message):
    return message.get_payload(decode=True).decode()
