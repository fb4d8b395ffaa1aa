# Fixtures are imported and named as test arguments:
# ruff: noqa: F811
"""The editors' desk: the admin's home page shows the week's work in panels, each linking to
where it is done (calls closing in 14 days, calls and events since the last bulletin, the next
bulletin's state, translations missing or out of date, profiles and news to moderate,
consultation requests to answer); every label in the editor's language; no avatar from
Gravatar and no update check."""

import json
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from consultations.factories import ConsultationRequestFactory
from consultations.models import Status
from directory.factories import OrganisationFactory, UserFactory, create_profile
from directory.models import NewsItem
from directory.my import profiles
from tests.bulletins.fixtures_pages import (  # noqa: F401 - fixtures
    archives,
    call_indexes,
    funders,
    make_bulletin,
    make_call,
    make_translated_call,
    topics,
)
from tests.events.conftest import event_indexes, make_event, vocabularies  # noqa: F401

pytestmark = pytest.mark.django_db


def signed_in(client, username="editor", language="en"):
    user = get_user_model().objects.get(username=username)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, site_tree):
    return signed_in(client)


def panel(response, name):
    """The panel's heading, its lines (text, link) and its buttons, or None."""
    section = BeautifulSoup(response.content, "html.parser").select_one(
        f'section[aria-labelledby="desk-{name}-heading"]'
    )
    if section is None:
        return None
    return {
        "heading": section.h2.get_text(" ", strip=True),
        "lines": [
            (line.get_text(" ", strip=True), line.a["href"]) for line in section.select("li")
        ],
        "links": {a.get_text(strip=True): a["href"] for a in section.select("a.button")},
        "text": section.get_text(" ", strip=True),
    }


def test_calls_closing_in_the_next_14_days_each_once_with_its_languages(
    editor_client, make_translated_call, make_call
):
    now = timezone.now()
    soon = make_translated_call("Kiire voor", "Срочный конкурс", deadline=now + timedelta(days=5))
    make_call(title="Hiline voor", deadline=now + timedelta(days=20))
    make_call(
        title="Suletud voor",
        opens_at=now - timedelta(days=30),
        deadline=now - timedelta(hours=1),
    )

    closing = panel(editor_client.get("/admin/"), "calls-closing")

    assert len(closing["lines"]) == 1
    text, url = closing["lines"][0]
    assert text.startswith("Kiire voor et ru")
    assert url == f"/admin/pages/{soon['et'].pk}/edit/"
    assert "content_type=calls.callpage" in closing["links"]["All calls"]


def published_days_ago(page, days):
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=timezone.now() - timedelta(days=days)
    )


def test_calls_and_events_since_the_last_bulletin_with_the_action_to_assemble_it(
    editor_client, archives, make_bulletin, make_translated_call, make_event
):
    today = timezone.localdate()
    make_bulletin(issue_number=845, issue_date=today - timedelta(days=7))
    old = make_translated_call("Vana voor", "Старый конкурс")
    published_days_ago(old["ru"], 12)
    new = make_translated_call("Uus voor", "Новый конкурс")
    event = make_event(language="ru", title="Новый тренинг", slug="novyj-trening", revision=True)

    since = panel(editor_client.get("/admin/"), "since-last-bulletin")

    assert [text.split(" · ")[0] for text, _url in since["lines"]] == [
        "Новый конкурс",
        "Новый тренинг",
    ]
    assert since["lines"][0][1] == f"/admin/pages/{new['ru'].pk}/edit/"
    assert since["lines"][1][1] == f"/admin/pages/{event.pk}/edit/"
    assert since["links"]["Assemble the next issue"] == (
        f"/admin/bulletins/{archives['ru'].pk}/assemble/"
    )


def test_the_next_bulletins_state(editor_client, archives, make_bulletin):
    assert (
        "No issue has been made yet."
        in panel(editor_client.get("/admin/"), "next-bulletin")["text"]
    )

    sent = make_bulletin(issue_number=845)
    state = panel(editor_client.get("/admin/"), "next-bulletin")
    assert "published but has not been sent" in state["text"]
    assert state["links"]["Send"] == f"/admin/bulletins/sending/{sent.pk}/"

    draft = make_bulletin(issue_number=846, live=False)
    state = panel(editor_client.get("/admin/"), "next-bulletin")
    assert "is a draft" in state["text"]
    assert state["lines"][0][1] == f"/admin/pages/{draft.pk}/edit/"
    assert "Assemble the next issue" not in state["links"]


