import pytest
from django.core.cache import cache
from wagtail.models import Locale

from home import demo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The foundation's tree (three locales, home pages, about and privacy) once per session;
    # each test runs in a transaction that is rolled back, so it starts from this state.
    with django_db_blocker.unblock():
        demo.seed()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """The home page of each language and the demo editorial pages, by language code.

    Idempotent: cheap when the session's tree is there, rebuilds it after a transactional
    test (browser tests) has flushed the database."""
    result = demo.seed()
    homes = result["homes"]
    return {
        "homes": homes,
        "about": {
            code: home.get_children().get(slug="about").specific for code, home in homes.items()
        },
    }


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}
