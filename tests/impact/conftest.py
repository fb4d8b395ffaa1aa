import pytest

from tests.consultations.conftest import login
from tests.directory.conftest import directories, make_organisation  # noqa: F401


@pytest.fixture
def admin_client(client, site_tree):
    """The editor, who reads the impact report, with the admin in English."""
    return login(client, "editor")
