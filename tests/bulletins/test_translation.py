# Fixtures are imported from fixtures_pages and named as test arguments:
# ruff: noqa: F811
"""The Russian issue is translated into Estonian with wagtail-localize: texts are translated,
the issue's number and date, dates of events and links are synchronised, and the Estonian
issue links the Estonian versions of the calls chosen in Russian. A later change of the
Russian issue reaches the Estonian one with "Sync translated pages"."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from bulletins.models import BulletinPage

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

ESTONIAN = {
    "Бюллетень № 846": "Uudiskiri nr 846",
    "Совместные проекты и обучение.": "Ühisprojektid ja koolitus.",
    "Подходит тем, кто уже нашёл партнёра.": "Sobib neile, kes on partneri juba leidnud.",
    "«Силд» ищет волонтёров": "Sild otsib vabatahtlikke",
    "Мы переводим десятки объявлений.": "Tõlgime kümneid teateid.",
    "Тренинг для координаторов": "Koolitus koordinaatoritele",
    "Онлайн, Zoom": "Veebis, Zoom",
    "Хорошей недели!": "Head nädalat!",
}


@pytest.fixture
def editor(site_tree):
    return get_user_model().objects.get(username="editor")


def translate(source, locale, editor, capture):
    """The editor's "Translate" into ``locale``, then the translator's work, published."""
    with capture(execute=True):
        TranslationCreator(editor, [locale]).create_translations(source)
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=locale
    )
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        if segment.string.data in ESTONIAN:
            segment.string.translations.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={"data": ESTONIAN[segment.string.data]},
            )
    with capture(execute=True):
        translation.save_target(user=editor, publish=True)
    return BulletinPage.objects.get(translation_key=source.translation_key, locale=locale)


def test_russian_issue_translated_into_estonian(
    client,
    editor,
    locales,
    make_bulletin,
    make_translated_call,
    django_capture_on_commit_callbacks,
):
    call = make_translated_call("Kogukondade koostööprojektid", "Совместные проекты сообществ")
    source = make_bulletin(
        issue_number=846,
        issue_date=date(2026, 3, 2),
        title="Бюллетень № 846",
        introduction="Совместные проекты и обучение.",
        body=[
            calls_section(
                call["ru"], notes={call["ru"].pk: "Подходит тем, кто уже нашёл партнёра."}
            ),
            (
                "news",
                {
                    "heading": "",
                    "items": [
                        {
                            "title": "«Силд» ищет волонтёров",
                            "text": "<p>Мы переводим десятки объявлений.</p>",
                            "link": "https://sild.example/vabatahtlikud",
                        }
                    ],
                },
            ),
            (
                "events",
                {
                    "heading": "",
                    "items": [
                        {
                            "title": "Тренинг для координаторов",
                            "date": date(2026, 3, 12),
                            "end_date": None,
                            "time": "10:00–16:00",
                            "place": "Онлайн, Zoom",
                            "description": "",
                            "link": "https://sild.example/koolitus",
                        }
                    ],
                },
            ),
            ("closing_note", {"text": "<p>Хорошей недели!</p>", "signature": ""}),
        ],
    )

    estonian = translate(source, locales["et"], editor, django_capture_on_commit_callbacks)

    assert estonian.live
    assert estonian.url == "/et/bulletins/846/"
    assert (estonian.issue_number, estonian.issue_date) == (846, date(2026, 3, 2))
    response = client.get("/et/bulletins/846/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    page = " ".join(soup.main.get_text(" ").split())
    assert soup.h1.get_text() == "Uudiskiri nr 846"
    for text in ESTONIAN.values():
        assert text in page
    assert "2. märts 2026" in page
    assert "12. märts 2026" in page
    # The Estonian issue links the Estonian call, with the Estonian funder.
    link = soup.select_one(".bulletin-call h3 a")
    assert (link.get_text(), link["href"]) == ("Kogukondade koostööprojektid", call["et"].url)
    assert "Kodanikuühiskonna Sihtkapital" in page
    assert soup.find("a", href="https://sild.example/koolitus")
    # The translator can open the translation in the editor.
    client.force_login(editor)
    assert client.get(f"/admin/pages/{estonian.pk}/edit/").status_code == 200


def test_changes_to_the_russian_issue_reach_the_estonian_one_on_sync(
    client,
    editor,
    locales,
    make_bulletin,
    make_translated_call,
    django_capture_on_commit_callbacks,
):
    first = make_translated_call("Esimene voor", "Первый конкурс")
    second = make_translated_call("Teine voor", "Второй конкурс")
    source = make_bulletin(
        issue_number=846,
        issue_date=date(2026, 3, 2),
        title="Бюллетень № 846",
        body=[calls_section(first["ru"])],
    )
    estonian = translate(source, locales["et"], editor, django_capture_on_commit_callbacks)

    # The editor corrects the number and the date, and adds a call.
    source.issue_number = 847
    source.issue_date = date(2026, 3, 9)
    source.body = [calls_section(first["ru"], second["ru"])]
    source.save_revision().publish()
    client.force_login(editor)
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302

    estonian.refresh_from_db()
    assert (estonian.issue_number, estonian.issue_date) == (847, date(2026, 3, 9))
    assert estonian.title == "Uudiskiri nr 846"  # the translated title is kept
    soup = BeautifulSoup(client.get(estonian.url).content, "html.parser")
    assert [a.get_text() for a in soup.select(".bulletin-call h3 a")] == [
        "Esimene voor",
        "Teine voor",
    ]
