# Fixtures are imported and named as test arguments:
# ruff: noqa: F811
"""Machine-translated first drafts in wagtail-localize's translation editor, against a small
LibreTranslate (or DeepL) compatible server on 127.0.0.1 (tests/fake_translation_service.py):
configured from the environment, absent without it; an editor drafts the Russian version of an
Estonian training with it, corrects and publishes it, and the training is in the Russian list,
calendar and the next bulletin's draft; every failure of the service is a clear message in the
editor's language, and nothing already translated changes."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from bulletins.models import BulletinPage
from portal import machine_translation
from tests.bulletins.fixtures_pages import archives  # noqa: F401 - fixture
from tests.events.conftest import event_indexes, make_event, tallinn, vocabularies  # noqa: F401
from tests.fake_translation_service import deepl, libretranslate  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = {
    "Projektitaotluse koolitus": "Тренинг по проектным заявкам",
    "Kuidas kirjutada head taotlust.": "Как написать хорошую заявку.",
}


@pytest.fixture
def editor_client(client, site_tree):
    editor = get_user_model().objects.get(username="editor")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(editor)
    return client


@pytest.fixture
def training(make_event):
    return make_event(
        title="Projektitaotluse koolitus",
        slug="projektitaotluse-koolitus",
        introduction="Kuidas kirjutada head taotlust.",
        organiser_name="",
        starts_at=tallinn(2099, 5, 12, 10, 0),
        ends_at=tallinn(2099, 5, 12, 16, 0),
        revision=True,
    )


def submit_translation(client, page, language="ru"):
    locale = page.locale.__class__.objects.get(language_code=language)
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    translation_record = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    target = Page.objects.get(pk=page.get_translation(locale).pk)
    return translation_record, target


def machine_translate(client, translation_record, target, **kwargs):
    editor_url = f"/admin/pages/{target.pk}/edit/"
    return client.post(
        f"/admin/localize/translate/{translation_record.pk}/machine_translate/",
        {"next": editor_url},
        **kwargs,
    )


def strings(translation_record):
    return {
        item.translation_of.data: (item.data, item.translation_type)
        for item in StringTranslation.objects.filter(
            locale=translation_record.target_locale
        ).select_related("translation_of")
    }


def last_message(response):
    """The newest message shown on the page the editor lands on."""
    return [str(message) for message in response.context["messages"]][-1]


def test_without_a_service_the_translation_editor_offers_no_machine_translation(
    editor_client, training, settings
):
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
    translation_record, target = submit_translation(editor_client, training)

    editor = editor_client.get(f"/admin/pages/{target.pk}/edit/").content.decode()

    assert "machine_translate" not in editor
    assert not machine_translation.is_available()
    response = machine_translate(editor_client, translation_record, target)
    assert response.status_code in (302, 404)  # wagtail-localize's 404, language-redirected
    assert strings(translation_record) == {}


def test_the_setting_comes_from_the_environment():
    def translator_in(**variables):
        clean = {
            key: value
            for key, value in os.environ.items()
            if key not in {"LIBRETRANSLATE_URL", "DEEPL_API_KEY", "DJANGO_SETTINGS_MODULE"}
        }
        code = (
            "from django.conf import settings; "
            "print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}))"
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
            cwd=ROOT,
            env={**clean, **variables},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert translator_in().strip() == "{}"
    libre = translator_in(LIBRETRANSLATE_URL="http://127.0.0.1:5000/", DEEPL_API_KEY="k")
    assert "portal.machine_translation.LibreTranslate" in libre
    assert "'LIBRETRANSLATE_URL': 'http://127.0.0.1:5000'" in libre
    assert "'TIMEOUT': 5" in libre
    assert "portal.machine_translation.DeepL" in translator_in(DEEPL_API_KEY="secret:fx")


def test_editor_drafts_corrects_and_publishes_a_russian_training(
    editor_client, training, libretranslate, archives, django_capture_on_commit_callbacks
):
    libretranslate.glossary = GLOSSARY
    translation_record, target = submit_translation(editor_client, training)
    editor = editor_client.get(f"/admin/pages/{target.pk}/edit/").content.decode()
    assert f"/admin/localize/translate/{translation_record.pk}/machine_translate/" in editor

    response = machine_translate(editor_client, translation_record, target)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{target.pk}/edit/"
    drafted = strings(translation_record)
    assert drafted["Projektitaotluse koolitus"] == (
        "Тренинг по проектным заявкам",
        StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    assert libretranslate.requests[0]["source"] == "et"
    assert libretranslate.requests[0]["target"] == "ru"

    # The editor corrects the summary in the translation editor, then publishes.
    segment = translation_record.source.stringsegment_set.get(
        string__data="Kuidas kirjutada head taotlust."
    )
    edited = editor_client.put(
        f"/admin/localize/translate/{translation_record.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": "Как написать сильную заявку: практикум."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert edited.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        translation_record.save_target(user=None, publish=True)

    listing = editor_client.get("/ru/events/")
    (russian,) = listing.context["events"]
    assert russian.title == "Тренинг по проектным заявкам"
    assert russian.introduction == "Как написать сильную заявку: практикум."
    assert russian.starts_at == training.starts_at
    calendar = icalendar.Calendar.from_ical(editor_client.get("/ru/events/calendar.ics").content)
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Тренинг по проектным заявкам"
    ]
    editor_client.post(f"/admin/bulletins/{archives['ru'].pk}/assemble/")
    draft = BulletinPage.objects.get(locale__language_code="ru", live=False)
    (section,) = draft.body
    assert [item["event"].pk for item in section.value["events"]] == [russian.pk]


def test_only_missing_strings_are_machine_translated(editor_client, training, libretranslate):
    translation_record, target = submit_translation(editor_client, training)
    segment = translation_record.source.stringsegment_set.get(
        string__data="Projektitaotluse koolitus"
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=translation_record.target_locale,
        context=segment.context,
        data="Наш перевод",
    )

    machine_translate(editor_client, translation_record, target)

    assert strings(translation_record)["Projektitaotluse koolitus"][0] == "Наш перевод"
    assert "Projektitaotluse koolitus" not in libretranslate.requests[0]["q"]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("down", machine_translation.UNREACHABLE),
        ("slow", machine_translation.TOO_SLOW % {"seconds": 1}),
        (429, machine_translation.QUOTA),
        (403, machine_translation.REFUSED_KEY),
        (500, machine_translation.FAILED % {"status": 500}),
        ("garbage", machine_translation.UNEXPECTED),
    ],
)
def test_a_failing_service_is_a_clear_message_and_changes_nothing(
    editor_client, training, libretranslate, answer, message
):
    translation_record, target = submit_translation(editor_client, training)
    segment = translation_record.source.stringsegment_set.get(
        string__data="Kuidas kirjutada head taotlust."
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=translation_record.target_locale,
        context=segment.context,
        data="Уже переведено вручную.",
    )
    before = strings(translation_record)
    if answer == "down":
        libretranslate.stop()
    else:
        libretranslate.answer = answer

    response = machine_translate(editor_client, translation_record, target, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/admin/pages/{target.pk}/edit/"
    with translation.override("ru"):  # the editor's admin language
        assert last_message(response) == str(message)
    assert strings(translation_record) == before


def test_a_failing_service_during_sync_keeps_the_translations(
    editor_client, training, libretranslate, django_capture_on_commit_callbacks
):
    libretranslate.glossary = GLOSSARY
    translation_record, target = submit_translation(editor_client, training)
    machine_translate(editor_client, translation_record, target)
    with django_capture_on_commit_callbacks(execute=True):
        translation_record.save_target(publish=True)
    training.introduction = "Uus kokkuvõte."
    training.save_revision().publish()
    before = strings(translation_record)
    libretranslate.answer = 503
    source = TranslationSource.objects.get(object_id=training.translation_key)
    url = f"/admin/localize/update/{source.pk}/"

    response = editor_client.post(url, {"use_machine_translation": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == url
    with translation.override("ru"):
        assert last_message(response) == str(machine_translation.FAILED % {"status": 503})
    assert strings(translation_record) == before
    source.refresh_from_db()
    source_strings = [segment.string.data for segment in source.stringsegment_set.all()]
    assert "Uus kokkuvõte." not in source_strings


def test_deepl_translates_and_its_quota_is_explained(editor_client, training, deepl):
    translation_record, target = submit_translation(editor_client, training)
    deepl.answer = 456

    failed = machine_translate(editor_client, translation_record, target, follow=True)

    with translation.override("ru"):
        assert last_message(failed) == str(machine_translation.QUOTA)
    deepl.answer = None
    machine_translate(editor_client, translation_record, target)
    assert strings(translation_record)["Projektitaotluse koolitus"][0] == (
        "[ru] Projektitaotluse koolitus"
    )
    assert deepl.requests[-1]["target_lang"] == ["RU"]
