"""The whole path of an organisation member, in a real browser with a real SMTP server:
sign up, confirm the address from the e-mail, add an organisation, an editor approves it in
the admin, the member edits the Estonian version, adds a Russian one and submits a news
item, which shows in the admin's moderation queue."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from directory.demo import ensure_directory
from directory.factories import registry_code
from directory.models import NewsItem, OrganisationPage
from directory.vocabularies import ensure_vocabularies
from home import demo

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "liisa@sillamae-sobrad.example"
PASSWORD = "Sillamäe-Sõbrad-2026"


@pytest.fixture
def seeded(transactional_db):
    result = demo.seed()
    ensure_vocabularies()
    ensure_directory(result["homes"])
    # The admin in English, whatever its default language.
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = "en"
    profile.save()


def confirmation_link(smtp_server, base_url):
    (message,) = [m["message"] for m in smtp_server.messages if m["to"] == [EMAIL]]
    body = message.get_payload(decode=True).decode()
    return re.search(re.escape(base_url) + r"/et/accounts/confirm-email/\S+/", body).group(0)


def sign_in(page, url, email, password):
    page.goto(url)
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    page.locator('main button[type="submit"]').first.click()


def test_a_new_member_goes_from_sign_up_to_a_news_item(live_server, browser, seeded, smtp_server):
    base = live_server.url
    member = browser.new_context(locale="et-EE").new_page()

    # Sign up and confirm the address from the e-mail.
    member.goto(base + "/et/accounts/signup/")
    member.locator('input[name="email"]').fill(EMAIL)
    member.locator('input[name="password1"]').fill(PASSWORD)
    member.locator('input[name="password2"]').fill(PASSWORD)
    member.locator('main button[type="submit"]').click()
    member.wait_for_url("**/et/accounts/confirm-email/")
    member.goto(confirmation_link(smtp_server, base))
    member.locator('main button[type="submit"]').click()
    sign_in(member, base + "/et/accounts/login/", EMAIL, PASSWORD)
    member.wait_for_url("**/et/my/")

    # Add the organisation.
    member.locator('a[href="/et/my/organisations/new/"]').click()
    member.locator("#id_registry_code").fill(registry_code(424242))
    member.locator("#id_registered_name").fill("MTÜ Sillamäe Sõbrad")
    member.locator("#id_county").select_option("ida-viru")
    member.locator("#id_town").fill("Sillamäe")
    member.locator("#id_works_in_estonian").check()
    member.locator("#id_works_in_russian").check()
    member.locator("#id_language").select_option("et")
    member.locator("#id_title").fill("Sillamäe Sõbrad")
    member.locator("#id_description").fill("Korraldame kakskeelseid õhtuid.")
    member.locator('main form button[type="submit"]:not([name="check"])').click()
    member.wait_for_url(re.compile(r".*/et/my/organisations/\d+/$"))
    organisation_url = member.url
    page_id = OrganisationPage.objects.get(organisation__registered_name="MTÜ Sillamäe Sõbrad").pk

    # An editor approves it in the admin. (The demo's superuser: the browser tests before
    # this one flush the database, Wagtail's Moderators group with it.)
    editor = browser.new_context(locale="en-GB").new_page()
    sign_in(editor, base + "/admin/", "admin@sild.example", "sild-admin-2026")
    editor.wait_for_url(base + "/admin/")
    editor.goto(f"{base}/admin/pages/{page_id}/edit/")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Approve and Publish", exact=True).click()
    editor.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    assert OrganisationPage.objects.get(pk=page_id).live

    # The member edits the Estonian version and adds a Russian one.
    member.goto(organisation_url)
    member.locator(f'a[href="{organisation_url.removeprefix(base)}profile/et/"]').click()
    member.locator("#id_description").fill("Korraldame kakskeelseid õhtuid ja laagreid.")
    member.locator('main form button[type="submit"]').click()
    member.wait_for_url(organisation_url)
    member.locator(f'a[href="{organisation_url.removeprefix(base)}profile/ru/"]').click()
    member.locator("#id_title").fill("Друзья Силламяэ")
    member.locator("#id_description").fill("Проводим двуязычные вечера.")
    member.locator('main form button[type="submit"]').click()
    member.wait_for_url(organisation_url)
    versions = OrganisationPage.objects.filter(organisation__registered_name="MTÜ Sillamäe Sõbrad")
    assert {v.locale.language_code: v.live for v in versions} == {"et": True, "ru": True}
    member.goto(base + versions.get(locale__language_code="et").url)
    assert "ja laagreid" in member.locator("main").inner_text()

    # A news item for the bulletin, which waits in the admin's queue.
    member.goto(organisation_url + "news/new/")
    member.locator("#id_title").fill("Suveõhtu Sillamäel")
    member.locator("#id_text").fill("Tulge kõik!\n\nAlgus kell 18.")
    member.locator('main form button[type="submit"]').click()
    member.wait_for_url(organisation_url + "news/")
    assert NewsItem.objects.get().status == "submitted"

    editor.goto(base + "/admin/directory/newsitem/")
    assert "Suveõhtu Sillamäel" in editor.locator("main").inner_text()

    # The member's pages have no serious accessibility violations.
    found = {}
    pages = [base + "/et/my/", base + "/et/my/organisations/new/"] + [
        organisation_url + path
        for path in ("", "profile/et/", "facts/", "news/", "news/new/", "projects/new/")
    ]
    for url in pages:
        member.goto(url)
        serious = [
            violation["id"]
            for violation in Axe().run(member).response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]
        if serious:
            found[url] = serious
    assert found == {}
