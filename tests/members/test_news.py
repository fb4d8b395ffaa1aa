"""News items submitted by members, moderated by editors, shown on the profile and offered to
the bulletin."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from directory.models import NewsItem
from directory.news import approved_news_since

from .conftest import body

pytestmark = pytest.mark.django_db

PAYLOAD = (
    "<p>Tule <strong>laagrisse</strong>!</p>"
    "<script>alert(1)</script>"
    "<img src=x onerror=alert(1)>"
    '<a href="javascript:alert(1)" onclick="alert(2)">klõps</a>'
    '<p style="color:red" onmouseover="alert(3)">tere</p>'
    "<svg onload=alert(4)></svg><iframe src='https://evil.example/'></iframe>"
    '<a href="https://narva.example/laager">Loe</a>'
)
DANGEROUS = (
    "<script",
    "onerror",
    "onclick",
    "onmouseover",
    "javascript:",
    "onload",
    "<iframe",
    "<svg",
    "<img",
    "style=",
)


def item(**changes):
    data = {
        "language": "et",
        "title": "Suvelaager Narvas",
        "text": PAYLOAD,
        "link": "https://narva.example/laager",
        "event_date": "2027-07-01",
        "event_place": "Narva",
    }
    data.update(changes)
    return data


@pytest.fixture
def a(two_organisations, sign_in):
    sign_in(two_organisations["a"]["editor"])
    return two_organisations["a"]


def approve(client, editor, news, status="approved", comment=""):
    client.force_login(editor)
    response = client.post(
        f"/admin/directory/newsitem/edit/{news.pk}/",
        {
            "status": status,
            "moderator_comment": comment,
            "organisation": news.organisation_id,
            "language": news.language,
            "title": news.title,
            "text": news.text,
            "link": news.link,
            "event_date": news.event_date.isoformat() if news.event_date else "",
            "event_place": news.event_place,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    news.refresh_from_db()
    return news


def test_a_member_submits_news_and_sees_its_status(client, a, editor):
    response = client.post(f"/et/my/organisations/{a['organisation'].pk}/news/new/", item())

    assert response.status_code == 302
    news = NewsItem.objects.get(organisation=a["organisation"])
    assert news.status == "submitted"
    assert news.submitted_by == a["editor"].user
    for marker in DANGEROUS:
        assert marker not in news.text, marker
    assert "<strong>laagrisse</strong>" in news.text
    listing = client.get(f"/en/my/organisations/{a['organisation'].pk}/news/")
    assert "waiting for the editors" in listing.content.decode()

    client.force_login(editor)
    queue = client.get("/admin/directory/newsitem/?status__exact=submitted")
    assert "Suvelaager Narvas" in queue.content.decode()


def test_approved_news_shows_on_the_profile_without_script(client, a, editor, smtp_server):
    client.post(f"/et/my/organisations/{a['organisation'].pk}/news/new/", item())
    # Read while the item waits: the approval shows on the next reading all the same.
    assert "Suvelaager Narvas" not in client.get(a["pages"]["et"].url).content.decode()
    news = NewsItem.objects.get()
    # Even text that reached the database without the model's cleaning is cleaned again.
    NewsItem.objects.filter(pk=news.pk).update(text=PAYLOAD)
    news.refresh_from_db()

    approve(client, editor, news)

    assert news.decided_by == editor
    html = client.get(a["pages"]["et"].url).content.decode()
    section = str(BeautifulSoup(html, "html.parser").select_one(".organisation-news"))
    assert "Suvelaager Narvas" in section
    assert "<strong>laagrisse</strong>" in section
    for marker in DANGEROUS:
        assert marker not in section, marker
    (sent,) = [m["message"] for m in smtp_server.messages]
    assert sent["To"] == a["editor"].user.email
    assert "Suvelaager Narvas" in body(sent)


def test_a_rejected_item_is_not_shown_and_the_member_reads_why(client, a, editor, smtp_server):
    client.post(f"/et/my/organisations/{a['organisation'].pk}/news/new/", item())
    news = NewsItem.objects.get()

    approve(client, editor, news, status="rejected", comment="Liiga reklaamilik.")

    profile = BeautifulSoup(client.get(a["pages"]["et"].url).content, "html.parser")
    assert profile.select_one(".organisation-news") is None
    assert "Liiga reklaamilik." in body(smtp_server.messages[0]["message"])
    client.force_login(a["editor"].user)
    listing = client.get(f"/en/my/organisations/{a['organisation'].pk}/news/").content.decode()
    assert "not accepted" in listing
    assert "Liiga reklaamilik." in listing


def test_approved_news_since_offers_items_to_the_bulletin(a, editor):
    old = NewsItem.objects.create(
        organisation=a["organisation"],
        language="ru",
        title="Старое",
        text="Текст",
        status="approved",
        decided_at=timezone.now() - datetime.timedelta(days=10),
    )
    new = NewsItem.objects.create(
        organisation=a["organisation"],
        language="et",
        title="Uus",
        text="Tekst",
        status="approved",
        decided_at=timezone.now(),
    )
    NewsItem.objects.create(
        organisation=a["organisation"], language="et", title="Ootel", text="Tekst"
    )

    week_ago = timezone.localdate() - datetime.timedelta(days=7)

    assert list(approved_news_since(week_ago)) == [new]
    assert list(approved_news_since(week_ago - datetime.timedelta(days=7))) == [new, old]
    assert list(approved_news_since(week_ago - datetime.timedelta(days=7), language="ru")) == [old]


def test_a_member_cannot_submit_news_for_another_organisation(client, two_organisations, a):
    b = two_organisations["b"]["organisation"]

    assert client.get(f"/et/my/organisations/{b.pk}/news/").status_code == 404
    assert client.post(f"/et/my/organisations/{b.pk}/news/new/", item()).status_code == 404
    client.post(
        f"/et/my/organisations/{a['organisation'].pk}/news/new/", {**item(), "organisation": b.pk}
    )

    assert not NewsItem.objects.filter(organisation=b).exists()
    assert NewsItem.objects.get().organisation == a["organisation"]


def test_text_with_nothing_left_after_cleaning_is_refused(client, a):
    response = client.post(
        f"/et/my/organisations/{a['organisation'].pk}/news/new/",
        item(text="<script>alert(1)</script>", link="not a link"),
    )

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_title")["value"] == "Suvelaager Narvas"
    assert page.select_one("#id_text").get("aria-invalid") == "true"
    assert page.select_one("#id_link").get("aria-invalid") == "true"
    assert not NewsItem.objects.exists()


@override_settings(
    RATE_LIMITS={"member": {"ip": "300/h", "user": "120/h"}, "news": {"organisation": "2/d"}}
)
def test_news_is_rate_limited_per_organisation(client, a):
    url = f"/et/my/organisations/{a['organisation'].pk}/news/new/"
    for _n in range(2):
        assert client.post(url, item()).status_code == 302

    response = client.post(url, item(title="Kolmas"))

    assert response.status_code == 429
    assert NewsItem.objects.count() == 2


def test_the_news_admin_lists_creates_and_edits(client, a):
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    assert client.get("/admin/directory/newsitem/").status_code == 200

    created = client.post(
        "/admin/directory/newsitem/create/",
        {
            "status": "approved",
            "moderator_comment": "",
            "organisation": a["organisation"].pk,
            "language": "ru",
            "title": "От редакции",
            "text": "<b>Важно</b><script>x</script>",
            "link": "",
            "event_date": "",
            "event_place": "",
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    news = NewsItem.objects.get()
    assert news.text == "<b>Важно</b>"
    approve(client, admin, news, status="rejected")
    assert news.status == "rejected"
