"""The impact report in the admin: every figure counted from the records the other apps keep,
with a date-range filter, a CSV per figure, SVG charts with tables, and a number of queries
that does not grow with the data."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bulletins.models import BulletinPage, Campaign, Delivery, Subscriber
from calls.factories import CallPageFactory
from calls.models import CallPage
from consultations.factories import ConsultationRequestFactory
from directory.models import ContactRecord, Organisation
from tests.bulletins.fixtures_sending import bulletin_index
from tests.conftest import call_index_pages

pytestmark = pytest.mark.django_db

REPORT = "/admin/impact/"
Q1 = {"start": "2026-01-01", "end": "2026-03-31"}
TALLINN = ZoneInfo("Europe/Tallinn")


def at(year, month, day, hour=12):
    return datetime(year, month, day, hour, tzinfo=TALLINN)


def table(response, key):
    """The rows of figure ``key``'s table, each a list of cell texts, by first cell."""
    page = BeautifulSoup(response.content, "html.parser")
    section = page.find(id=key)
    assert section is not None, key
    header = [cell.get_text() for cell in section.select("thead th")]
    rows = {}
    for row in section.select("tbody tr"):
        cells = [cell.get_text() for cell in row.find_all(["th", "td"])]
        rows[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
    return rows


def subscriber(email, language, kind, status, confirmed=None, left=None):
    return Subscriber.objects.create(
        email=email,
        language=language,
        kind=kind,
        status=status,
        confirmed_at=confirmed,
        unsubscribed_at=left,
    )


@pytest.fixture
def subscribers():
    subscriber("a@example.org", "ru", "organisation", "confirmed", at(2026, 1, 10))
    subscriber("b@example.org", "et", "person", "unsubscribed", at(2026, 2, 5), at(2026, 3, 10))
    subscriber("c@example.org", "ru", "journalist", "pending")
    subscriber("d@example.org", "en", "other", "confirmed", at(2025, 12, 1))
    subscriber("e@example.org", "ru", "person", "bounced", at(2026, 1, 2))


def test_subscribers_at_the_end_of_each_month_by_language_and_kind(admin_client, subscribers):
    response = admin_client.get(REPORT, Q1)

    assert response.status_code == 200
    by_language = table(response, "subscribers-by-language")
    assert by_language["2026-01"] == {"Russian": "1", "Estonian": "0", "English": "1", "Total": "2"}
    assert by_language["2026-02"] == {"Russian": "1", "Estonian": "1", "English": "1", "Total": "3"}
    assert by_language["2026-03"]["Estonian"] == "0"
    assert by_language["2026-03"]["Total"] == "2"
    by_kind = table(response, "subscribers-by-kind")
    assert by_kind["2026-02"]["Private person"] == "1"
    assert by_kind["2026-02"]["Organisation"] == "1"
    assert by_kind["2026-02"]["Journalist"] == "0"


def test_charts_are_svg_with_a_title_and_a_description(admin_client, subscribers):
    response = admin_client.get(REPORT, Q1)

    page = BeautifulSoup(response.content, "html.parser")
    svg = page.find(id="subscribers-by-language").find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find(id=title_id).get_text() == "Subscribers by language"
    assert "2026-02: 3" in svg.find(id=desc_id).get_text()
    assert not page.find_all("script", src=lambda src: src and "chart" in src)


@pytest.fixture
def organisations(make_organisation):
    def make(title, county, russian, estonian, created):
        organisation, _pages = make_organisation(
            {"et": {"title": title, "description": "Kirjeldus."}},
            county=county,
            works_in_russian=russian,
            works_in_estonian=estonian,
            works_in_english=not (russian or estonian),
        )
        Organisation.objects.filter(pk=organisation.pk).update(created_at=created)
        return organisation

    return {
        "et": make("Tartu Noored", "tartu", False, True, at(2025, 6, 1)),
        "ru": make("Narva Noored", "ida-viru", True, False, at(2026, 2, 1)),
        "both": make("Jõhvi Sild", "ida-viru", True, True, at(2026, 3, 1)),
        "later": make("Hilisem", "harju", True, True, at(2026, 5, 1)),
    }


def test_organisations_by_county_and_working_language(admin_client, organisations):
    rows = table(admin_client.get(REPORT, Q1), "organisations")

    assert rows["Ida-Viru County"] == {
        "Russian, not Estonian": "1",
        "Estonian, not Russian": "0",
        "Russian and Estonian": "1",
        "Neither (English or other)": "0",
        "Total": "2",
        "New in the period": "2",
    }
    assert rows["Tartu County"]["Estonian, not Russian"] == "1"
    assert rows["Tartu County"]["New in the period"] == "0"
    # Added after the end of the period.
    assert rows["Harju County"]["Total"] == "0"


def test_contacts_and_the_share_across_languages(admin_client, organisations):
    def contact(organisation, sender, when):
        record = ContactRecord.objects.create(
            organisation=organisations[organisation], sender_language=sender, profile_language="et"
        )
        ContactRecord.objects.filter(pk=record.pk).update(created_at=when)

    contact("et", "ru", at(2026, 1, 5))  # Russian-speaking sender, Estonian-only organisation
    contact("ru", "et", at(2026, 1, 6))  # and the other way round
    contact("both", "ru", at(2026, 2, 7))  # the organisation works in Russian too
    contact("et", "en", at(2026, 2, 8))  # English is neither
    contact("ru", "ru", at(2026, 2, 9))
    contact("ru", "et", at(2026, 4, 1))  # after the period

    response = admin_client.get(REPORT, Q1)

    rows = table(response, "contacts")
    assert rows["2026-01"] == {
        "Russian-speaking sender to an Estonian-speaking organisation": "1",
        "Estonian-speaking sender to a Russian-speaking organisation": "1",
        "Other contacts": "0",
        "Total": "2",
        "Share across languages": "100 %",
    }
    assert rows["2026-02"]["Other contacts"] == "3"
    assert rows["2026-02"]["Share across languages"] == "0 %"
    assert rows["2026-03"]["Share across languages"] == "–"
    summary = BeautifulSoup(response.content, "html.parser").find(id="contacts").find("desc")
    assert "5 contacts in the period, 2 of them across languages (40 %)" in summary.get_text()


def test_confirmed_joint_projects_by_year_and_across_languages(admin_client, organisations):
    from directory.models import JointProject, ProjectPartner

    def project(title, year, recorder, partner, status):
        recorded = JointProject.objects.create(
            organisation=organisations[recorder], title=title, year=year, description="Koos."
        )
        ProjectPartner.objects.create(
            project=recorded, organisation=organisations[partner], status=status
        )

    project("Suvelaager", 2025, "et", "ru", "confirmed")  # across languages
    project("Noortevahetus", 2026, "ru", "both", "confirmed")  # both work in Russian too: across
    project("Koolitus", 2026, "ru", "later", "pending")  # not confirmed: not counted
    project("Kohvik", 2026, "et", "et", "confirmed")  # Estonian only

    rows = table(
        admin_client.get(REPORT, {"start": "2025-01-01", "end": "2026-12-31"}), "joint-projects"
    )

    assert rows["2025"]["Russian- and Estonian-speaking partners"] == "1"
    assert rows["2026"]["Russian- and Estonian-speaking partners"] == "1"
    assert rows["2026"]["Other partners"] == "1"


def test_calls_are_counted_once_in_the_month_first_published(admin_client, site_tree, locales):
    indexes = call_index_pages(site_tree["homes"])
    with_russian = CallPageFactory(parent=indexes["et"], title="Kultuuriprojektid")
    russian = with_russian.copy_for_translation(locales["ru"])
    russian.live = True
    russian.save()
    CallPage.objects.filter(pk=with_russian.pk).update(first_published_at=at(2026, 2, 3))
    CallPage.objects.filter(pk=russian.pk).update(first_published_at=at(2026, 4, 3))
    estonian_only = CallPageFactory(parent=indexes["et"], title="Kohalik omaalgatus")
    CallPage.objects.filter(pk=estonian_only.pk).update(first_published_at=at(2026, 3, 15))
    draft = CallPageFactory(parent=indexes["et"], title="Mustand", live=False)
    CallPage.objects.filter(pk=draft.pk).update(first_published_at=None)

    rows = table(admin_client.get(REPORT, Q1), "calls")

    assert rows["2026-02"] == {
        "With a Russian version": "1",
        "Without a Russian version": "0",
        "Total": "1",
    }
    assert rows["2026-03"]["Without a Russian version"] == "1"
    assert rows["2026-01"]["Total"] == "0"


@pytest.fixture
def campaign(site_tree):
    index = bulletin_index(site_tree["homes"]["ru"])
    page = BulletinPage(
        title="Бюллетень № 7", slug="7", issue_number=7, issue_date=date(2026, 2, 9)
    )
    index.add_child(instance=page)
    campaign = Campaign.objects.create(
        page=page, languages=["ru"], status=Campaign.Status.DONE, send_at=at(2026, 2, 10)
    )
    statuses = ["sent", "sent", "sent", "failed", "queued"]
    for number, status in enumerate(statuses):
        reader = subscriber(
            f"reader{number}@example.org", "ru", "person", "confirmed", at(2026, 1, 1)
        )
        Delivery.objects.create(campaign=campaign, subscriber=reader, language="ru", status=status)
    return campaign


def test_bulletins_sent_with_their_delivery_figures(admin_client, campaign):
    response = admin_client.get(REPORT, Q1)

    assert table(response, "bulletins")["2026-02"] == {
        "Delivered": "3",
        "Failed": "1",
        "Total": "4",
    }
    campaigns = table(response, "campaigns")
    assert campaigns["2026-02-10 12:00"] == {
        "Bulletin": "Бюллетень № 7",
        "Languages": "ru",
        "Status": "Sent",
        "Delivered": "3",
        "Failed": "1",
        "Waiting": "1",
    }


def test_consultation_requests_per_month_and_topic(admin_client, site_tree):
    ConsultationRequestFactory(topic="funding", created_at=at(2026, 1, 5))
    ConsultationRequestFactory(topic="funding", created_at=at(2026, 1, 31, 23))
    ConsultationRequestFactory(topic="accounting", created_at=at(2026, 3, 2))
    # Midnight in Tallinn is still the previous day in UTC: it counts for February.
    ConsultationRequestFactory(topic="partnership", created_at=at(2026, 2, 1, 0))

    rows = table(admin_client.get(REPORT, Q1), "consultations")

    assert rows["2026-01"]["Funding applications"] == "2"
    assert rows["2026-01"]["Total"] == "2"
    assert rows["2026-02"]["Partnership"] == "1"
    assert rows["2026-03"]["Accounting"] == "1"


def test_long_periods_are_shown_year_by_year(admin_client, site_tree):
    ConsultationRequestFactory(topic="funding", created_at=at(2021, 6, 1))

    rows = table(
        admin_client.get(REPORT, {"start": "2020-01-01", "end": "2026-03-31"}), "consultations"
    )

    assert list(rows) == ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    assert rows["2021"]["Total"] == "1"


def test_each_figure_downloads_as_csv(admin_client, subscribers):
    response = admin_client.get(f"{REPORT}subscribers-by-language.csv", Q1)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "subscribers-by-language-2026-01-01-2026-03-31.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Month", "Russian", "Estonian", "English", "Total"]
    assert rows[2] == ["2026-02", "1", "1", "1", "3"]


