"""A visitor subscribes, confirms, changes their choices and leaves, in a browser without
JavaScript; every page on the way has no serious or critical axe-core violation (axe itself
needs JavaScript, so it runs in a second browser)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from bulletins import tokens
from bulletins.models import Subscriber
from home import demo
from tests.browser.test_quality_gates import tab_to

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(transactional_db):
    demo.seed()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    page = context.new_page()
    yield page
    context.close()


def serious_violations(page):
    results = Axe().run(page)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_subscribe_confirm_change_and_leave_without_javascript(live_server, no_js_page, seeded):
    page = no_js_page

    page.goto(live_server.url + "/ru/newsletter/subscribe/")
    page.click("form.subscription-form button[type=submit]")  # nothing filled in
    assert page.locator("[role=alert]").count() >= 2

    page.fill("input[name=email]", "Olga@NGO.example")
    page.check("input[name=language][value=et]")
    page.uncheck("input[name=topics][value=organisations]")
    page.check("input[name=kind][value=person]")
    page.click("form.subscription-form button[type=submit]")
    assert page.url == live_server.url + "/ru/newsletter/subscribe/sent/"
    assert "olga@ngo.example" in page.content()

    (message,) = mail.outbox
    confirm = re.search(r"http://testserver(/newsletter/confirm/\S+/)", message.body).group(1)
    page.goto(live_server.url + confirm)
    assert page.locator("html").get_attribute("lang") == "et"
    page.click("main form button[type=submit]")
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    page.click("main a[href^='/newsletter/preferences/']")
    page.check("input[name=topics][value=organisations]")
    page.click("form.subscription-form button[type=submit]")
    assert page.locator(".messages").count() == 1
    assert "organisations" in Subscriber.objects.get().topics

    page.click("main form[action^='/newsletter/unsubscribe/'] button")
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert page.locator("html").get_attribute("lang") == "et"


def test_subscriber_pages_have_no_serious_accessibility_violations(live_server, page, seeded):
    pending = Subscriber.objects.create(email="pending@ngo.example", language="et")
    confirmed = Subscriber.objects.create(email="olga@ngo.example", status="confirmed")

    def link(subscriber, purpose, kind):
        return f"/newsletter/{kind}/{tokens.make_token(subscriber, purpose)}/"

    found = {}

    def check(name):
        violations = serious_violations(page)
        if violations:
            found[name] = violations

    page.goto(live_server.url + "/ru/newsletter/subscribe/")
    check("form")
    page.click("form.subscription-form button[type=submit]")
    check("form with errors")
    for name, path in [
        ("sent", "/et/newsletter/subscribe/sent/"),
        ("confirm", link(pending, tokens.CONFIRM, "confirm")),
        ("confirmed", link(confirmed, tokens.CONFIRM, "confirm")),
        ("invalid link", "/newsletter/confirm/abc:def/"),
        ("unsubscribe", link(confirmed, tokens.UNSUBSCRIBE, "unsubscribe")),
        ("preferences", link(confirmed, tokens.PREFERENCES, "preferences")),
    ]:
        page.goto(live_server.url + path)
        check(name)
    page.click("main form[action^='/newsletter/unsubscribe/'] button")
    check("unsubscribed")

    assert found == {}


def test_subscribe_with_the_keyboard_alone(live_server, page, seeded):
    page.goto(live_server.url + "/et/newsletter/subscribe/")

    hidden = tab_to(page, "#id_email")
    page.keyboard.type("mari@ngo.example")
    hidden += tab_to(page, "input[name=kind]")
    page.keyboard.press("Space")
    hidden += tab_to(page, "form.subscription-form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + "/et/newsletter/subscribe/sent/")
    assert Subscriber.objects.get().email == "mari@ngo.example"
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert hidden == []  # the focus was visible at every stop
