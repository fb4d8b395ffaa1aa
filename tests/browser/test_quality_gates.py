"""The browser quality gates (issue 13), over every kind of public page and the member area in
each language: no serious or critical axe-core violation, no error of the Nu Html Checker, no
horizontal scrolling at 375 px, and the directory search, the subscription form and the
language switcher work from the keyboard alone, with the focus visible at every stop (the
subscription form's keyboard test is in test_newsletter_subscription.py: it writes, which a
transactional test does; this module's data is read only).

The demo is seeded once for the module, served by one live server and visited in one browser
context per language: each page is loaded once, checked by axe at desktop width, then narrowed
to 375 px. The HTML the server sent is kept and the Nu Html Checker runs once over all of it.
Full-page screenshots of a few pages at 375 px go to var/screenshots/ (``ru-home.png``...) for
review.
"""

import io
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from home import demo as foundation
from tests.conftest import section_indexes
from tests.portal.test_html_validity import vnu  # noqa: F401 - the checker's fixture

# The data is the module's (see ``site``); the marker has pytest-django set up the test
# database when only this module runs, and each test's own changes are rolled back.
pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
SCREENSHOT_PAGES = ("home", "directory", "organisation", "call", "bulletin")
BROWSER_LOCALES = {"ru": "ru-RU", "et": "et-EE", "en": "en-GB"}

# A word of the demo content in each language, for a site search with hits.
SEARCH_WORDS = {"ru": "сети", "et": "võrgustik", "en": "network"}

# The elements wider than the window at 375 px, for the failure message.
OVERFLOW_SCRIPT = """() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const describe = (element) => element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + (element.classList.length ? "." + [...element.classList].join(".") : "");
    const wide = [...document.body.querySelectorAll("*")]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .filter((element) => !element.parentElement
            || element.parentElement.getBoundingClientRect().right <= width + 0.5)
        .slice(0, 5)
        .map((element) => describe(element) + " "
            + Math.round(element.getBoundingClientRect().right));
    return {scrollWidth: root.scrollWidth, clientWidth: width, wide: wide};
}"""

