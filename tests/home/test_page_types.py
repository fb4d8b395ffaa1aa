import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage


class TestPageTypes(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ru/", "/et/about/", "/en/search/?q=network"])
def test_public_pages_render_with_a_bounded_number_of_queries(client, site_tree, path):
    client.get(path)  # warm per-process caches (content types, site root paths)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 200
    assert len(queries) <= 9, [query["sql"] for query in queries]


@pytest.mark.django_db
def test_menu_and_switcher_queries_do_not_grow_with_the_number_of_menu_pages(client, site_tree):
    def count_queries():
        client.get("/et/about/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/et/about/")
        return len(queries)

    before = count_queries()
    for number in range(6):
        extra = StandardPage(
            title=f"Rubriik {number}", slug=f"rubriik-{number}", show_in_menus=True
        )
        site_tree["homes"]["et"].add_child(instance=extra)
        extra.save_revision().publish()

    assert count_queries() == before