def test_translations_missing_and_out_of_date(
    editor_client, make_event, make_translated_call, django_capture_on_commit_callbacks
):
    lonely = make_event(title="Ainult eesti keeles", revision=True)
    make_event(
        title="Möödas",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=2),
    )
    make_translated_call("Mõlemas keeles", "На обоих языках")

    todo = panel(editor_client.get("/admin/"), "translations")
    assert [text for text, _url in todo["lines"]] == ["Ainult eesti keeles et · not yet in Russian"]
    assert todo["lines"][0][1] == f"/admin/localize/submit/page/{lonely.pk}/"

    # Translated with wagtail-localize, then the source changes: out of date until synced.
    editor_client.post(
        f"/admin/localize/submit/page/{lonely.pk}/",
        {"locales": [lonely.locale.__class__.objects.get(language_code="ru").pk]},
    )
    translation = Translation.objects.get(source__object_id=lonely.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert panel(editor_client.get("/admin/"), "translations")["lines"] == []

    lonely.introduction = "Uus kokkuvõte."
    lonely.save_revision().publish()
    (line,) = panel(editor_client.get("/admin/"), "translations")["lines"]
    source = TranslationSource.objects.get(object_id=lonely.translation_key)
    assert line[0].startswith("Ainult eesti keeles et → ru · source changed")
    assert line[1] == f"/admin/localize/update/{source.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert panel(editor_client.get("/admin/"), "translations")["lines"] == []


def test_the_translations_panel_costs_the_same_queries_for_1_and_6_translations(
    editor_client, make_event, django_capture_on_commit_callbacks
):
    russian = make_event(title="x").locale.__class__.objects.get(language_code="ru")

    def translate(count, start):
        for number in range(start, start + count):
            event = make_event(title=f"Koolitus {number}", revision=True)
            editor_client.post(
                f"/admin/localize/submit/page/{event.pk}/", {"locales": [russian.pk]}
            )

    def queries():
        editor_client.get("/admin/")
        with CaptureQueriesContext(connection) as captured:
            editor_client.get("/admin/")
        return len(captured)

    translate(1, 0)
    one = queries()
    translate(5, 1)
    assert queries() == one


def test_profiles_and_news_waiting_for_moderation(editor_client, site_tree, vocabularies):
    from directory.demo import ensure_directory

    directories = ensure_directory(site_tree["homes"])
    organisation = OrganisationFactory(registered_name="MTÜ Narva Noored")
    page = create_profile(
        directories,
        organisation,
        {"et": {"title": "Narva Noored", "description": "Tekst."}},
        publish=False,
    )["et"]
    profiles.submit(page, UserFactory())
    news = NewsItem.objects.create(
        organisation=organisation, language="et", title="Suvelaager", text="<p>Tule!</p>"
    )
    NewsItem.objects.create(
        organisation=organisation,
        language="et",
        title="Otsustatud",
        text="<p>x</p>",
        status=NewsItem.Status.APPROVED,
    )

    waiting = panel(editor_client.get("/admin/"), "moderation")

    assert waiting["lines"] == [
        ("Narva Noored et · profile", f"/admin/pages/{page.pk}/edit/"),
        (
            "Suvelaager et · news from MTÜ Narva Noored",
            f"/admin/directory/newsitem/edit/{news.pk}/",
        ),
    ]


def test_consultation_requests_without_an_answer(client, site_tree):
    waiting = ConsultationRequestFactory(name="Olga")
    ConsultationRequestFactory(name="Ivan", status=Status.ANSWERED)
    admin = signed_in(client, "admin")

    consultations = panel(admin.get("/admin/"), "consultations")

    (line,) = consultations["lines"]
    with translation.override("en"):  # the admin's language in this test
        expected = f"{waiting} ru · received "
    assert line[0].startswith(expected)
    assert line[1] == f"/admin/consultations/consultationrequest/edit/{waiting.pk}/"


def test_an_editor_without_those_rights_sees_no_moderation_or_consultations(client, site_tree):
    user = UserFactory(username="reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    home = client.get("/admin/")

    assert panel(home, "moderation") is None
    assert panel(home, "consultations") is None
    assert panel(home, "calls-closing") is not None


def menu_labels(response):
    return [
        json.loads(f'"{label}"')
        for label in re.findall(r'"label": "([^"]+)"', response.content.decode())
    ]


def test_menu_labels_are_in_each_editors_language_whoever_came_first(client, site_tree):
    russian = menu_labels(signed_in(client, "admin", "ru").get("/admin/"))
    english = menu_labels(signed_in(client, "admin", "en").get("/admin/"))

    assert "Переводы" in russian
    assert "Translations" in english and "Переводы" not in english
    assert "What's new in Wagtail 8.0" in english
    for label in english:
        assert label[0] == label[0].upper(), label


def test_no_gravatar_and_no_update_check(editor_client):
    page = editor_client.get("/admin/").content.decode()

    assert "gravatar" not in page.lower()
    assert 'data-controller="w-upgrade' not in page  # no call to Wagtail's release server
