"""A profile made private in the admin (a view restriction on it or on an ancestor) leaves
the directory's index at once, words, counts and facets alike, and comes back when the
restriction is removed."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


@pytest.fixture
def secret(make_organisation):
    _organisation, pages = make_organisation(
        {"et": {"title": "Varjatud Selts", "description": "Salasõnaline kohvikuring."}},
        county="saare",
        town="Kuressaare",
    )
    return pages["et"]


def directory(client, language="et", **params):
    response = client.get(f"/{language}/organisations/", params)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    count = page.select_one(".result-count")
    counties = response.context["directory"].county_facet
    return {
        "total": response.context["directory"].total,
        "count": count.get_text(strip=True) if count else "",
        "cards": [a.get_text(strip=True) for a in page.select(".directory-card h2 a")],
        "saare": any(facet.value == "saare" for facet in counties),
    }


def set_privacy(client, page, **data):
    response = client.post(f"/admin/pages/{page.pk}/privacy/", data)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


HIDDEN = {"total": 0, "count": "0 organisatsiooni", "cards": [], "saare": False}


def test_a_profile_made_private_leaves_the_directory_and_returns_when_public(
    client, editor, secret
):
    assert directory(client, q="kohvikuring")["cards"] == ["Varjatud Selts"]

    set_privacy(editor, secret, restriction_type="password", password="salajane-123")
    client.logout()

    assert directory(client, q="kohvikuring") == HIDDEN
    assert directory(client, county="saare")["total"] == 0
    assert not directory(client)["saare"]

    editor.force_login(get_user_model().objects.get(username="editor"))
    set_privacy(editor, secret, restriction_type="none")
    client.logout()

    assert directory(client, q="kohvikuring")["cards"] == ["Varjatud Selts"]


def test_a_restriction_on_an_ancestor_hides_every_profile_below_it(client, secret, directories):
    # The Estonian directory is made private; the Russian one lists every language's profiles.
    restriction = PageViewRestriction.objects.create(
        page=directories["et"], restriction_type=PageViewRestriction.LOGIN
    )

    assert directory(client, "ru", q="kohvikuring")["total"] == 0
    assert directory(client, "ru", q="Kuressaare")["total"] == 0

    restriction.delete()

    assert directory(client, "ru", q="kohvikuring")["cards"] == ["Varjatud Selts"]


def test_a_profile_moved_under_a_private_page_leaves_the_directory(client, secret, directories):
    # A private "archive" directory in the same language: profiles moved into it are hidden.
    archive = (
        directories["et"]
        .get_parent()
        .add_child(instance=type(directories["et"])(title="Arhiiv", slug="arhiiv"))
    )
    PageViewRestriction.objects.create(page=archive, restriction_type=PageViewRestriction.LOGIN)

    secret.move(archive, pos="last-child")

    assert directory(client, q="kohvikuring")["total"] == 0

    secret.refresh_from_db()
    directories["et"].refresh_from_db()
    secret.move(directories["et"], pos="last-child")

    assert directory(client, q="kohvikuring")["total"] == 1
