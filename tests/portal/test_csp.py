"""A Content-Security-Policy on every response: the public site allows only its own scripts,
styles and images (no inline script, no plugin, no framing); the Wagtail admin, whose
templates and those of wagtail-localize carry inline scripts, gets a policy of its own."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from calls.factories import CallPageFactory, ensure_call_index
from directory.demo import ensure_directory
from directory.factories import OrganisationFactory, create_profile
from directory.vocabularies import ensure_vocabularies
from portal.middleware import ContentSecurityPolicyMiddleware
from portal.views import server_error

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in (part.strip() for part in header.split(";"))
        if directive
    }


@pytest.fixture
def organisation_url(site_tree):
    ensure_vocabularies()
    directories = ensure_directory(site_tree["homes"])
    organisation = OrganisationFactory(registered_name="MTÜ Turvaline")
    pages = create_profile(
        directories, organisation, {"et": {"title": "Turvaline", "description": "Selts."}}
    )
    return pages["et"].url


@pytest.fixture
def call_url(site_tree):
    call = CallPageFactory(parent=ensure_call_index(site_tree["homes"]["et"]))
    return call.url


PUBLIC = ["/et/", "/ru/about/", "/en/search/?q=network", "/ru/accounts/login/", "call", "org"]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_carry_the_strict_policy(client, request, path):
    if path == "call":
        path = request.getfixturevalue("call_url")
    elif path == "org":
        path = request.getfixturevalue("organisation_url")
    else:
        request.getfixturevalue("site_tree")
    response = client.get(path)

    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives.get("script-src", [])
    assert "'unsafe-eval'" not in directives.get("script-src", [])
    assert "'unsafe-inline'" not in directives.get("style-src", [])


def test_an_organisation_page_keeps_its_json_ld_under_the_policy(client, organisation_url):
    response = client.get(organisation_url)

    assert policy(response)["default-src"] == ["'self'"]
    # Data for search engines, not a script: no script policy concerns it.
    assert '<script type="application/ld+json">' in response.content.decode()


def test_machine_endpoints_carry_the_policy_too(client, site_tree):
    for path in ("/sitemap.xml", "/robots.txt", "/healthz", "/api/v2/pages/"):
        assert policy(client.get(path))["default-src"] == ["'self'"], path


def test_the_admin_has_its_own_policy_and_an_editor_can_work(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    about = site_tree["about"]["et"]

    for path in ("/admin/", f"/admin/pages/{about.pk}/edit/", "/admin/pages/"):
        response = client.get(path)
        assert response.status_code == 200, path
        directives = policy(response)
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'none'"]
        # The preview panel frames the page from the admin itself.
        assert directives["frame-ancestors"] == ["'self'"]


def test_the_error_page_styles_itself_with_a_nonce():
    request = RequestFactory().get("/et/")
    response = ContentSecurityPolicyMiddleware(server_error)(request)

    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy(response)["style-src"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|nonce)=)(?![^>]*application/ld\+json)[^>]*>")
INLINE_STYLE = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>")
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)


def test_our_templates_have_no_inline_script_style_or_event_handler():
    found = []
    for app in ("portal", "home", "directory", "calls", "bulletins"):
        for template in (ROOT / app).rglob("templates/**/*.html"):
            if "/email/" in template.as_posix():
                continue  # e-mails are not pages: mail clients need inline styles
            text = template.read_text(encoding="utf-8")
            for name, pattern in [
                ("inline script", INLINE_SCRIPT),
                ("inline style", INLINE_STYLE),
                ("event handler", HANDLER),
                ("style attribute", STYLE_ATTRIBUTE),
            ]:
                if pattern.search(text):
                    found.append((template.relative_to(ROOT).as_posix(), name))

    assert found == []