def test_csv_text_cannot_run_as_a_formula(admin_client, campaign):
    BulletinPage.objects.filter(pk=campaign.page_id).update(title="=cmd|' /C calc'!A0")

    response = admin_client.get(f"{REPORT}campaigns.csv", Q1)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"


def test_unknown_figures_and_bad_periods_find_no_csv(admin_client, site_tree):
    assert admin_client.get(f"{REPORT}no-such-figure.csv", Q1).status_code == 404
    assert admin_client.get(f"{REPORT}contacts.csv", {"start": "yesterday"}).status_code == 404


def test_a_bad_period_is_explained_next_to_the_field_and_kept(admin_client, site_tree):
    response = admin_client.get(REPORT, {"start": "2026-13-01", "end": "2026-03-31"})

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(id="id_start-errors").get_text().strip()
    assert page.find("input", attrs={"name": "start"})["value"] == "2026-13-01"
    assert page.find(id="contacts") is None

    reversed_period = admin_client.get(REPORT, {"start": "2026-03-01", "end": "2026-01-01"})
    assert reversed_period.status_code == 400
    assert "id_end-errors" in reversed_period.content.decode()

    too_early = admin_client.get(REPORT, {"start": "1900-01-01"})
    assert too_early.status_code == 400


def test_the_default_period_is_the_last_twelve_months(admin_client, site_tree):
    response = admin_client.get(REPORT)

    assert response.status_code == 200
    months = list(table(response, "consultations"))
    assert len(months) == 12
    assert months[-1] == f"{timezone.localdate():%Y-%m}"


