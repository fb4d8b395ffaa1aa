"""The admin's permissions, tried by people who lack them: every admin view Sild uses, read
and written by an editor who may only open the admin, and wagtail-localize's translation views
by an editor who may translate but not edit the page (or snippet) in question. Each gets 403,
a redirect or a 404, and nothing in the database changes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Locale, Page, Revision
from wagtail_localize.models import Translation, TranslationSource

from bulletins.models import Campaign, Subscriber
from calls.models import CallIndexPage, Funder
from consultations.models import ConsultationRequest
from directory.demo import ensure_directory
from directory.factories import MembershipFactory, OrganisationFactory, create_profile
from directory.models import ActivityField, Membership, NewsItem, Organisation
from home import demo_survey
from home.models import StandardPage
from tests.bulletins.fixtures_sending import bulletin_index, publish_bulletin
from tests.calls.conftest import call_indexes, funders, make_call, topics  # noqa: F401

pytestmark = pytest.mark.django_db


def make_user(username, *codenames, groups=()):
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(*Permission.objects.filter(codename__in=("access_admin", *codenames)))
    user = get_user_model().objects.create_user(username, f"{username}@sild.example", "pw")
    user.groups.add(group, *groups)
    return user, group


def denied(response):
    """Wagtail's answer to a PermissionDenied in the admin: back to the dashboard, with a
    message; elsewhere a 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def snapshot():
    """What an intruder could change, in a form that compares."""
    models = [
        Page,
        Revision,
        Funder,
        Organisation,
        ActivityField,
        Subscriber,
        Campaign,
        ConsultationRequest,
        Membership,
        NewsItem,
        Redirect,
        Translation,
        TranslationSource,
        get_user_model(),
        Group,
        GroupPagePermission,
        get_image_model(),
        get_document_model(),
    ]
    state = {model.__name__: model.objects.count() for model in models}
    state["pages"] = sorted(
        Page.objects.values_list("pk", "title", "live", "locked", "path", "latest_revision_id")
    )
    state["funders"] = sorted(Funder.objects.values_list("pk", "name"))
    state["organisations"] = sorted(
        Organisation.objects.values_list("pk", "registered_name", "review_member_edits")
    )
    state["subscribers"] = sorted(Subscriber.objects.values_list("pk", "email", "status"))
    state["campaigns"] = sorted(Campaign.objects.values_list("pk", "status"))
    state["consultations"] = sorted(ConsultationRequest.objects.values_list("pk", "status"))
    state["memberships"] = sorted(Membership.objects.values_list("pk", "status", "role"))
    state["news"] = sorted(NewsItem.objects.values_list("pk", "status"))
    state["users"] = sorted(get_user_model().objects.values_list("pk", "is_superuser"))
    return state


@pytest.fixture
def targets(site_tree, make_call, funders):  # noqa: F811 - the fixtures imported above
    """One object of each kind the admin manages, made the way the admin or the site makes
    them (not the whole demo: the sweep needs one of each, not a populated site)."""
    homes = site_tree["homes"]
    organisation = OrganisationFactory()
    profile = create_profile(
        ensure_directory(homes),
        organisation,
        {"et": {"title": "Narva Noortekeskus", "description": "Huviringid noortele."}},
    )["et"]
    bulletin = publish_bulletin(homes["ru"])
    membership = MembershipFactory(organisation=organisation, status="pending")
    news = NewsItem.objects.create(
        organisation=organisation, language="et", title="Uudis", text="<p>Tekst</p>"
    )
    campaign = Campaign.objects.create(page=bulletin, languages=["ru"])
    consultation = ConsultationRequest.objects.create(
        name="Anna", email="anna@ngo.example", topic="funding", channel="email", language="et"
    )
    return {
        "about": site_tree["about"]["et"],
        "home": homes["et"],
        "call": make_call(title="Kogukonnaprojektid", funder=funders["kysk"]["et"]),
        "calls": CallIndexPage.objects.child_of(homes["et"]).get(),
        "bulletin": bulletin,
        "archive": bulletin_index(homes["ru"]),
        "profile": profile,
        "survey": demo_survey.seed()["survey"]["et"],
        "funder": funders["narva"]["et"],
        "organisation": organisation,
        "field": ActivityField.objects.first(),
        "subscriber": Subscriber.objects.create(email="olga@ngo.example", language="ru"),
        "campaign": campaign,
        "consultation": consultation,
        "membership": membership,
        "news": news,
        "editor": get_user_model().objects.get(username="editor"),
        "group": Group.objects.get(name="Editors"),
    }


