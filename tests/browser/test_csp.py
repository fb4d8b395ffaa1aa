"""The Content-Security-Policy blocks nothing that Sild itself needs: a real browser loads the
public pages and the Wagtail admin (as an editor, including the page editor) and reports no
violation."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

# Reported by the browser for each blocked script, style, image, frame, connection...
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


def visit(page, url, violations):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return violations


def test_the_site_and_the_admin_run_under_the_policy(live_server, page):
    from calls.models import CallPage
    from directory.models import OrganisationPage

    call_command("seed_demo", stdout=io.StringIO())
    call = CallPage.objects.live().filter(locale__language_code="et").first()
    organisation = OrganisationPage.objects.live().filter(locale__language_code="ru").first()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append((page.url, message.text))
            if "Refused to" in message.text or "CSP violation" in message.text
            else None
        ),
    )
    page.add_init_script(REPORT_VIOLATIONS)

    for path in ("/et/", call.get_url(), organisation.get_url(), "/ru/organisations/?q=noored"):
        visit(page, live_server.url + path, violations)
        assert page.locator("main").count() == 1

    # /admin/login/ leads to the site's sign-in (allauth), which comes back to the admin.
    page.goto(live_server.url + "/admin/login/")
    page.fill('input[name="login"]', "editor@sild.example")
    page.fill('input[name="password"]', "sild-editor-2026")
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_url(live_server.url + "/admin/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#wagtail").count() == 1 or page.locator("main").count() >= 1

    visit(page, live_server.url + f"/admin/pages/{call.pk}/edit/", violations)
    # The page editor's scripts ran: its tabs and the date pickers are there.
    assert page.locator("[data-controller~=w-tabs]").count() >= 1
    assert page.locator("input[name=deadline]").count() == 1

    # wagtail-localize's translation editor (a React application) for the Russian version.
    translation = call.get_translations().get(locale__language_code="ru")
    visit(page, live_server.url + f"/admin/pages/{translation.pk}/edit/", violations)
    # Its React application has rendered into the page.
    page.wait_for_selector(".js-translation-editor > *", timeout=15_000)

    # An editor looking at the public site sees Wagtail's user bar, under the site's policy.
    visit(page, live_server.url + call.get_url(), violations)
    assert page.locator("wagtail-userbar").count() == 1

    assert violations == []