def test_the_dashboard_panel_sums_up_the_last_twelve_months(admin_client, site_tree, organisations):
    now = timezone.now()
    subscriber("a@example.org", "ru", "organisation", "confirmed", now)
    subscriber("b@example.org", "et", "person", "confirmed", now)
    subscriber("c@example.org", "et", "person", "pending")
    ConsultationRequestFactory(status="new")
    ConsultationRequestFactory(status="closed")
    ContactRecord.objects.create(
        organisation=organisations["et"], sender_language="ru", profile_language="et"
    )
    ContactRecord.objects.create(
        organisation=organisations["both"], sender_language="ru", profile_language="ru"
    )

    response = admin_client.get("/admin/")

    panel = BeautifulSoup(response.content, "html.parser").find(id="impact-content") or (
        BeautifulSoup(response.content, "html.parser").find(id="impact")
    )
    text = " ".join(panel.get_text(" ").split())
    assert "Subscribers now 2" in text
    assert "2, of which 1 across languages (50 %)" in text
    assert "2 received, 1 waiting for an answer" in text
    assert panel.find("a", href=REPORT)


def test_people_without_admin_access_cannot_see_the_report(client, site_tree):
    user = get_user_model().objects.create_user("member", "member@example.org", "x")
    client.force_login(user)

    assert client.get(REPORT).status_code in (302, 403)
    assert client.get(f"{REPORT}contacts.csv").status_code in (302, 403)