def admin_views(t):
    """(method, path, data) for every admin view Sild uses that changes or shows records."""
    about, home, bulletin = t["about"].pk, t["home"].pk, t["bulletin"].pk
    english = Locale.objects.get(language_code="en").pk
    views = [
        ("GET", f"/admin/pages/{about}/edit/", None),
        ("POST", f"/admin/pages/{about}/edit/", {"title": "Hacked", "slug": "about"}),
        ("POST", f"/admin/pages/{about}/delete/", {}),
        ("POST", f"/admin/pages/{about}/unpublish/", {}),
        ("POST", f"/admin/pages/{about}/move/{t['calls'].pk}/confirm/", {}),
        ("POST", f"/admin/pages/{about}/copy/", {"new_title": "Copy", "new_slug": "copy"}),
        ("POST", f"/admin/pages/{about}/lock/", {}),
        ("GET", f"/admin/pages/add/home/standardpage/{home}/", None),
        (
            "POST",
            f"/admin/pages/add/home/standardpage/{home}/",
            {"title": "New", "slug": "new", "action-publish": "1"},
        ),
        ("GET", f"/admin/pages/{t['call'].pk}/edit/", None),
        ("GET", f"/admin/pages/{t['profile'].pk}/edit/", None),
        ("POST", f"/admin/pages/{t['profile'].pk}/unpublish/", {}),
        ("GET", f"/admin/bulletins/sending/{bulletin}/", None),
        ("POST", f"/admin/bulletins/sending/{bulletin}/", {"languages": ["ru"]}),
        ("GET", f"/admin/bulletins/sending/{bulletin}/preview/ru/", None),
        ("GET", f"/admin/bulletins/sending/campaigns/{t['campaign'].pk}/", None),
        ("POST", f"/admin/bulletins/sending/campaigns/{t['campaign'].pk}/cancel/", {}),
        ("GET", f"/admin/bulletins/{t['archive'].pk}/assemble/", None),
        ("POST", f"/admin/bulletins/{t['archive'].pk}/assemble/", {}),
        ("GET", "/admin/snippets/calls/funder/", None),
        ("POST", "/admin/snippets/calls/funder/add/", {"name": "Fake", "locale": english}),
        ("POST", f"/admin/snippets/calls/funder/edit/{t['funder'].pk}/", {"name": "Hacked"}),
        ("POST", f"/admin/snippets/calls/funder/delete/{t['funder'].pk}/", {}),
        ("GET", f"/admin/snippets/directory/organisation/edit/{t['organisation'].pk}/", None),
        (
            "POST",
            f"/admin/snippets/directory/organisation/delete/{t['organisation'].pk}/",
            {},
        ),
        ("POST", f"/admin/snippets/directory/activityfield/delete/{t['field'].pk}/", {}),
        ("GET", "/admin/bulletins/subscriber/", None),
        ("GET", "/admin/bulletins/subscriber/?export=csv", None),
        ("GET", f"/admin/bulletins/subscriber/inspect/{t['subscriber'].pk}/", None),
        ("POST", f"/admin/bulletins/subscriber/delete/{t['subscriber'].pk}/", {}),
        ("POST", "/admin/bulletins/subscriber/create/", {"email": "x@ngo.example"}),
        ("GET", "/admin/bulletins/campaign/", None),
        ("GET", f"/admin/bulletins/campaign/inspect/{t['campaign'].pk}/", None),
        ("GET", "/admin/consultations/consultationrequest/", None),
        ("GET", f"/admin/consultations/consultationrequest/edit/{t['consultation'].pk}/", None),
        (
            "POST",
            f"/admin/consultations/consultationrequest/edit/{t['consultation'].pk}/",
            {"status": "closed"},
        ),
        ("POST", f"/admin/consultations/consultationrequest/delete/{t['consultation'].pk}/", {}),
        ("GET", "/admin/directory/membership/", None),
        ("POST", f"/admin/directory/membership/edit/{t['membership'].pk}/", {"status": "active"}),
        ("GET", "/admin/directory/newsitem/", None),
        ("POST", f"/admin/directory/newsitem/edit/{t['news'].pk}/", {"status": "approved"}),
        # /admin/impact/ is not here: aggregate figures without personal data, shown to every
        # admin user (its panel is on everyone's dashboard).
        ("GET", "/admin/forms/", None),
        ("GET", f"/admin/forms/submissions/{t['survey'].pk}/", None),
        ("GET", "/admin/users/", None),
        ("GET", f"/admin/users/edit/{t['editor'].pk}/", None),
        ("POST", f"/admin/users/edit/{t['editor'].pk}/", {"is_superuser": "on"}),
        ("POST", f"/admin/users/delete/{t['editor'].pk}/", {}),
        ("GET", "/admin/groups/", None),
        ("POST", f"/admin/groups/delete/{t['group'].pk}/", {}),
        ("GET", "/admin/redirects/", None),
        (
            "POST",
            "/admin/redirects/add/",
            {"old_path": "/x", "redirect_link": "https://evil.example"},
        ),
        ("POST", "/admin/images/add/", {"title": "x"}),
        ("POST", "/admin/documents/add/", {"title": "x"}),
        ("GET", "/admin/workflows/list/", None),
        ("GET", "/admin/locales/", None),
        ("GET", "/admin/sites/", None),
        ("POST", f"/admin/localize/submit/page/{about}/", {"locales": [english]}),
        (
            "POST",
            f"/admin/localize/submit/snippet/calls/funder/{t['funder'].pk}/",
            {"locales": [english]},
        ),
    ]
    return views


