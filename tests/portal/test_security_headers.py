"""The security headers of the production settings on every kind of response: pages, forms,
errors, the API, feeds, calendars, static files, documents, the health check and the admin.

The settings are those ``portal.settings.production`` really sets (read in a process of its
own, where it can be imported with its required environment), applied to this test's site;
the requests come as through the TLS-terminating proxy (``X-Forwarded-Proto: https``)."""

import base64
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from calls.factories import CallPageFactory, ensure_call_index
from tests.bulletins.fixtures_pages import archives, make_bulletin  # noqa: F401

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_ADMIN",
]

# What the module sets, else Django's default for it.
READ_SETTINGS = f"""
import base64, pickle
from django.conf import global_settings
from portal.settings import production
values = {{
    name: getattr(production, name, getattr(global_settings, name, None))
    for name in {SECURITY_SETTINGS!r}
}}
print(base64.b64encode(pickle.dumps(values)).decode())
"""


@pytest.fixture(scope="module")
def production_values():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "REDIS_URL": "redis://cache.invalid:6379/0",
        "DATABASE_URL": "sqlite:////tmp/sild-headers-unused.sqlite3",
    }
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    # Our own process's output (the CSP's NONCE is an object, not a literal).
    return pickle.loads(base64.b64decode(result.stdout.strip().splitlines()[-1]))  # noqa: S301


@pytest.fixture
def production(settings, production_values):
    for name, value in production_values.items():
        setattr(settings, name, value)
    return production_values


@pytest.fixture
def https(client):
    def get(path, **extra):
        return client.get(path, HTTP_X_FORWARDED_PROTO="https", **extra)

    return get


@pytest.fixture
def file_storage(settings, tmp_path):
    # Wagtail's view streams a document from the disk when its storage has paths.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def document(site_tree, file_storage):
    document = get_document_model()(title="Aruanne")
    document.file.save("aruanne.txt", ContentFile(b"Aastaaruanne"), save=False)
    document.save()
    return document


@pytest.fixture
def paths(site_tree, make_bulletin, document):  # noqa: F811
    call = CallPageFactory(parent=ensure_call_index(site_tree["homes"]["et"]))
    bulletin = make_bulletin("ru")
    return {
        "page": "/et/",
        "content page": "/ru/about/",
        "site search": "/en/search/?q=network",
        "call": call.url,
        "call calendar": call.url + "calendar.ics",
        "calendar": "/et/calls/calendar.ics",
        "calls feed": "/et/calls/feed/",
        "bulletin": bulletin.url,
        "bulletin feed": "/ru/bulletins/feed/",
        "form": "/ru/newsletter/subscribe/",
        "sign-in": "/ru/accounts/login/",
        "page not found": "/ru/no-such-page/",
        "API": "/api/v2/pages/?locale=et",
        "API error": "/api/v2/pages/?limit=x",
        "API not found": "/api/v2/nothing/",
        "static file": "/static/css/site.css",
        "document": document.url,
        "invalid e-mail link": "/newsletter/confirm/abc:def/",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
        "health check": "/healthz",
        "language redirect": "/",
        "admin sign-in": "/admin/login/",
    }


def policy(response):
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in (part.strip() for part in response["Content-Security-Policy"].split(";"))
        if directive
    }


def test_every_kind_of_response_carries_the_security_headers(production, https, paths):
    expected_statuses = {
        "page not found": 404,
        "API not found": 404,
        "API error": 400,
        "invalid e-mail link": 400,
    }
    problems = {}
    for name, path in paths.items():
        response = https(path)
        found = []
        status = expected_statuses.get(name)
        if (status and response.status_code != status) or (
            not status and response.status_code > 302
        ):
            found.append(f"status {response.status_code}")
        hsts = response.get("Strict-Transport-Security", "")
        if hsts != "max-age=31536000; includeSubDomains; preload":
            found.append(f"HSTS {hsts!r}")
        if response.get("X-Content-Type-Options") != "nosniff":
            found.append("no nosniff")
        if response.get("Referrer-Policy") != "same-origin":
            found.append(f"Referrer-Policy {response.get('Referrer-Policy')!r}")
        if response.get("Cross-Origin-Opener-Policy") != "same-origin":
            found.append("no Cross-Origin-Opener-Policy")
        directives = policy(response) if "Content-Security-Policy" in response else {}
        # Wagtail serves documents with a stricter policy of its own: nothing at all.
        if directives.get("default-src") != (["'none'"] if name == "document" else ["'self'"]):
            found.append(f"Content-Security-Policy {directives}")
        if path.startswith("/admin/"):
            # The admin's own policy (its editor needs inline scripts), framed by itself only.
            if directives.get("frame-ancestors") != ["'self'"]:
                found.append(f"frame-ancestors {directives.get('frame-ancestors')}")
        else:
            for directive in ("script-src", "default-src"):
                if {"'unsafe-inline'", "'unsafe-eval'"} & set(directives.get(directive, [])):
                    found.append(f"{directive} allows inline code")
            if directives.get("frame-ancestors") != ["'none'"] and name != "document":
                found.append(f"frame-ancestors {directives.get('frame-ancestors')}")
        # Pages, not redirects (whose body is empty), must not be framed by older browsers.
        is_page = response.get("Content-Type", "").startswith("text/html") and (
            response.status_code not in (301, 302)
        )
        if is_page and response.get("X-Frame-Options") != "DENY" and not path.startswith("/admin/"):
            found.append(f"X-Frame-Options {response.get('X-Frame-Options')!r}")
        if found:
            problems[f"{name} {path}"] = found

    assert problems == {}


def test_cookies_are_secure_and_http_only_where_scripts_need_none(production, client):
    response = client.get("/ru/newsletter/subscribe/", HTTP_X_FORWARDED_PROTO="https")
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"

    response = client.post(
        "/ru/accounts/login/",
        {"login": "editor@sild.example", "password": "sild-editor-2026"},
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_REFERER="https://testserver/ru/accounts/login/",
    )
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]


def test_plain_http_is_sent_to_https_except_the_health_check(production, client, paths):
    for name, path in paths.items():
        response = client.get(path)
        if name == "health check":
            assert response.status_code == 200
            continue
        assert response.status_code == 301, path
        assert response["Location"] == "https://testserver" + path, path


def test_the_production_settings_are_those_tested(production):
    # A guard for this file: if production stopped setting these, the sweep above would
    # quietly test the defaults instead.
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
