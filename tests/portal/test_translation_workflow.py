import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, site_tree):
    editor = get_user_model().objects.get(username="editor")
    client.force_login(editor)
    return client


def test_editor_translates_an_estonian_page_into_russian(
    editor_client, site_tree, locales, django_capture_on_commit_callbacks
):
    source = StandardPage(
        title="Koolitus taotluse kirjutamisest",
        slug="taotluse-koolitus",
        introduction="Kuidas kirjutada head projektitaotlust.",
    )
    site_tree["homes"]["et"].add_child(instance=source)
    source.save_revision().publish()

    response = editor_client.post(
        f"/admin/localize/submit/page/{source.pk}/",
        {"locales": [locales["ru"].pk]},
    )

    assert response.status_code == 302
    russian = source.get_translation(locales["ru"])
    translation = Translation.objects.get(source__object_id=source.translation_key)
    assert translation.target_locale == locales["ru"]
    editor_page = editor_client.get(f"/admin/pages/{russian.pk}/edit/")
    assert editor_page.status_code == 200
    assert b"Koolitus taotluse kirjutamisest" in editor_page.content

    # The translator fills in the Russian strings and publishes.
    for segment in translation.source.stringsegment_set.select_related("string"):
        russian_text = {
            "Koolitus taotluse kirjutamisest": "Обучение: как написать заявку",
            "Kuidas kirjutada head projektitaotlust.": "Как написать хорошую проектную заявку.",
        }.get(segment.string.data)
        if russian_text:
            segment.string.translations.create(
                locale=locales["ru"], context=segment.context, data=russian_text
            )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    russian = Page.objects.get(pk=russian.pk).specific
    assert russian.live
    assert russian.title == "Обучение: как написать заявку"
    response = editor_client.get("/ru/taotluse-koolitus/")
    assert response.status_code == 200
    assert "Как написать хорошую проектную заявку." in response.content.decode()