FOCUS_SCRIPT = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none";
    const name = element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + (element.getAttribute("href") ? "[href=" + element.getAttribute("href") + "]" : "")
        + (element.getAttribute("name") ? "[name=" + element.getAttribute("name") + "]" : "");
    return {name: name, visible: outline || shadow};
}"""


@dataclass
class Visit:
    language: str
    name: str
    path: str
    status: int = 0
    html: Path | None = None
    accessibility: list = field(default_factory=list)
    overflow: dict = field(default_factory=dict)
    missing: str = ""


def translations(model):
    """One live page of ``model`` and its live translations, by language code: the first
    (in the source language's order) that exists in the most languages."""
    best = {}
    for page in model.objects.live().filter(locale__language_code="ru").order_by("pk")[:40]:
        versions = {
            version.locale.language_code: version.specific
            for version in page.get_translations(inclusive=True).live().select_related("locale")
        }
        if len(versions) > len(best):
            best = versions
        if len(best) == len(LANGUAGES):
            break
    return best


def urls(pages):
    return {language: page.get_url() for language, page in pages.items()}


def in_every_language(path, query=""):
    """``/<language>/<path>`` in each language; ``query`` may be a dict by language."""
    return {
        code: f"/{code}/{path}" + (query[code] if isinstance(query, dict) else query)
        for code in LANGUAGES
    }


def preferences_paths():
    """The preferences page of a confirmed subscriber of each language (token links are
    outside the language prefix and shown in the subscriber's language)."""
    from bulletins import tokens
    from bulletins.models import Subscriber

    paths = {}
    for language in LANGUAGES:
        subscriber, _created = Subscriber.objects.get_or_create(
            email=f"gate-{language}@ngo.example",
            defaults={"language": language, "status": Subscriber.Status.CONFIRMED},
        )
        paths[language] = (
            f"/newsletter/preferences/{tokens.make_token(subscriber, tokens.PREFERENCES)}/"
        )
    return paths


def public_pages(organisation):
    """Every kind of public page, as ``(name, {language: path}, expected)``: ``expected`` is
    a CSS selector the page must show (the search found something, for instance). Pages the
    demo has in fewer languages (calls, events, bulletin issues and the needs survey are in
    Russian and Estonian) are visited in those. ``organisation``: the versions of one
    organisation's profile, by language."""
    from bulletins.models import BulletinPage
    from calls.models import CallPage
    from events.models import EventPage
    from home.models import FormPage

    return [
        ("home", in_every_language(""), None),
        ("about", in_every_language("about/"), None),
        (
            "search",
            in_every_language("search/", {c: f"?q={w}" for c, w in SEARCH_WORDS.items()}),
            ".search-results li",
        ),
        ("search-nothing", in_every_language("search/", "?q=zzqqxx"), None),
        ("directory", in_every_language("organisations/"), ".directory-list li"),
        (
            "directory-filtered",
            in_every_language("organisations/", "?q=noored&county=ida-viru"),
            ".directory-list li",
        ),
        ("organisation", urls(organisation), None),
        ("calls", in_every_language("calls/"), None),
        ("calls-closed", in_every_language("calls/", "?status=closed"), None),
        ("call", urls(translations(CallPage)), None),
        ("events", in_every_language("events/"), None),
        ("events-past", in_every_language("events/", "?when=past"), None),
        ("event", urls(translations(EventPage)), None),
        ("bulletins", in_every_language("bulletins/"), None),
        ("bulletin", urls(translations(BulletinPage)), None),
        ("consultation", in_every_language("consultation/"), None),
        ("survey", urls(translations(FormPage)), None),
        ("subscribe", in_every_language("newsletter/subscribe/"), None),
        ("subscribe-sent", in_every_language("newsletter/subscribe/sent/"), None),
        ("preferences", preferences_paths(), None),
        ("not-found", in_every_language("no-such-page/"), None),
        ("sign-in", in_every_language("accounts/login/"), None),
        ("sign-up", in_every_language("accounts/signup/"), None),
        ("password-reset", in_every_language("accounts/password/reset/"), None),
    ]


def member_pages(organisation_id):
    """The member area of an owner of the organisation (profile editing in the page's own
    language)."""
    organisation = f"my/organisations/{organisation_id}/"
    return [
        ("my", in_every_language("my/"), None),
        ("my-organisation", in_every_language(organisation), None),
        (
            "my-profile",
            {code: f"/{code}/{organisation}profile/{code}/" for code in LANGUAGES},
            "form textarea",
        ),
        ("my-news", in_every_language(organisation + "news/new/"), "form"),
        ("my-project", in_every_language(organisation + "projects/new/"), "form"),
    ]


def make_member(organisation):
    """An owner of ``organisation`` and the session cookie of their signed-in browser."""
    from directory.factories import MembershipFactory, UserFactory

    user = UserFactory(username="gate-member")
    MembershipFactory(organisation=organisation, user=user, role="owner")
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def serious_violations(page, axe):
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:5]}"
        for violation in axe.run(page).response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def check(page, base, visit, expected, axe, folder):
    """Load the page once: status and HTML as sent, axe at desktop width, then the width of
    the document at 375 px (and a screenshot of some)."""
    page.set_viewport_size(DESKTOP)
    response = page.goto(base + visit.path)
    visit.status = response.status
    visit.html = folder / f"{visit.language}-{visit.name}.html"
    visit.html.write_bytes(response.body())
    if expected and page.locator(expected).count() == 0:
        visit.missing = expected
    visit.accessibility = serious_violations(page, axe)
    page.set_viewport_size(PHONE)
    visit.overflow = page.evaluate(OVERFLOW_SCRIPT)
    if visit.name in SCREENSHOT_PAGES:
        page.screenshot(path=SCREENSHOTS / f"{visit.language}-{visit.name}.png", full_page=True)
    return visit


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo site, seeded once for the module and served by its own live server; the
    database is open to the server's thread for the module and emptied at its end, as a
    transactional test leaves it. (pytest-django's ``live_server`` fixture would make every
    test transactional and empty the database after the first.)"""
    from calls.models import CallPage
    from directory.models import OrganisationPage

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        try:
            call_command("seed_demo", stdout=io.StringIO())
            profile = translations(OrganisationPage)
            organisation = profile["ru"].organisation
            yield {
                "url": server.url,
                "pages": public_pages(profile),
                "member_pages": member_pages(organisation.pk),
                "session": make_member(organisation),
                "call": urls(translations(CallPage)),
            }
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # Back to the session's starting point (tests/conftest.py: django_db_setup).
            section_indexes(foundation.seed()["homes"])


@pytest.fixture(scope="module")
def crawl(site, browser, tmp_path_factory):
    """Every page in every language, visited once: ``{language: [Visit...]}``."""
    folder = tmp_path_factory.mktemp("pages")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    base = site["url"]
    result = {}
    for language in LANGUAGES:
        context = browser.new_context(locale=BROWSER_LOCALES[language], viewport=DESKTOP)
        page = context.new_page()
        visits = []
        for group in ("pages", "member_pages"):
            if group == "member_pages":
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": site["session"],
                            "url": base,
                        }
                    ]
                )
            for name, paths, expected in site[group]:
                if language in paths:
                    visit = Visit(language, name, paths[language])
                    visits.append(check(page, base, visit, expected, axe, folder))
        context.close()
        result[language] = visits
    return result


@pytest.fixture(scope="module")
def html_errors(crawl, vnu):  # noqa: F811 - the fixture imported above
    """The Nu Html Checker's errors, run once over every page: ``{(language, name): [...]}``."""
    visits = {str(v.html): v for visits in crawl.values() for v in visits}
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *visits],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = {}
    for message in json.loads(result.stderr or "{}").get("messages", []):
        if message["type"] != "error":
            continue
        v = visits.get(message["url"].removeprefix("file:"))
        key = (v.language, v.name) if v else ("?", message["url"])
        errors.setdefault(key, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def test_every_page_is_served_with_its_content(crawl):
    wrong = {
        (v.language, v.name): (v.path, v.status, v.missing)
        for visits in crawl.values()
        for v in visits
        if v.status != (404 if v.name == "not-found" else 200) or v.missing
    }
    assert wrong == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_accessibility_violations(crawl, language):
    found = {v.name: v.accessibility for v in crawl[language] if v.accessibility}
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_has_no_errors(html_errors, language):
    found = {name: errors for (code, name), errors in html_errors.items() if code == language}
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_horizontal_scrolling_at_375px(crawl, language):
    found = {
        v.name: v.overflow
        for v in crawl[language]
        if v.overflow["scrollWidth"] > v.overflow["clientWidth"]
    }
    assert found == {}


@pytest.fixture
def keyboard(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has the focus; returns the elements
    on the way (that one included) whose focus was not visible: neither an outline nor a
    shadow."""
    hidden = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_SCRIPT)
        if not focus["visible"]:
            hidden.append(focus["name"])
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return hidden
    raise AssertionError(f"{selector} was not reached with {limit} presses of Tab")


def test_directory_search_by_keyboard(site, keyboard):
    page = keyboard
    page.goto(site["url"] + "/ru/organisations/")

    hidden = tab_to(page, "#directory-q")
    page.keyboard.type("noored")
    hidden += tab_to(page, ".directory-form .search-row button", limit=1)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r".*/ru/organisations/\?q=noored.*"))
    assert page.locator("#directory-q").input_value() == "noored"
    assert page.locator(".directory-list li").count() > 0
    assert hidden == []


@pytest.mark.parametrize(("language", "other"), [("ru", "et"), ("et", "ru")])
def test_language_switcher_by_keyboard(site, keyboard, language, other):
    page = keyboard
    call = site["call"]
    page.goto(site["url"] + call[language])

    hidden = tab_to(page, f'.language-switcher a[hreflang="{other}"]')
    page.keyboard.press("Enter")

    page.wait_for_url(site["url"] + call[other])
    assert page.locator("html").get_attribute("lang") == other
    assert hidden == []