def test_an_editor_who_may_only_open_the_admin_can_neither_see_nor_change_anything(client, targets):
    user, _group = make_user("visitor")
    client.force_login(user)
    before = snapshot()

    answered = {}
    for method, path, data in admin_views(targets):
        response = client.get(path) if method == "GET" else client.post(path, data)
        # 403, a redirect away (Wagtail sends people to the dashboard with a message) or 404.
        if response.status_code not in (302, 403, 404) or (
            response.status_code == 302 and response["Location"].rstrip("/") == path.rstrip("/")
        ):
            answered[f"{method} {path}"] = response.status_code

    assert answered == {}
    assert snapshot() == before


# --- wagtail-localize: translating needs the right to edit what is translated ---------------


@pytest.fixture
def calls_translator(call_indexes):  # noqa: F811
    """May translate, may edit the calls (every language) and their funders' translations
    not: nothing else of the tree."""
    user, group = make_user("translator", "submit_translation")
    for calls in call_indexes.values():
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group, page=calls, permission=Permission.objects.get(codename=codename)
            )
    return user


@pytest.fixture
def estonian_page(site_tree):
    """A page outside the calls, in Estonian only."""
    page = StandardPage(title="Koolitus", slug="koolitus", introduction="Kuidas taotleda.")
    site_tree["homes"]["et"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_translator_cannot_submit_a_page_they_may_not_edit_for_translation(
    client, calls_translator, estonian_page, locales
):
    client.force_login(calls_translator)
    before = snapshot()

    page = client.get(f"/admin/localize/submit/page/{estonian_page.pk}/")
    submitted = client.post(
        f"/admin/localize/submit/page/{estonian_page.pk}/", {"locales": [locales["ru"].pk]}
    )

    assert denied(page)
    assert denied(submitted)
    assert snapshot() == before
    assert not estonian_page.get_translations().exists()


def test_a_translator_can_submit_a_page_they_may_edit(
    client,
    calls_translator,
    make_call,  # noqa: F811
    locales,
):
    client.force_login(calls_translator)
    call = make_call("et")
    call.save_revision().publish()

    response = client.post(
        f"/admin/localize/submit/page/{call.pk}/", {"locales": [locales["ru"].pk]}
    )

    assert response.status_code == 302
    assert call.get_translations().filter(locale=locales["ru"]).exists()


def test_a_translator_cannot_overwrite_translations_they_may_not_edit(
    client, calls_translator, site_tree
):
    """ "Sync translated pages" writes into every translation: it needs the right to edit the
    source and each of them."""
    client.force_login(calls_translator)
    about = site_tree["about"]["et"]
    source, _created = TranslationSource.get_or_create_from_instance(about)
    before = snapshot()

    page = client.get(f"/admin/localize/update/{source.pk}/")
    synced = client.post(f"/admin/localize/update/{source.pk}/", {})

    assert denied(page)
    assert denied(synced)
    assert snapshot() == before


def test_a_translator_cannot_translate_a_snippet_they_may_not_change(
    client,
    calls_translator,
    funders,  # noqa: F811
    locales,
):
    client.force_login(calls_translator)
    funder = funders["kysk"]["et"]
    before = snapshot()

    response = client.post(
        f"/admin/localize/submit/snippet/calls/funder/{funder.pk}/", {"locales": [locales["en"].pk]}
    )

    assert denied(response)
    assert snapshot() == before


def test_an_editor_translates_as_before(client, estonian_page, locales):
    """The demo's editor (Editors group: may edit the whole tree) is not concerned."""
    client.force_login(get_user_model().objects.get(username="editor"))

    response = client.post(
        f"/admin/localize/submit/page/{estonian_page.pk}/", {"locales": [locales["ru"].pk]}
    )

    assert response.status_code == 302
    assert estonian_page.get_translations().filter(locale=locales["ru"]).exists()
