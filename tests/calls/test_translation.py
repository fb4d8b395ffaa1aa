"""An editor writes a call in Estonian and translates it into Russian with wagtail-localize;
the facts are synchronised, so the Russian page shows the same deadline and amounts, its own
language's funder and the same canonical topics (named in Russian), and follows later
changes of the Estonian source."""

from decimal import Decimal

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from calls.factories import CallPageFactory

from .conftest import tallinn

pytestmark = pytest.mark.django_db

RUSSIAN = {
    "Noorte kogukonnaprojektid Ida-Virumaal": "Молодёжные проекты сообществ в Ида-Вирумаа",
    "Toetus noorte omaalgatusele.": "Поддержка инициатив молодёжи.",
    "Noorteprogramm": "Молодёжная программа",
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
    """The editor's "Sync translated pages", publishing the updated translations."""
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302


def test_translated_call_shows_the_same_facts_in_russian(
    editor_client, call_indexes, locales, funders, topics, django_capture_on_commit_callbacks
):
    source = CallPageFactory(
        parent=call_indexes["et"],
        title="Noorte kogukonnaprojektid Ida-Virumaal",
        slug="noorte-kogukonnaprojektid",
        introduction="Toetus noorte omaalgatusele.",
        programme="Noorteprogramm",
        funder=funders["narva"]["et"],
        topics=[topics["youth"]],
        opens_at=tallinn(2026, 1, 5, 10, 0),
        deadline=tallinn(2099, 3, 31, 16, 0),
        budget_total=Decimal("120000"),
        grant_min=Decimal("1500"),
        grant_max=Decimal("12500.50"),
        eligible_applicants=["ngo", "informal-group"],
        regions=["ida-viru"],
        revision=True,
    )

    russian = translate(editor_client, source, locales["ru"], django_capture_on_commit_callbacks)

    assert russian.live
    assert russian.title == "Молодёжные проекты сообществ в Ида-Вирумаа"
    assert russian.translation_key == source.translation_key
    assert russian.deadline == source.deadline
    assert (russian.grant_min, russian.grant_max) == (Decimal("1500"), Decimal("12500.50"))
    assert russian.eligible_applicants == ["ngo", "informal-group"]
    assert russian.regions == ["ida-viru"]
    # The Russian page uses the Russian funder; topics are the one canonical record per concept,
    # named in the page's language.
    assert russian.funder == funders["narva"]["ru"]
    assert list(russian.topics.all()) == [topics["youth"]]

    page = editor_client.get("/ru/calls/noorte-kogukonnaprojektid/").content.decode()
    assert "31 марта 2099 г., 16:00" in page
    assert "120\xa0000\xa0€" in page
    assert "1\xa0500\xa0€" in page
    assert "12\xa0500,50\xa0€" in page
    assert "Нарвская городская управа" in page
    assert "Молодёжная работа" in page

    # A Russian reader finds it among the open calls on youth work.
    listing = editor_client.get("/ru/calls/?status=open&topic=youth")
    assert [call.pk for call in listing.context["calls"]] == [russian.pk]

    # The editor moves the Estonian deadline; synchronising updates the Russian page.
    source.deadline = tallinn(2099, 4, 15, 12, 0)
    source.grant_max = Decimal("15000")
    source.save_revision().publish()
    synchronise(editor_client, source, django_capture_on_commit_callbacks)

    russian.refresh_from_db()
    assert russian.deadline == tallinn(2099, 4, 15, 12, 0)
    assert russian.grant_max == Decimal("15000")
    assert russian.title == "Молодёжные проекты сообществ в Ида-Вирумаа"
    page = editor_client.get("/ru/calls/noorte-kogukonnaprojektid/").content.decode()
    assert "15 апреля 2099 г., 12:00" in page


def test_translation_editor_opens_for_a_call(
    editor_client, call_indexes, locales, funders, django_capture_on_commit_callbacks
):
    source = CallPageFactory(
        parent=call_indexes["et"],
        title="Noorte kogukonnaprojektid Ida-Virumaal",
        funder=funders["kysk"]["et"],
        revision=True,
    )
    russian = translate(editor_client, source, locales["ru"], django_capture_on_commit_callbacks)

    response = editor_client.get(f"/admin/pages/{russian.pk}/edit/")

    assert response.status_code == 200
    assert "Noorte kogukonnaprojektid Ida-Virumaal" in response.content.decode()


def test_removing_every_topic_from_the_source_removes_them_from_the_translation(
    editor_client, call_indexes, locales, funders, topics, django_capture_on_commit_callbacks
):
    source = CallPageFactory(
        parent=call_indexes["et"],
        title="Noorte kogukonnaprojektid Ida-Virumaal",
        slug="noorte-kogukonnaprojektid",
        funder=funders["narva"]["et"],
        topics=[topics["youth"], topics["culture"]],
        deadline=tallinn(2099, 3, 31, 16, 0),
        revision=True,
    )
    russian = translate(editor_client, source, locales["ru"], django_capture_on_commit_callbacks)
    assert set(russian.topics.all()) == {topics["youth"], topics["culture"]}

    source.topics.set([])
    source.save_revision().publish()
    synchronise(editor_client, source, django_capture_on_commit_callbacks)

    russian.refresh_from_db()
    assert list(russian.topics.all()) == []
    listing = editor_client.get("/ru/calls/?topic=youth")
    assert list(listing.context["calls"]) == []
