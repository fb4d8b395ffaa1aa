"""An editor sends the bulletin from its page in the admin: a test to themselves, then the
Russian audience, and watches the progress reach 100 %."""

import re

import pytest
from django.contrib.auth import get_user_model

from bulletins.models import Campaign
from home import demo
from tests.bulletins.fixtures_sending import ESTONIAN, make_subscribers, publish_bulletin, translate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.bulletins.urls")]

PASSWORD = "editor-sends-2026"


@pytest.fixture
def bulletin(transactional_db):
    homes = demo.seed()["homes"]
    # A transactional test starts from an emptied database, without Wagtail's groups and their
    # page permissions: the superuser sends here (who else may send is tested in
    # tests/bulletins/test_send_admin.py).
    admin = get_user_model().objects.get(username="admin")
    admin.set_password(PASSWORD)
    admin.save()
    page = publish_bulletin(homes["ru"])
    from wagtail.models import Locale

    translate(page, Locale.objects.get(language_code="et"), ESTONIAN)
    return page


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/ru/accounts/login/?next=/admin/")
    page.fill('input[name="login"]', "admin@sild.example")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_editor_sends_a_test_then_the_russian_audience(live_server, page, bulletin, smtp_server):
    russian = make_subscribers(4)
    make_subscribers(2, language="et")
    sign_in(page, live_server)

    page.goto(f"{live_server.url}/admin/pages/{bulletin.pk}/edit/")
    # "Send" sits in the header's actions menu: open the menu that holds it.
    send_link = page.locator(f'a[href="/admin/bulletins/sending/{bulletin.pk}/"]')
    for toggle in page.locator("header [data-w-dropdown-target='toggle']").all():
        toggle.click()
        if send_link.count():
            break
        page.keyboard.press("Escape")
    send_link.click()
    page.wait_for_url(re.compile(rf".*/admin/bulletins/sending/{bulletin.pk}/$"))

    # A test to themselves first.
    page.fill('input[name="test-address"]', "admin@sild.example")
    page.locator('input[name="action"][value="test"] ~ button[type="submit"]').click()
    page.wait_for_load_state()
    assert [m["to"] for m in smtp_server.messages] == [["admin@sild.example"]]

    # Then the Russian readers only.
    for language in ("et", "en"):
        page.uncheck(f'input[name="send-languages"][value="{language}"]')
    page.locator("form[data-bulletin-send-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/bulletins/sending/campaigns/\d+/$"))

    page.wait_for_function(
        "document.querySelector('[data-field=\"percent\"]').textContent.trim() === '100'",
        timeout=15000,
    )
    assert page.locator("progress").get_attribute("value") == "100"
    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.DONE
    sent_to = sorted(m["to"][0] for m in smtp_server.messages[1:])
    assert sent_to == sorted(r.email for r in russian)
