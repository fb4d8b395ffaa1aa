from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from calls.models import CallIndexPage, CallPage
from directory.vocabularies import ensure_vocabularies
from home.models import HomePage
from portal.sections import CALL_PAGE_SECTIONS

from .conftest import tallinn

pytestmark = pytest.mark.django_db


class TestPageTypes(WagtailPageTestCase):
    def test_calls_live_under_one_index_per_home_page(self):
        self.assertAllowedParentPageTypes(CallIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CallIndexPage, {CallPage})
        self.assertAllowedParentPageTypes(CallPage, {CallIndexPage})
        self.assertAllowedSubpageTypes(CallPage, set())
        self.assertCanCreateAt(HomePage, CallIndexPage)
        self.assertCanNotCreateAt(Page, CallIndexPage)


def test_call_page_shows_deadline_in_tallinn_time_countdown_and_links(
    client, make_call, funders, topics, clock
):
    clock.now = tallinn(2026, 10, 22, 12, 0)
    call = make_call(
        title="Kogukonnaprojektid",
        funder=funders["kysk"]["et"],
        topics=[topics["youth"]],
        opens_at=tallinn(2026, 10, 1, 0, 0),
        deadline=tallinn(2026, 10, 25, 3, 30),
        official_url="https://www.kysk.ee/kogukonnaprojektid",
        budget_total=250_000,
        grant_min=2_000,
        grant_max=15_000,
    )

    page = client.get(call.url).content.decode()

    assert (
        '<time datetime="2026-10-25T03:30:00+03:00">25 Oct 2026' in page.replace("October", "Oct")
        or '<time datetime="2026-10-25T03:30:00+03:00">' in page
    )
    assert "03:30" in page
    assert "sulgub 3 päeva pärast" in page
    assert 'href="https://www.kysk.ee/kogukonnaprojektid"' in page
    assert f'href="{call.url}calendar.ics"' in page
    assert "Kodanikuühiskonna Sihtkapital" in page
    assert "Noorsootöö" in page
    assert "250\xa0000\xa0€" in page


def test_countdown_on_the_page_uses_plural_forms_of_the_language(
    client, make_call, call_indexes, clock
):
    clock.now = tallinn(2026, 10, 4, 12, 0)
    call = make_call(
        language="ru",
        title="Конкурс",
        slug="konkurs",
        opens_at=tallinn(2026, 10, 1, 0, 0),
        deadline=tallinn(2026, 10, 25, 16, 0),
    )

    page = client.get(call.url).content.decode()

    # The text comes from the catalogue; the number is the calendar days until 25 October.
    assert "21" in page
    assert call.countdown(clock.now) in page


def test_closed_call_says_closed_and_offers_no_reminders(client, make_call, clock):
    call = make_call(
        opens_at=clock.now - timedelta(days=30), deadline=clock.now - timedelta(hours=1)
    )

    page = client.get(call.url).content.decode()

    assert ">suletud<" in page
    assert 'id="follow"' not in page


def test_sections_of_other_apps_are_rendered_on_the_call_page(client, make_call):
    from wagtail import hooks

    call = make_call(title="Partneritega voor")

    def partners(page, request):
        # Any app's section: here the home block's template, listing the page itself.
        return {"template": "calls/includes/home_closing_soon.html", "calls": [page], "now": None}

    with hooks.register_temporarily(CALL_PAGE_SECTIONS, partners):
        page = client.get(call.url).content.decode()

    assert 'id="home-closing-soon-heading"' in page
    assert page.count("Partneritega voor") >= 3  # title, heading, the section's entry


def test_call_page_and_list_render_without_javascript_or_errors_in_every_language(
    client, make_call, call_indexes
):
    make_call(title="Eesti voor")
    make_call(language="ru", title="Русский", slug="russkij")
    make_call(language="en", title="English call", slug="english-call")

    for path in ("/et/calls/", "/ru/calls/", "/en/calls/", "/et/calls/eesti-voor/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "<script" not in response.content.decode().split("wagtail-userbar")[0]


def test_call_page_reads_its_funder_with_the_page(client, make_call, funders):
    call = make_call(title="Kogukonnaprojektid", funder=funders["kysk"]["et"])
    client.get(call.url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(call.url).content.decode()

    assert "Kodanikuühiskonna Sihtkapital" in page
    assert not [
        query["sql"] for query in queries if query["sql"].startswith('SELECT "calls_funder"')
    ]


def test_a_call_page_read_again_asks_the_database_for_the_page_alone(client, make_call, funders):
    topics = ensure_vocabularies()
    call = make_call(
        title="Noorteprojektid",
        funder=funders["kysk"]["et"],
        topics=[topics["activity_fields"]["youth"]],
    )
    call.target_groups = [topics["target_groups"]["youth"]]
    call.save_revision().publish()
    client.get(call.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(call.url)

    # The topics and the groups, from the page's facts, in Estonian.
    assert "<dd>Noorsootöö</dd>" in facts(response)
    assert "<dd>Noored</dd>" in facts(response)
    assert len(queries) == 1, [query["sql"] for query in queries]


def test_a_call_page_shows_changed_topics_at_once_and_a_preview_shows_the_drafts(client, make_call):
    fields = ensure_vocabularies()["activity_fields"]
    call = make_call(title="Kultuurivoor", topics=[fields["culture"]])
    assert "<dd>Kultuur</dd>" in facts(client.get(call.url))

    call.topics = [fields["sport"]]
    call.save_revision().publish()
    assert "<dd>Sport</dd>" in facts(client.get(call.url))

    call.topics = [fields["media"]]
    assert "<dd>Meedia</dd>" in facts(call.make_preview_request().render())
    assert "<dd>Sport</dd>" in facts(client.get(call.url))


def facts(response):
    return response.content.decode().split('<dl class="call-facts">')[1].split("</dl>")[0]
