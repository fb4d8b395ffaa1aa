import pytest

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
