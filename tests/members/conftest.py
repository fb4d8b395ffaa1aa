import pytest

from directory.demo import ensure_activity_fields, ensure_directory
from directory.factories import MembershipFactory, OrganisationFactory, UserFactory, create_profile


@pytest.fixture
def directories(site_tree):
    ensure_activity_fields()
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
