"""Every public GET endpoint and every public form, fed what clients and robots really send:
very long values, NUL bytes, invalid UTF-8, repeated keys and numbers beyond any integer
type. The answer may be a 4xx or a page that ignores the value; it is never a 5xx.

Values are written into the query string or the form body by hand (already percent-encoded),
so that the bytes reach Django exactly as a client sends them."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calls.factories import CallPageFactory, ensure_call_index
from directory.demo import ensure_directory
from directory.factories import OrganisationFactory, create_profile
from directory.vocabularies import ensure_vocabularies

pytestmark = pytest.mark.django_db

# What goes after "name=" for each kind of bad value; "array" repeats the key.
BAD_VALUES = {
    "long": "x" * 10_000,
    "long unicode": quote("ж" * 5_000),
    "nul": "a%00b",
    "invalid utf-8": "%FF%FE%C3%28",
    "huge number": "9" * 30,
    "other digits": quote("²١٢"),
    "syntax": quote("\"'<>%*:()[]{}\\ \r\n-- OR 1=1;"),
}


def query_strings(names):
    """``(label, query string)`` for each bad value of each parameter, and repeated keys."""
    for name in names:
        for kind, value in BAD_VALUES.items():
            yield f"{name}={kind}", f"{name}={value}"
        yield f"{name}[]", f"{name}=1&{name}=2&{name}[]=3&{name}=&{name}"


@pytest.fixture
def client(client):
    # A server error is a response to record, not an exception that ends the test.
    client.raise_request_exception = False
    return client


@pytest.fixture
def world(site_tree):
    """One of each kind of public page, with what its endpoints need."""
    ensure_vocabularies()
    directories = ensure_directory(site_tree["homes"])
    organisation = OrganisationFactory(registered_name="MTÜ Katse", email="info@katse.example")
    profile = create_profile(
        directories, organisation, {"et": {"title": "Katse", "description": "Katsetus."}}
    )["et"]
    index = ensure_call_index(site_tree["homes"]["et"])
    call = CallPageFactory(parent=index, title="Katsevoor", slug="katsevoor")
    return {"profile": profile.url, "call": call.url, "call_slug": call.slug}


def get_endpoints(world):
    """``(path, parameter names)`` of every public GET endpoint."""
    api_listing = ["offset", "limit", "search", "search_operator", "order", "fields", "id"]
    return [
        ("/", ["next"]),
        ("/et/", ["page"]),
        ("/et/search/", ["q", "page"]),
        ("/ru/organisations/", ["q", "field", "county", "language", "partners", "page"]),
        (world["profile"], ["q"]),
        ("/et/calls/", ["status", "topic", "funder", "eligible", "county", "page"]),
        (world["call"], ["status"]),
        ("/et/calls/calendar.ics", ["status"]),
        (f"/et/calls/{world['call_slug']}/calendar.ics", ["x"]),
        ("/et/calls/feed/", ["page"]),
        ("/sitemap.xml", ["p"]),
        ("/robots.txt", ["x"]),
        ("/healthz", ["x"]),
        (
            "/api/v2/pages/",
            [
                *api_listing,
                "type",
                "child_of",
                "descendant_of",
                "ancestor_of",
                "translation_of",
                "locale",
                "slug",
                "title",
                "show_in_menus",
            ],
        ),
        ("/api/v2/pages/find/", ["html_path", "id"]),
        ("/api/v2/images/", [*api_listing, "title", "tags"]),
        ("/api/v2/documents/", [*api_listing, "title", "tags"]),
        ("/ru/accounts/login/", ["next"]),
        ("/ru/accounts/signup/", ["next"]),
        ("/ru/accounts/password/reset/", ["next"]),
    ]


def test_no_get_endpoint_answers_a_server_error(client, world):
    failures = []
    requests = 0
    for path, names in get_endpoints(world):
        for label, query in query_strings(names):
            requests += 1
            response = client.get(f"{path}?{query}")
            if response.status_code >= 500:
                failures.append((path, label, response.status_code))

    assert not failures, "\n".join(map(str, failures))
    assert requests > 300


def test_bad_path_segments_are_answered(client, world):
    """Token links (GET and the one-click POST), pages, API objects, calendars."""
    failures = []
    for kind, value in {**BAD_VALUES, "blank": "%20"}.items():
        for path, methods in [
            (f"/et/calls/follow/confirm/{value}/", (client.get, client.post)),
            (f"/et/calls/follow/stop/{value}/", (client.get, client.post)),
            (f"/et/{value}/", (client.get,)),
            (f"{world['profile']}{value}/", (client.get,)),
            (f"/et/calls/{value}/calendar.ics", (client.get,)),
            (f"/api/v2/pages/{value}/", (client.get,)),
            (f"/documents/{value}/x.pdf", (client.get,)),
        ]:
            for method in methods:
                response = method(path)
                if response.status_code >= 500:
                    failures.append((path[:40], kind, method.__name__, response.status_code))

    assert not failures, "\n".join(map(str, failures))


def form_bodies(valid):
    """Form bodies with each field in turn replaced by each bad value, or repeated."""

    def body(fields):
        return "&".join(f"{name}={value}" for name, value in fields)

    for name in valid:
        others = [(key, quote(value)) for key, value in valid.items() if key != name]
        for kind, value in BAD_VALUES.items():
            yield f"{name}={kind}", body([*others, (name, value)])
        yield f"{name}[]", body([*others, (name, "1"), (name, "2"), (f"{name}[]", "3")])
    yield "everything missing", ""


def post_forms(world):
    return [
        (
            world["profile"] + "contact/",
            {
                "name": "Olga",
                "email": "olga@example.org",
                "organisation": "MTÜ Narva",
                "message": "Tere! Otsime partnerit suvelaagriks.",
                "homepage": "",
            },
        ),
        (world["call"] + "follow/", {"email": "olga@example.org", "website": ""}),
        ("/ru/accounts/login/", {"login": "olga@example.org", "password": "parool-123"}),
        (
            "/ru/accounts/signup/",
            {
                "email": "olga@example.org",
                "password1": "Pikk-parool-2026",
                "password2": "Pikk-parool-2026",
            },
        ),
        ("/ru/accounts/password/reset/", {"email": "olga@example.org"}),
    ]


def test_no_public_form_answers_a_server_error(client, world, mailoutbox):
    failures = []
    for path, valid in post_forms(world):
        for label, body in form_bodies(valid):
            response = client.post(
                path, data=body, content_type="application/x-www-form-urlencoded"
            )
            if response.status_code >= 500:
                failures.append((path, label, response.status_code))

    assert not failures, "\n".join(map(str, failures))


SEARCHES = ["/et/search/", "/ru/organisations/", "/api/v2/pages/", "/api/v2/documents/"]


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(SEARCHES), text=st.text(max_size=300))
def test_any_search_text_is_answered(client, world, path, text):
    name = "search" if path.startswith("/api/") else "q"
    response = client.get(f"{path}?{name}={quote(text)}")

    assert response.status_code < 500
