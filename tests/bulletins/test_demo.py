"""The demo bulletins: a few issues in Russian with Estonian translations made through
wagtail-localize, the archive in three languages, listed by the API; seeding twice changes
nothing."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision
from wagtail_localize.models import Translation

from bulletins import demo
from bulletins.models import BulletinPage
from calls import demo as calls_demo
from home import demo as home_demo
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo calls and bulletins, seeded once for the module (it takes seconds)."""

    def seed():
        home_demo.seed()
        calls_demo.seed()
        return demo.seed()

    yield from kept_for_module(django_db_blocker, seed)


def test_demo_issues_in_russian_with_estonian_translations(client, seeded):
    revisions = Revision.objects.count()
    again = demo.seed()

    assert Revision.objects.count() == revisions  # idempotent: no new revision
    issues = demo.load()["issue"]
    assert len(seeded["bulletins"]) == len(issues) >= 4
    for pair, repeated in zip(seeded["bulletins"], again["bulletins"], strict=True):
        russian, estonian = pair["ru"], pair["et"]
        assert (russian.pk, estonian.pk) == (repeated["ru"].pk, repeated["et"].pk)
        assert russian.live and estonian.live
        assert estonian.translation_key == russian.translation_key
        assert (estonian.issue_number, estonian.issue_date) == (
            russian.issue_number,
            russian.issue_date,
        )
        assert estonian.title != russian.title
        assert estonian.slug == russian.slug
    # Real wagtail-localize translations: the translator can open and sync them.
    assert Translation.objects.filter(
        source__object_id__in=[pair["ru"].translation_key for pair in seeded["bulletins"]],
        target_locale__language_code="et",
    ).count() == len(issues)
    # More than one year in the archive, the newest issue from this week.
    dates = sorted(pair["ru"].issue_date for pair in seeded["bulletins"])
    assert (dates[-1] - dates[0]).days >= 350
    assert dates[-1].weekday() == 0


def test_demo_archive_in_three_languages(client, seeded):
    for language in ("ru", "et", "en"):
        assert client.get(f"/{language}/bulletins/").status_code == 200
    russian = client.get("/ru/bulletins/")
    assert len(russian.context["issues"]) == len(demo.load()["issue"])
    assert client.get("/en/bulletins/").context["other_language_archives"]


def test_demo_estonian_issue_is_in_estonian_with_estonian_calls(client, seeded):
    newest = seeded["bulletins"][0]
    response = client.get(newest["et"].url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == demo.load()["issue"][0]["title"]["et"]
    calls = [link["href"] for link in soup.select(".bulletin-call h3 a")]
    assert calls
    assert all(href.startswith("/et/calls/") for href in calls)
    text = soup.main.get_text(" ")
    assert "Head nädalat!" in text
    assert "Хорошей недели" not in text


def test_api_lists_the_demo_bulletins(client, seeded):
    response = client.get(
        "/api/v2/pages/",
        {"type": "bulletins.BulletinPage", "fields": "issue_number,issue_date", "limit": 50},
    )

    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 2 * len(demo.load()["issue"])
    assert {item["meta"]["locale"] for item in items} == {"ru", "et"}
    numbers = {item["issue_number"] for item in items}
    assert numbers == {issue["number"] for issue in demo.load()["issue"]}
    assert BulletinPage.objects.filter(locale__language_code="en").count() == 0
