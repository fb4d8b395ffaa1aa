import pytest

from directory.demo import ensure_directory
from directory.factories import OrganisationFactory, create_profile
from directory.vocabularies import ensure_vocabularies


@pytest.fixture
def directories(site_tree):
    """The shared taxonomy and the directory page of each language, by language code."""
    ensure_vocabularies()
    return ensure_directory(site_tree["homes"])


@pytest.fixture
def make_organisation(directories):
    """``make_organisation({"et": {"title": ..., "description": ...}}, town=..., fields=[...])``:
    an organisation with its facts and a published profile in each given language."""

    def make(versions, slug=None, **facts):
        organisation = OrganisationFactory(**facts)
        pages = create_profile(directories, organisation, versions, slug=slug)
        organisation.refresh_from_db()
        return organisation, pages

    return make
