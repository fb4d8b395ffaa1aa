"""Sending from the bulletin page in the admin: preview, test, audience, progress, controls."""

import csv
import io
import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from bulletins.models import BulletinPage, Campaign, Delivery

from . import fixtures_sending
from .fixtures_sending import ESTONIAN, make_subscribers, recipients, subject, translate
from .test_send_bulletin_command import synchronised_translation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.bulletins.urls")]

bulletin = fixtures_sending.bulletin
editor = fixtures_sending.editor
editor_client = fixtures_sending.editor_client


def send_url(page):
    return f"/admin/bulletins/sending/{page.pk}/"


def send_form(**fields):
    data = {
        "action": "send",
        "send-languages": ["ru", "et", "en"],
        "send-when": "now",
        "send-send_key": str(uuid.uuid4()),
    }
    data.update(fields)
    return data


def test_the_bulletin_page_has_a_send_button(editor_client, bulletin, site_tree):
    response = editor_client.get(f"/admin/pages/{bulletin.pk}/edit/")
    assert send_url(bulletin) in response.content.decode()

    about = site_tree["about"]["ru"]
    response = editor_client.get(f"/admin/pages/{about.pk}/edit/")
    assert "/admin/bulletins/sending/" not in response.content.decode()


def test_send_page_shows_each_language_version_and_its_readers(editor_client, bulletin, locales):
    translate(bulletin, locales["et"], ESTONIAN)
    make_subscribers(3)
    make_subscribers(2, language="et")

    response = editor_client.get(send_url(bulletin))

    assert response.status_code == 200
    rows = {
        row.split('data-language="')[1][:2]: row
        for row in response.content.decode().split("<tr ")[1:]
        if "data-language" in row
    }
    assert ESTONIAN["title"] in rows["et"]
    assert "<td>2</td>" in rows["et"] and "<td>3</td>" in rows["ru"]
    assert "readers get the Russian version" in rows["en"]


def test_preview_in_each_language(editor_client, bulletin, locales):
    translate(bulletin, locales["et"], ESTONIAN)

    estonian = editor_client.get(f"{send_url(bulletin)}preview/et/")
    english = editor_client.get(f"{send_url(bulletin)}preview/en/")
    text = editor_client.get(f"{send_url(bulletin)}preview/ru/?format=text")

    assert "Kodanikuühiskonna Sihtkapital avas uue taotlusvooru." in estonian.content.decode()
    assert "Фонд гражданского общества" in english.content.decode()  # the Russian version
    assert text["Content-Type"].startswith("text/plain")
    assert "Фонд гражданского общества открыл новый конкурс <https://kysk.ee/>" in (
        text.content.decode()
    )
    # An unknown language is no preview (Django answers 404 through its language redirect).
    assert editor_client.get(f"{send_url(bulletin)}preview/de/").status_code in (302, 404)


def test_preview_shows_the_draft_before_it_is_published(editor_client, bulletin):
    bulletin.title = "Черновик заголовка"
    bulletin.save_revision()

    response = editor_client.get(f"{send_url(bulletin)}preview/ru/")

    assert "Черновик заголовка" in response.content.decode()


def test_editor_sends_a_test_to_any_address(editor_client, bulletin, smtp_server):
    make_subscribers(3)

    response = editor_client.post(
        send_url(bulletin),
        {"action": "test", "test-address": "me@example.org", "test-language": "ru"},
    )

    assert response.status_code == 302
    assert recipients(smtp_server) == ["me@example.org"]
    # Marked as a test, in the language of the version: "[Test] …" ("[Тест] …" in Russian).
    assert subject(smtp_server.messages[0]).startswith("[")
    assert subject(smtp_server.messages[0]).endswith(f"] {bulletin.title}")
    assert not Campaign.objects.exists()


def test_a_bad_test_address_is_refused_on_the_same_page(editor_client, bulletin, smtp_server):
    response = editor_client.post(
        send_url(bulletin),
        {"action": "test", "test-address": "me@@example", "test-language": "ru"},
    )

    assert response.status_code == 200
    assert 'value="me@@example"' in response.content.decode()
    assert "error" in response.content.decode()
    assert smtp_server.messages == []


def test_editor_sends_to_the_russian_audience_and_sees_it_reach_100_percent(
    editor_client, bulletin, locales, smtp_server
):
    translate(bulletin, locales["et"], ESTONIAN)
    russian = make_subscribers(3)
    make_subscribers(2, language="et")

    response = editor_client.post(send_url(bulletin), send_form(**{"send-languages": ["ru"]}))

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/bulletins/sending/campaigns/{campaign.pk}/"
    assert recipients(smtp_server) == sorted(r.email for r in russian)
    assert campaign.created_by.username == "editor"
    progress = editor_client.get(response["Location"])
    assert '<progress id="campaign-progress" max="100" value="100"' in progress.content.decode()
    data = json.loads(editor_client.get(f"{response['Location']}progress.json").content)
    assert data["percent"] == 100 and data["sent"] == 3 and data["finished"]
    assert data["status"] == Campaign.Status.DONE


def test_double_clicking_send_starts_one_campaign_and_sends_once(
    editor_client, bulletin, smtp_server
):
    make_subscribers(3)
    form = send_form()

    first = editor_client.post(send_url(bulletin), form)
    second = editor_client.post(send_url(bulletin), form)

    assert Campaign.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len(smtp_server.messages) == 3


