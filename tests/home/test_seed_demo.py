import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from home.demo import DEMO_ACCOUNTS
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def first_output(django_db_setup, django_db_blocker):
    """What the first ``seed_demo`` printed; the command runs once for the module (it takes
    half a minute) and its content is there for every test."""

    def seed():
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        return output.getvalue()

    yield from kept_for_module(django_db_blocker, seed)


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("locale__language_code", "url_path", "live")),
        "revisions": Revision.objects.count(),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    }


def test_seed_demo_twice_changes_nothing_the_second_time(first_output):
    after_first = snapshot()

    call_command("seed_demo", stdout=io.StringIO())

    assert snapshot() == after_first
    for _username, email, password, *_ in DEMO_ACCOUNTS:
        assert f"{email}" in first_output
        assert password in first_output


def test_seed_demo_builds_the_same_tree_in_three_languages(client, first_output):
    site = Site.objects.get(is_default_site=True)
    homes = site.root_page.get_translations(inclusive=True)
    assert sorted(homes.values_list("locale__language_code", flat=True)) == ["en", "et", "ru"]
    for language in ("ru", "et", "en"):
        assert client.get(f"/{language}/about/").status_code == 200


def test_demo_logins_open_the_admin(client, first_output):
    for username, _email, password, _is_superuser, _groups in DEMO_ACCOUNTS:
        client.logout()
        assert client.login(username=username, password=password), username
        assert client.get("/admin/").status_code == 200, username