def _add_records(organisations, campaign, count, offset):
    for number in range(count):
        subscriber(
            f"s{offset + number}@example.org",
            ["ru", "et", "en"][number % 3],
            "person",
            "confirmed",
            at(2026, 1 + number % 3, 1 + number % 27),
        )
        record = ContactRecord.objects.create(
            organisation=organisations[["et", "ru", "both"][number % 3]],
            sender_language=["ru", "et", "en"][number % 3],
            profile_language="et",
        )
        ContactRecord.objects.filter(pk=record.pk).update(created_at=at(2026, 2, 1 + number % 27))
        ConsultationRequestFactory(topic="funding", created_at=at(2026, 3, 1 + number % 27))
        reader = subscriber(
            f"r{offset + number}@example.org", "ru", "person", "confirmed", at(2026, 1, 1)
        )
        Delivery.objects.create(campaign=campaign, subscriber=reader, language="ru", status="sent")


def test_the_number_of_queries_does_not_grow_with_the_data(admin_client, organisations, campaign):
    def count_queries(path, params=None):
        admin_client.get(path, params)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(path, params)
        assert response.status_code == 200
        return len(queries)

    _add_records(organisations, campaign, 3, 0)
    few = (count_queries(REPORT, Q1), count_queries("/admin/"))
    _add_records(organisations, campaign, 40, 100)
    many = (count_queries(REPORT, Q1), count_queries("/admin/"))

    assert many == few
    # Seven aggregate queries for the figures, the rest is the admin's own (user, session...).
    assert few[0] <= 18
