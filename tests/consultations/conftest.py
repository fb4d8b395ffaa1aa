import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from tests.directory.conftest import directories, make_organisation  # noqa: F401


def login(client, username, language="en"):
    """Sign ``username`` in with the admin in ``language``."""
    user = get_user_model().objects.get(username=username)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, site_tree):
    return login(client, "editor")
