# Fixtures are imported from fixtures_pages and named as test arguments:
# ruff: noqa: F811
""" "Assemble the next issue": from the bulletin archive in the admin, one action creates a
draft with the next number and today's date, pre-filled with the calls of the archive's
language published since the last issue, and opens it in the editor. Pressing twice gives
one draft; an editor without the right to add issues cannot use it."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from bulletins.models import BulletinPage
from calls.models import CallPage

from .fixtures_pages import (  # noqa: F401 - fixtures
    archives,
    call_indexes,
    calls_section,
    funders,
    make_bulletin,
    make_call,
    make_translated_call,
    topics,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


def assemble_url(archive):
    return f"/admin/bulletins/{archive.pk}/assemble/"


def published_days_ago(call, days):
    CallPage.objects.filter(pk=call.pk).update(
        first_published_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def week(make_bulletin, make_translated_call, make_call):
    """Last week's issue No. 845 with one call; since then, new calls in both languages."""
    today = timezone.localdate()
    already = make_translated_call("Eelmises numbris", "Уже в прошлом выпуске")
    published_days_ago(already["ru"], 7)  # the morning No. 845 went out
    last = make_bulletin(
        issue_number=845,
        issue_date=today - timedelta(days=7),
        body=[calls_section(already["ru"])],
    )
    old = make_translated_call("Vana voor", "Старый конкурс")
    published_days_ago(old["ru"], 12)
    late = make_translated_call(
        "Hiline voor", "Поздний конкурс", deadline=timezone.now() + timedelta(days=60)
    )
    soon = make_translated_call(
        "Kiire voor", "Срочный конкурс", deadline=timezone.now() + timedelta(days=5)
    )
    closed = make_translated_call(
        "Suletud voor",
        "Закрытый конкурс",
        opens_at=timezone.now() - timedelta(days=30),
        deadline=timezone.now() - timedelta(hours=1),
    )
    estonian_only = make_call(title="Ainult eesti keeles", revision=True)
    return {
        "last": last,
        "new": [soon["ru"], late["ru"]],
        "left_out": [already["ru"], old["ru"], closed["ru"], estonian_only],
    }


def test_the_archive_offers_the_action_in_the_admin(editor_client, archives, site_tree):
    archive_view = editor_client.get(f"/admin/pages/{archives['ru'].pk}/")
    home_listing = editor_client.get(f"/admin/pages/{site_tree['homes']['ru'].pk}/")
    about = site_tree["about"]["ru"]

    assert assemble_url(archives["ru"]) in archive_view.content.decode()
    assert assemble_url(archives["ru"]) in home_listing.content.decode()
    assert "/assemble/" not in editor_client.get(f"/admin/pages/{about.pk}/").content.decode()


def test_the_action_shows_what_it_will_create(editor_client, archives, week):
    response = editor_client.get(assemble_url(archives["ru"]))

    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.number == 846
    assert plan.date == timezone.localdate()
    assert plan.draft is None
    assert plan.calls == week["new"]
    page = response.content.decode()
    assert "Срочный конкурс" in page
    assert "Поздний конкурс" in page
    for call in week["left_out"]:
        assert call.title not in page
    assert not BulletinPage.objects.filter(issue_number=846).exists()  # GET changes nothing


def test_assembling_creates_a_prefilled_draft_and_opens_the_editor(
    editor_client, archives, week, client
):
    response = editor_client.post(assemble_url(archives["ru"]))

    draft = BulletinPage.objects.get(issue_number=846)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert draft.get_parent().pk == archives["ru"].pk
    assert draft.locale == archives["ru"].locale
    assert not draft.live
    assert draft.issue_date == timezone.localdate()
    assert "846" in draft.title
    assert draft.owner.username == "editor"
    (section,) = draft.body
    assert section.block_type == "calls"
    assert [item["call"] for item in section.value["calls"]] == week["new"]
    assert draft.get_latest_revision() is not None

    editor = editor_client.get(response["Location"])
    assert editor.status_code == 200
    # The chosen calls are in the editor's StreamField state (JSON, non-ASCII escaped).
    assert json.dumps("Срочный конкурс")[1:-1] in editor.content.decode()
    # A draft: readers do not see it yet.
    assert client.get("/ru/bulletins/846/").status_code == 404
    listed = client.get("/ru/bulletins/").context["issues"]
    assert 846 not in [issue.issue_number for issue in listed]


def test_pressing_twice_gives_one_draft(editor_client, archives, week):
    first = editor_client.post(assemble_url(archives["ru"]))
    second = editor_client.post(assemble_url(archives["ru"]))

    assert BulletinPage.objects.filter(issue_number__gte=846).count() == 1
    assert second["Location"] == first["Location"]
    reminder = editor_client.get(assemble_url(archives["ru"]))
    assert reminder.context["plan"].draft.issue_number == 846


def test_the_next_number_continues_after_a_published_draft(editor_client, archives, week):
    editor_client.post(assemble_url(archives["ru"]))
    BulletinPage.objects.get(issue_number=846).save_revision().publish()

    editor_client.post(assemble_url(archives["ru"]))

    nxt = BulletinPage.objects.get(issue_number=847)
    assert not nxt.live
    # The calls of No. 846 are not offered again.
    assert list(nxt.body) == []


def test_a_page_already_using_the_number_as_its_address_does_not_block_assembling(
    editor_client, archives, make_bulletin
):
    make_bulletin(issue_number=7, slug="8")  # an older issue with a hand-made address

    response = editor_client.post(assemble_url(archives["ru"]))

    draft = BulletinPage.objects.get(issue_number=8)
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert draft.slug == "8-1"


def test_without_a_previous_issue_it_takes_the_calls_of_the_last_week(
    editor_client, archives, make_translated_call
):
    recent = make_translated_call("Uus voor", "Новый конкурс")
    older = make_translated_call("Vanem voor", "Более старый конкурс")
    published_days_ago(older["ru"], 9)

    editor_client.post(assemble_url(archives["ru"]))

    draft = BulletinPage.objects.get(issue_number=1)
    assert [item["call"] for item in draft.body[0].value["calls"]] == [recent["ru"]]


def test_no_new_calls_gives_an_empty_draft(editor_client, archives):
    response = editor_client.post(assemble_url(archives["ru"]))

    draft = BulletinPage.objects.get(issue_number=1)
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert list(draft.body) == []


def test_an_editor_without_the_right_to_add_issues_cannot_assemble(client, archives, week):
    user = get_user_model().objects.create_user("reader", "reader@sild.example", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(assemble_url(archives["ru"])).status_code in (302, 403)
    assert client.post(assemble_url(archives["ru"])).status_code in (302, 403)
    assert not BulletinPage.objects.filter(issue_number=846).exists()
    listing = client.get(f"/admin/pages/{archives['ru'].pk}/")
    assert assemble_url(archives["ru"]) not in listing.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, archives):
    response = client.post(assemble_url(archives["ru"]))

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not BulletinPage.objects.exists()


def test_an_unknown_archive_is_not_found(editor_client, archives):
    response = editor_client.get("/admin/bulletins/999999/assemble/", follow=True)

    assert response.status_code == 404


def test_the_action_page_passes_the_admin_layout(editor_client, archives, week):
    soup = BeautifulSoup(editor_client.get(assemble_url(archives["ru"])).content, "html.parser")

    assert soup.find("form", method="post").find("button", type="submit")
