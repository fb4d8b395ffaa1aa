"""Pages are found through routes remembered per generation of the page tree, and served
without asking the database for view restrictions when none applies: a reader sees every
change an editor makes on the very next request, as when Wagtail walked the tree each time."""

import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def new_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_page_is_served_with_one_query_for_its_route_and_none_for_restrictions(client, site_tree):
    client.get("/et/about/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/et/about/").status_code == 200

    statements = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in statements if "wagtailcore_pageviewrestriction" in sql]
    assert not [sql for sql in statements if "wagtailcore_locale" in sql.split(" FROM ")[1][:25]]
    # The page itself (with its locale) is the only query on the page tree.
    assert len([sql for sql in statements if 'FROM "wagtailcore_page"' in sql]) <= 1
    assert len(statements) <= 3, statements


def test_a_renamed_page_answers_at_its_new_address_only(client, site_tree):
    page = new_page(site_tree["about"]["et"], "Ajalugu", "ajalugu")
    assert client.get("/et/about/ajalugu/").status_code == 200

    page.slug = "meie-lugu"
    page.save_revision().publish()

    assert client.get("/et/about/ajalugu/").status_code == 404
    assert client.get("/et/about/meie-lugu/").status_code == 200


def test_an_unpublished_or_deleted_page_is_gone_at_once(client, site_tree):
    page = new_page(site_tree["homes"]["et"], "Teated", "teated")
    assert client.get("/et/teated/").status_code == 200

    page.unpublish()
    assert client.get("/et/teated/").status_code == 404

    page.save_revision().publish()
    assert client.get("/et/teated/").status_code == 200
    page.delete()
    assert client.get("/et/teated/").status_code == 404


def test_a_page_made_private_after_it_was_read_asks_for_the_password(client, site_tree):
    parent = new_page(site_tree["homes"]["et"], "Liikmetele", "liikmetele")
    child = new_page(parent, "Koosolek", "koosolek")
    assert client.get("/et/liikmetele/koosolek/").status_code == 200

    PageViewRestriction.objects.create(page=parent, restriction_type="password", password="x1")

    response = client.get("/et/liikmetele/koosolek/")
    assert response.status_code == 200
    assert b"<h1>Koosolek" not in response.content
    assert b'name="password"' in response.content
    assert child.title not in [item.title for item in StandardPage.objects.live().public()]


def test_a_language_without_the_page_does_not_reuse_another_languages_route(client, site_tree):
    new_page(site_tree["homes"]["et"], "Ainult eesti keeles", "ainult-eesti")
    assert client.get("/et/ainult-eesti/").status_code == 200
    assert client.get("/ru/ainult-eesti/").status_code == 404


def test_a_very_long_address_is_remembered_under_a_short_key(client, site_tree):
    """The route's cache key holds a digest of the visitor's path, not the path itself: a
    caching server such as memcached refuses keys over 250 characters."""
    page = new_page(site_tree["about"]["et"], "Pikk aadress", "ж" * 250)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        for _ in range(2):
            assert client.get(page.url).status_code == 200
        assert client.get(f"/et/about/{'x' * 3000}/").status_code == 404
