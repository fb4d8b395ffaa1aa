"""Anonymous pages come from the cache (portal.page_cache); nobody ever gets a page that was
meant for someone else, and a change shows on the very next request."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from calls.factories import CallPageFactory
from directory.demo import ensure_directory
from directory.factories import MembershipFactory, OrganisationFactory, UserFactory, create_profile
from directory.vocabularies import ensure_vocabularies
from events.factories import EventPageFactory
from home.models import StandardPage
from portal import page_cache
from tests.conftest import CommittingClient, call_index_pages, event_index_pages

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    fake = Clock(timezone.now().replace(microsecond=0))
    with mock.patch("django.utils.timezone.now", fake):
        yield fake


@pytest.fixture
def call_indexes(site_tree):
    return call_index_pages(site_tree["homes"])


@pytest.fixture
def directories(site_tree):
    ensure_vocabularies()
    return ensure_directory(site_tree["homes"])


@pytest.fixture
def organisation(directories):
    """An organisation with a published Estonian profile, and its owner."""
    organisation = OrganisationFactory(
        registered_name="MTÜ Narva Noored", email="info@narva.example", town="Tallinn"
    )
    pages = create_profile(
        directories,
        organisation,
        {"et": {"title": "Narva Noored", "description": "Noortekeskus Narvas."}},
    )
    owner = MembershipFactory(
        organisation=organisation, role="owner", user=UserFactory(username="owner-nn")
    )
    return {"organisation": organisation, "page": pages["et"], "owner": owner}


@pytest.fixture
def editor(site_tree):
    return get_user_model().objects.get(username="editor")


def cache_header(response):
    return response.headers.get(page_cache.HEADER)


def stored_pages():
    """Every page entry in the cache, whichever backend the tests run on."""
    pattern = f"{page_cache.PREFIX}:*:page:*"
    if hasattr(cache, "keys"):  # django-redis
        keys = cache.keys(pattern)
    else:  # local memory: ":<version>:<key>"
        keys = [name.split(":", 2)[2] for name in list(cache._cache)]
        keys = [key for key in keys if key.startswith(page_cache.PREFIX) and ":page:" in key]
    return [entry for entry in (cache.get(key) for key in keys) if entry is not None]


def token(response):
    found = TOKEN_RE.search(response.content.decode())
    assert found, "the page has no CSRF token"
    return found.group(1)


def new_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# Served from the cache ------------------------------------------------------------------------


def test_the_second_anonymous_request_is_served_without_the_database(client, site_tree):
    first = client.get("/et/about/")
    assert first.status_code == 200
    assert cache_header(first) == "miss"

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/et/about/")

    assert cache_header(second) == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    # What the middleware before the cache adds is there on a cached page too.
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language"):
        assert second.headers[header] == first.headers[header]
    assert second.headers["Content-Type"] == first.headers["Content-Type"]


def test_head_is_served_from_the_cache_and_never_stores(client, site_tree):
    assert cache_header(client.head("/et/about/")) is None
    assert stored_pages() == []
    client.get("/et/about/")
    assert cache_header(client.head("/et/about/")) == "hit"


def test_language_versions_never_mix(client, site_tree):
    for _round in range(2):
        for code in ("ru", "et", "en"):
            response = client.get(f"/{code}/about/")
            assert f'<html lang="{code}">' in response.content.decode()
            assert response.headers["Content-Language"] == code
    assert cache_header(client.get("/ru/about/")) == "hit"
    assert len(stored_pages()) == 3


def test_switched_off_stores_nothing(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/et/about/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/et/about/")
    assert cache_header(response) is None
    assert len(queries) > 0
    assert stored_pages() == []


def test_post_never_reaches_the_cache(client, site_tree):
    client.get("/et/about/")
    response = client.post("/et/about/", {})
    assert cache_header(response) is None


# Invalidation ---------------------------------------------------------------------------------


def test_publish_unpublish_move_and_delete_show_at_once(client, site_tree):
    home = site_tree["homes"]["et"]
    page = new_page(home, "Koolitused", "koolitused")
    client.get("/et/koolitused/")
    assert cache_header(client.get("/et/koolitused/")) == "hit"

    page.title = "Koolitused ja seminarid"
    page.save_revision().publish()
    assert "Koolitused ja seminarid" in client.get("/et/koolitused/").content.decode()

    page.unpublish()
    assert client.get("/et/koolitused/").status_code == 404

    page.save_revision().publish()
    client.get("/et/koolitused/")
    page.refresh_from_db()
    page.move(site_tree["about"]["et"], pos="last-child")
    # Wagtail leaves a redirect at the old address.
    assert client.get("/et/koolitused/").status_code == 301
    assert client.get("/et/about/koolitused/").status_code == 200

    client.get("/et/about/koolitused/")
    page.refresh_from_db()
    page.delete()
    assert client.get("/et/about/koolitused/").status_code == 404


def test_a_new_page_shows_in_the_menu_of_cached_pages(client, site_tree):
    client.get("/et/about/")
    page = StandardPage(title="Nõustamine", slug="noustamine", show_in_menus=True)
    site_tree["homes"]["et"].add_child(instance=page)
    page.save_revision().publish()
    response = client.get("/et/about/")
    assert cache_header(response) == "miss"
    assert "Nõustamine" in response.content.decode()


def test_a_profile_edited_in_the_member_area_shows_in_the_directory_and_the_profile(
    client, organisation, directories
):
    profile_url = organisation["page"].url
    directory_url = directories["et"].url
    for url in (profile_url, directory_url):
        client.get(url)
        assert cache_header(client.get(url)) == "hit"

    member = CommittingClient()
    member.force_login(organisation["owner"].user)
    pk = organisation["organisation"].pk
    response = member.post(
        f"/et/my/organisations/{pk}/profile/et/",
        {
            "title": "Narva Noorteklubi",
            "short_name": "",
            "introduction": "Uus tutvustus.",
            "description": "Uus kirjeldus.",
            "target_groups": "",
            "partner_wanted": "",
        },
    )
    assert response.status_code == 302
    assert "Uus kirjeldus." in client.get(profile_url).content.decode()
    assert "Narva Noorteklubi" in client.get(directory_url).content.decode()

    # The facts (town) live on the organisation, not on the page.
    for url in (profile_url, directory_url):
        assert cache_header(client.get(url)) == "hit"
    response = member.post(
        f"/et/my/organisations/{pk}/facts/",
        {
            "registered_name": "MTÜ Narva Noored",
            "founding_year": "",
            "county": "ida-viru",
            "town": "Sillamäe",
            "works_in_estonian": "on",
            "other_languages": "",
            "email": "info@narva.example",
            "phone": "",
            "website": "",
            "social_links": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Sillamäe" in client.get(profile_url).content.decode()
    assert "Sillamäe" in client.get(directory_url).content.decode()


# Nobody gets someone else's page ---------------------------------------------------------------


def test_a_signed_in_person_never_gets_nor_fills_the_cache(client, site_tree, editor):
    signed_in = Client()
    signed_in.force_login(editor)

    response = signed_in.get("/et/about/")
    assert cache_header(response) is None
    assert "account_logout" in response.content.decode() or "/accounts/logout/" in (
        response.content.decode()
    )
    assert stored_pages() == []

    anonymous = client.get("/et/about/")
    assert cache_header(anonymous) == "miss"
    assert "/accounts/logout/" not in anonymous.content.decode()

    again = signed_in.get("/et/about/")
    assert cache_header(again) is None
    assert "/accounts/logout/" in again.content.decode()


def test_a_staff_session_cookie_cannot_poison_the_cache(client, site_tree, editor):
    staff = Client()
    staff.force_login(editor)
    session = staff.cookies["sessionid"].value

    # The same request an attacker would replay with a stolen or forged cookie, and a
    # cookie that is no session at all.
    for cookie in (session, "forged-session-key"):
        probe = Client()
        probe.cookies["sessionid"] = cookie
        assert cache_header(probe.get("/et/about/")) is None
    assert stored_pages() == []

    page = client.get("/et/about/").content.decode()
    assert "/accounts/logout/" not in page
    assert editor.username not in page


def test_a_page_with_a_form_is_stored_without_anyones_token(client, call_indexes):
    call = CallPageFactory(parent=call_indexes["et"])
    first_visitor = Client(enforce_csrf_checks=True)
    second_visitor = Client(enforce_csrf_checks=True)

    first = first_visitor.get(call.url)
    second = second_visitor.get(call.url)

    assert cache_header(first) == "miss" and cache_header(second) == "hit"
    first_token, second_token = token(first), token(second)
    assert first_token != second_token
    # Each visitor got their own cookie, none the other's; the stored page has no token.
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    for entry in stored_pages():
        assert first_token.encode() not in entry["content"]
        assert second_token.encode() not in entry["content"]
        assert first.cookies["csrftoken"].value.encode() not in entry["content"]

    follow = f"{call.url}follow/"
    data = {"email": "lugeja@example.org", "homepage": ""}
    # Someone else's token does not pass; one's own does.
    refused = second_visitor.post(follow, {**data, "csrfmiddlewaretoken": first_token})
    assert refused.status_code == 403
    accepted = second_visitor.post(follow, {**data, "csrfmiddlewaretoken": second_token})
    assert accepted.status_code != 403

    # A visitor who already has a cookie gets a token for that cookie from the cache.
    again = first_visitor.get(call.url)
    assert cache_header(again) == "hit"
    accepted = first_visitor.post(follow, {**data, "csrfmiddlewaretoken": token(again)})
    assert accepted.status_code != 403


def test_the_contact_form_of_a_profile_gets_each_visitors_token(client, organisation):
    url = organisation["page"].url
    visitors = [Client(), Client()]
    responses = [visitor.get(url) for visitor in visitors]
    assert [cache_header(response) for response in responses] == ["miss", "hit"]
    assert token(responses[0]) != token(responses[1])


@pytest.mark.parametrize("path", ["/et/newsletter/subscribe/", "/et/consultation/"])
def test_pages_that_take_personal_data_are_never_cached(client, site_tree, path):
    client.get(path)
    assert cache_header(client.get(path)) is None
    assert stored_pages() == []


def test_set_cookie_is_never_stored_nor_replayed(client, call_indexes):
    call = CallPageFactory(parent=call_indexes["et"])
    first = Client().get(call.url)
    assert "csrftoken" in first.cookies

    plain = Client().get("/et/about/")
    plain_again = Client().get("/et/about/")
    assert cache_header(plain_again) == "hit"
    assert not plain.cookies and not plain_again.cookies
    for entry in stored_pages():
        assert all(name.lower() != "set-cookie" for name, _value in entry["headers"])


def test_a_page_showing_a_message_is_not_stored(client, site_tree):
    from django.contrib.messages.storage.cookie import CookieStorage

    visitor = Client()
    visitor.cookies[CookieStorage.cookie_name] = "anything"
    assert cache_header(visitor.get("/et/about/")) is None
    assert stored_pages() == []


def test_junk_query_strings_cannot_fill_the_cache(client, site_tree):
    for number in range(page_cache.MAX_QUERY_VARIANTS + 20):
        assert client.get(f"/et/about/?junk={number}").status_code == 200
    client.get("/et/about/")
    assert len(stored_pages()) == page_cache.MAX_QUERY_VARIANTS + 1
    # The plain page still comes from the cache.
    assert cache_header(client.get("/et/about/")) == "hit"


# The clock ---------------------------------------------------------------------------------------


def test_a_call_is_not_shown_open_after_its_deadline(client, call_indexes, clock):
    call = CallPageFactory(
        parent=call_indexes["et"],
        now=clock.now,
        opens_at=clock.now - timedelta(days=10),
        deadline=clock.now + timedelta(hours=2),
    )
    list_url = call_indexes["et"].url
    for url in (call.url, list_url):
        client.get(url)
        response = client.get(url)
        assert cache_header(response) == "hit"
        assert "badge-closing-soon" in response.content.decode()

    clock.now += timedelta(hours=2)

    page = client.get(call.url)
    assert cache_header(page) == "miss"
    assert "badge-closed" in page.content.decode()
    assert "badge-closing-soon" not in page.content.decode()
    listing = client.get(list_url).content.decode()
    assert call.title not in listing or "badge-closing-soon" not in listing


def test_an_entry_lives_until_the_next_change_of_any_call_or_event(site_tree, call_indexes):
    now = timezone.now().replace(microsecond=0)
    events = event_index_pages(site_tree["homes"])
    assert page_cache.next_status_change(now) is None or page_cache.next_status_change(now) > now

    CallPageFactory(
        parent=call_indexes["et"],
        opens_at=now + timedelta(days=3),
        deadline=now + timedelta(days=40),
    )
    assert page_cache.next_status_change(now) == now + timedelta(days=3)

    CallPageFactory(
        parent=call_indexes["et"],
        opens_at=now - timedelta(days=3),
        deadline=now + timedelta(days=8),
    )
    # Closing soon 7 days before the deadline.
    assert page_cache.next_status_change(now) == now + timedelta(days=1)

    EventPageFactory(
        parent=events["et"], starts_at=now + timedelta(hours=5), ends_at=now + timedelta(hours=8)
    )
    assert page_cache.next_status_change(now) == now + timedelta(hours=5)
    assert page_cache.next_status_change(now + timedelta(hours=6)) == now + timedelta(hours=8)


def test_an_ended_event_leaves_the_cached_event_list(client, site_tree, clock):
    events = event_index_pages(site_tree["homes"])
    event = EventPageFactory(
        parent=events["et"],
        title="Talvekool",
        starts_at=clock.now + timedelta(hours=1),
        ends_at=clock.now + timedelta(hours=3),
    )
    url = events["et"].url
    client.get(url)
    listing = client.get(url)
    assert cache_header(listing) == "hit"
    assert event.title in listing.content.decode()

    clock.now += timedelta(hours=3)

    listing = client.get(url)
    assert cache_header(listing) == "miss"
    assert event.title not in listing.content.decode()


def test_a_renamed_funder_shows_on_cached_call_pages(client, call_indexes):
    call = CallPageFactory(parent=call_indexes["et"])
    client.get(call.url)
    assert cache_header(client.get(call.url)) == "hit"

    funder = call.funder
    funder.name = "Uus Sihtasutus"
    funder.save()

    assert "Uus Sihtasutus" in client.get(call.url).content.decode()