def test_a_stale_translation_must_be_confirmed(editor_client, bulletin, locales, smtp_server):
    synchronised_translation(bulletin, locales["et"])
    make_subscribers(1, language="et")
    bulletin.introduction = "Исправленное введение."
    bulletin.save_revision().publish()

    page = editor_client.get(send_url(bulletin)).content.decode()
    assert "older than its source" in page

    refused = editor_client.post(send_url(bulletin), send_form())
    assert refused.status_code == 200
    assert "older than their source" in refused.content.decode()
    assert not Campaign.objects.exists()

    confirmed = editor_client.post(send_url(bulletin), send_form(**{"send-confirm_stale": "on"}))
    assert confirmed.status_code == 302
    assert Campaign.objects.get().allow_stale
    assert len(smtp_server.messages) == 1


def test_send_at_a_chosen_time(editor_client, bulletin, smtp_server):
    make_subscribers(2)
    past = editor_client.post(
        send_url(bulletin),
        send_form(**{"send-when": "later", "send-send_at": "2020-01-01T09:00"}),
    )
    assert past.status_code == 200
    assert 'value="2020-01-01T09:00"' in past.content.decode()
    assert not Campaign.objects.exists()

    later = timezone.localtime() + timezone.timedelta(days=1)
    response = editor_client.post(
        send_url(bulletin),
        send_form(**{"send-when": "later", "send-send_at": later.strftime("%Y-%m-%dT%H:%M")}),
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert campaign.send_at.strftime("%Y-%m-%d %H:%M") == timezone.localtime(
        later, timezone.get_default_timezone()
    ).astimezone(campaign.send_at.tzinfo).strftime("%Y-%m-%d %H:%M")
    assert smtp_server.messages == []


def test_pause_resume_and_cancel_from_the_progress_page(
    editor_client, bulletin, smtp_server, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_subscribers(3)
    editor_client.post(send_url(bulletin), send_form())
    campaign = Campaign.objects.get()
    base = f"/admin/bulletins/sending/campaigns/{campaign.pk}/"

    assert editor_client.post(f"{base}pause/").status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.PAUSED
    assert "Resume" in editor_client.get(base).content.decode()

    editor_client.post(f"{base}resume/")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED  # paused before it began

    editor_client.post(f"{base}cancel/")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CANCELLED
    assert editor_client.get(f"{base}cancel/").status_code == 405
    assert smtp_server.messages == []


@pytest.fixture
def writer(site_tree):
    """A staff member who can edit pages but not publish them."""
    user = get_user_model().objects.create_user("writer", "writer@example.org", "pw")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_who_cannot_publish_the_bulletin_cannot_send_it(client, writer, bulletin, editor):
    campaign = Campaign.objects.create(page=bulletin, languages=["ru"], created_by=editor)
    client.force_login(writer)
    base = f"/admin/bulletins/sending/campaigns/{campaign.pk}/"

    for response in [
        client.get(send_url(bulletin)),
        client.post(send_url(bulletin), send_form()),
        client.get(f"{send_url(bulletin)}preview/ru/"),
        client.get(base),
        client.get(f"{base}progress.json"),
        client.post(f"{base}cancel/"),
    ]:
        # Wagtail turns a refusal into a redirect to the dashboard with a message.
        assert (response.status_code, response.get("Location")) in [(403, None), (302, "/admin/")]
    assert Campaign.objects.get().status == Campaign.Status.SCHEDULED
    response = client.get(f"/admin/pages/{bulletin.pk}/edit/")
    assert send_url(bulletin) not in response.content.decode()


def test_signed_out_visitors_are_sent_to_the_login(client, bulletin):
    response = client.get(send_url(bulletin))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_campaign_admin_lists_inspects_and_exports(editor_client, site_tree, smtp_server):
    page = fixtures_sending.publish_bulletin(
        site_tree["homes"]["ru"],
        content={"title": '=HYPERLINK("http://evil.example")', "body": []},
    )
    make_subscribers(2)
    editor_client.post(send_url(page), send_form())
    campaign = Campaign.objects.get()

    listing = editor_client.get("/admin/bulletins/campaign/")
    assert listing.status_code == 200
    assert f"/admin/bulletins/sending/campaigns/{campaign.pk}/" in listing.content.decode()
    inspect = editor_client.get(f"/admin/bulletins/campaign/inspect/{campaign.pk}/")
    assert inspect.status_code == 200
    export = editor_client.get("/admin/bulletins/campaign/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][rows[0].index("Sent")] == "2"
    # Campaigns start from a bulletin, never from here.
    assert editor_client.get("/admin/bulletins/campaign/create/").status_code in (403, 302)
    assert Campaign.objects.count() == 1
    assert BulletinPage.objects.get(pk=page.pk).campaigns.count() == 1
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2


def test_progress_json_costs_a_fixed_number_of_queries(
    editor_client, bulletin, smtp_server, django_assert_max_num_queries
):
    make_subscribers(30)
    response = editor_client.post(send_url(bulletin), send_form())

    # Session, user, permissions, the campaign and its page, one count of the deliveries.
    with django_assert_max_num_queries(10):
        editor_client.get(f"{response['Location']}progress.json")
