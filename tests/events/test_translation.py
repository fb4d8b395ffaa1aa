"""An editor writes an event in Estonian and translates it into Russian with wagtail-localize:
dates, place, languages and links are synchronised, so the Russian page, list and calendar
show the same facts and follow later changes of the source; the sitemap lists both versions
as alternates."""

import xml.etree.ElementTree as ET

import icalendar
import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from .conftest import tallinn

pytestmark = pytest.mark.django_db

RUSSIAN = {
    "Projektitaotluse koolitus": "Тренинг по написанию проектных заявок",
    "Kuidas kirjutada head taotlust.": "Как написать хорошую заявку.",
    "Vabaühenduste Liit": "Союз НКО",
}


def translate(editor_client, source, locale, django_capture_on_commit_callbacks):
    response = editor_client.post(
        f"/admin/localize/submit/page/{source.pk}/", {"locales": [locale.pk]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=locale
    )
    for segment in translation.source.stringsegment_set.select_related("string"):
        if segment.string.data in RUSSIAN:
            segment.string.translations.create(
                locale=locale, context=segment.context, data=RUSSIAN[segment.string.data]
            )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return Page.objects.get(pk=source.get_translation(locale).pk).specific


def synchronise(editor_client, source, django_capture_on_commit_callbacks):
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302


@pytest.fixture
def source(make_event, vocabularies):
    return make_event(
        title="Projektitaotluse koolitus",
        slug="projektitaotluse-koolitus",
        introduction="Kuidas kirjutada head taotlust.",
        organiser_name="Vabaühenduste Liit",
        starts_at=tallinn(2099, 5, 12, 10, 0),
        ends_at=tallinn(2099, 5, 12, 16, 0),
        attendance="mixed",
        county="ida-viru",
        town="Narva",
        address="Raekoja plats 2",
        online_url="https://veeb.example/koolitus",
        languages=["et", "ru"],
        registration_url="https://registreerimine.example/koolitus",
        registration_deadline=tallinn(2099, 5, 10, 23, 59),
        topics=[vocabularies["activity_fields"]["education"]],
        target_groups=[vocabularies["target_groups"]["ngos"]],
        revision=True,
    )


def test_translated_event_shows_the_same_facts_in_russian(
    editor_client, source, locales, vocabularies, django_capture_on_commit_callbacks
):
    russian = translate(editor_client, source, locales["ru"], django_capture_on_commit_callbacks)

    assert russian.live
    assert russian.title == "Тренинг по написанию проектных заявок"
    assert russian.organiser_name == "Союз НКО"
    assert (russian.starts_at, russian.ends_at) == (source.starts_at, source.ends_at)
    assert (russian.attendance, russian.county, russian.town) == ("mixed", "ida-viru", "Narva")
    assert russian.online_url == "https://veeb.example/koolitus"
    assert russian.registration_url == source.registration_url
    assert russian.registration_deadline == source.registration_deadline
    assert russian.languages == ["ru", "et"]
    assert list(russian.topics.all()) == [vocabularies["activity_fields"]["education"]]

    page = editor_client.get("/ru/events/projektitaotluse-koolitus/").content.decode()
    assert "12 мая 2099 г., 10:00–16:00" in page
    assert "Образование" in page  # the canonical field, named in Russian
    listing = editor_client.get("/ru/events/?language=ru&place=online&field=education")
    assert [event.pk for event in listing.context["events"]] == [russian.pk]
    ics = icalendar.Calendar.from_ical(editor_client.get("/ru/events/calendar.ics").content)
    assert [str(event["summary"]) for event in ics.walk("VEVENT")] == [
        "Тренинг по написанию проектных заявок"
    ]

    # The editor moves the Estonian event; synchronising updates the Russian page.
    source.starts_at = tallinn(2099, 6, 2, 10, 0)
    source.ends_at = tallinn(2099, 6, 2, 15, 0)
    source.town = "Jõhvi"
    source.save_revision().publish()
    synchronise(editor_client, source, django_capture_on_commit_callbacks)

    russian.refresh_from_db()
    assert russian.starts_at == tallinn(2099, 6, 2, 10, 0)
    assert russian.town == "Jõhvi"
    assert russian.title == "Тренинг по написанию проектных заявок"
    page = editor_client.get("/ru/events/projektitaotluse-koolitus/").content.decode()
    assert "2 июня 2099 г., 10:00–15:00" in page


def test_translation_editor_opens_for_an_event(
    editor_client, source, locales, django_capture_on_commit_callbacks
):
    russian = translate(editor_client, source, locales["ru"], django_capture_on_commit_callbacks)

    response = editor_client.get(f"/admin/pages/{russian.pk}/edit/")

    assert response.status_code == 200
    assert "Projektitaotluse koolitus" in response.content.decode()


def test_sitemap_lists_both_versions_as_alternates(
    editor_client, source, locales, django_capture_on_commit_callbacks
):
    translate(editor_client, source, locales["ru"], django_capture_on_commit_callbacks)

    root = ET.fromstring(editor_client.get("/sitemap.xml").content)

    namespaces = {
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    urls = {url.findtext("sm:loc", namespaces=namespaces): url for url in root}
    estonian = "http://testserver/et/events/projektitaotluse-koolitus/"
    assert "http://testserver/et/events/" in urls
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls[estonian].findall("xhtml:link", namespaces)
    }
    assert alternates == {
        "et": estonian,
        "ru": "http://testserver/ru/events/projektitaotluse-koolitus/",
    }
