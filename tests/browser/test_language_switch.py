import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from home import demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(transactional_db):
    demo.seed()


def test_visitor_switches_language_and_stays_on_the_same_page(live_server, page, seeded):
    # The browser prefers Estonian, so "/" lands on the Estonian home page.
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/et/"
    assert page.locator("html").get_attribute("lang") == "et"

    page.get_by_role("navigation", name="Peamenüü").get_by_role("link", name="Võrgustikust").click()
    assert page.url == live_server.url + "/et/about/"

    page.get_by_role("navigation", name="Keel").get_by_role("link", name="Русский").click()

    assert page.url == live_server.url + "/ru/about/"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("heading", level=1).inner_text() == "О сети"


def test_skip_link_moves_focus_to_the_content(live_server, page, seeded):
    page.goto(live_server.url + "/en/about/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    page.keyboard.press("Enter")

    assert page.url.endswith("#main")


def public_paths():
    """One of every kind of public page, filled with the whole demo content."""
    from bulletins.models import BulletinPage
    from calls.models import CallPage
    from directory.models import OrganisationPage
    from events.models import EventPage

    organisation = OrganisationPage.objects.live().filter(locale__language_code="ru").first()
    call = CallPage.objects.live().filter(locale__language_code="et").first()
    bulletins = BulletinPage.objects.live().order_by("-issue_number")
    event = EventPage.objects.live().filter(locale__language_code="ru").upcoming().first()
    return [
        "/ru/",
        "/et/about/",
        "/en/search/?q=network",
        "/ru/accounts/login/",
        "/ru/organisations/",
        "/et/organisations/?q=noored&county=tartu",
        organisation.get_url(),
        "/ru/calls/",
        "/et/calls/?status=closed",
        call.get_url(),
        "/et/events/",
        "/ru/events/?when=past",
        event.get_url(),
        "/ru/bulletins/",
        "/en/bulletins/",
        bulletins.filter(locale__language_code="ru").first().get_url(),
        bulletins.filter(locale__language_code="et").first().get_url(),
        "/ru/consultation/",
        "/et/needs-survey/",
    ]


def test_pages_have_no_serious_accessibility_violations(live_server, page):
    call_command("seed_demo", stdout=io.StringIO())
    found = {}

    for path in public_paths():
        page.goto(live_server.url + path)
        results = Axe().run(page)
        serious = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]
        if serious:
            found[path] = serious

    assert found == {}
