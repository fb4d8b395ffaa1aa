"""The admin of an Estonian editor is Estonian: no Russian words in its chrome.

Django falls back to the default language (Russian) for every string that has no Estonian
translation; Wagtail's own Estonian lacks hundreds, which portal/admin_locale fills in. The
pages below are opened by an editor whose Wagtail profile says Estonian; their content (page
titles, snippet names, language names) is taken out first, since that is Russian by nature on
a trilingual site, and what remains must not contain a Cyrillic letter."""

import json
import re

import polib
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from bulletins.blocks import TypedPageChooserBlock
from bulletins.factories import BulletinPageFactory
from bulletins.models import BulletinPage
from calls.models import Funder
from directory.models import ActivityField, Organisation, TargetGroup
from portal.admin_catalogue import admin_catalogue_path, missing_estonian
from tests.bulletins.fixtures_pages import archives  # noqa: F401
from tests.calls.conftest import call_indexes, funders, make_call, topics  # noqa: F401

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@pytest.fixture
def estonian_editor(client, site_tree):
    editor = get_user_model().objects.create_superuser(
        "toimetaja", "toimetaja@sild.example", "pw", first_name="Mari", last_name="Tamm"
    )
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "et"
    profile.save()
    client.force_login(editor)
    return client


@pytest.fixture
def estonian_pages(make_call, archives, funders):  # noqa: F811
    call = make_call(title="Kogukonnaalgatuste toetus", funder=funders["kysk"]["et"])
    bulletin = BulletinPageFactory(
        parent=archives["et"],
        title="Uudiskiri nr 7",
        introduction="Konkursid, koolitused ja võrgustiku uudised.",
    )
    return {"call": call, "bulletin": bulletin}


def import_time_strings():
    """Wagtail's redirects filter translates its labels with gettext (not gettext_lazy) when
    its module is imported, in whatever language is active then (Russian, the default, unless
    a request in another language imports it first): no catalogue can change them. Reported
    as left over; the strings are the ones the filter holds, whatever their language."""
    strings = set()
    for field in RedirectsReportFilterSet.base_filters.values():
        strings.add(str(field.label))
        strings.add(str(field.extra.get("empty_label", "")))
        strings.update(str(label) for _, label in field.extra.get("choices", ()))
    return strings


def content_strings():
    """What the editors wrote (or the languages are called): Russian where it should be."""
    strings = set(Page.objects.values_list("title", flat=True))
    strings.update(Page.objects.values_list("draft_title", flat=True))
    for model in (Funder, Organisation, ActivityField, TargetGroup):
        strings.update(str(instance) for instance in model.objects.all())
    strings.update(("Русский", "русский"))
    return sorted((s for s in strings if s), key=len, reverse=True)


def russian_in_chrome(response, known=()):
    if response.status_code != 200:
        return [f"status {response.status_code}"]
    text = response.content.decode()
    # The sidebar's menu and other props are JSON, whose non-ASCII letters are escaped.
    text = JSON_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
    for string in sorted({*content_strings(), *known}, key=len, reverse=True):
        text = text.replace(string, "")
        text = text.replace(json.dumps(string)[1:-1], "")
    return sorted(
        {f"…{text[max(m.start() - 40, 0) : m.end() + 20]}…" for m in CYRILLIC.finditer(text)}
    )


def admin_urls(pages):
    call, bulletin = pages["call"], pages["bulletin"]
    home = call.get_parent().get_parent()
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{call.get_parent().pk}/",
        f"/admin/pages/{call.pk}/edit/",
        f"/admin/pages/{bulletin.pk}/edit/",
        f"/admin/pages/{call.pk}/history/",
        f"/admin/pages/add/calls/callpage/{call.get_parent().pk}/",
        "/admin/snippets/calls/funder/",
        f"/admin/snippets/calls/funder/edit/{call.funder.pk}/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/account/",
        "/admin/locales/",
        "/admin/sites/",
        "/admin/collections/",
        "/admin/redirects/",
        "/admin/workflows/list/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/forms/",
    ]


def test_admin_views_of_an_estonian_editor_have_no_russian_chrome(estonian_editor, estonian_pages):
    leaks = {}
    for url in admin_urls(estonian_pages):
        known = import_time_strings() if url == "/admin/redirects/" else ()
        found = russian_in_chrome(estonian_editor.get(url), known)
        if found:
            leaks[url] = found
    assert leaks == {}, json.dumps(leaks, ensure_ascii=False, indent=1)


def test_translation_editor_of_wagtail_localize_has_no_russian_chrome(
    estonian_editor, estonian_pages, locales
):
    """The Russian version of an Estonian call, in wagtail-localize's editor."""
    call = estonian_pages["call"]
    response = estonian_editor.post(
        f"/admin/localize/submit/page/{call.pk}/", {"locales": [locales["ru"].pk]}
    )
    assert response.status_code == 302
    russian = call.get_translation(locales["ru"])
    assert Translation.objects.filter(target_locale=locales["ru"]).exists()

    assert russian_in_chrome(estonian_editor.get(f"/admin/pages/{russian.pk}/edit/")) == []


def page_choosers(block):
    if isinstance(block, TypedPageChooserBlock):
        yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from page_choosers(child)
    if hasattr(block, "child_block"):
        yield from page_choosers(block.child_block)


@pytest.mark.django_db(False)
def test_words_wagtail_builds_once_per_process_follow_each_editors_language():
    """The snippets' breadcrumbs (built when the admin's URLs are first loaded) and a
    bulletin's page choosers (built when a bulletin is first edited), built while Russian is
    active, as in a process whose first editor was Russian, read Estonian to an Estonian."""
    choosers = list(page_choosers(BulletinPage.body.field.stream_block))
    assert len(choosers) >= 2
    with translation.override("ru"):
        breadcrumbs = Funder.snippet_viewset.breadcrumbs_items
        buttons = [chooser.widget.choose_one_text for chooser in choosers]
    with translation.override("et"):
        words = [str(item["label"]) for item in breadcrumbs] + [str(text) for text in buttons]

    assert all(words)
    assert CYRILLIC.findall(" ".join(words)) == []


@pytest.mark.parametrize(
    "url", ["/admin/jsi18n/", "/admin/localize/jsi18n/", "/admin/modeladmin/jsi18n/"]
)
def test_javascript_catalogues_of_the_admin_are_estonian(estonian_editor, url):
    response = estonian_editor.get(url)

    assert response.status_code == 200
    text = JSON_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), response.content.decode())
    assert CYRILLIC.findall(text) == []


def test_wagtail_speaks_estonian_to_the_editor(estonian_editor, estonian_pages):
    """The pages above are not empty of words: Wagtail's Estonian and Sild's are there."""
    response = estonian_editor.get(f"/admin/pages/{estonian_pages['call'].pk}/edit/")
    ours = {entry.msgid: entry.msgstr for entry in polib.pofile(str(admin_catalogue_path()))}
    # Variables, not literals: makemessages would take the literals for Sild's own strings.
    wagtails, sild = "Save draft", "Reading time"

    with translation.override("et"):
        assert translation.gettext(wagtails) in response.content.decode()
        assert translation.gettext(sild) == ours[sild] == "Lugemisaeg"
        assert translation.gettext(sild) in response.content.decode()


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_string_missing_from_the_apps_estonian_is_translated(domain):
    """A Wagtail (or other app) upgrade that brings new strings without Estonian fails here
    until `manage.py update_admin_catalogue` adds them and someone translates them."""
    path = admin_catalogue_path(domain)
    ours = {}
    if path.exists():
        ours = {
            (entry.msgctxt, entry.msgid): entry
            for entry in polib.pofile(str(path))
            if entry.translated()
        }

    untranslated = [
        msgid for (msgctxt, msgid) in missing_estonian(domain) if (msgctxt, msgid) not in ours
    ]
    assert untranslated == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_admin_catalogue_keeps_placeholders_and_plural_forms(domain):
    path = admin_catalogue_path(domain)
    placeholder = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[^{}]*\}|</?[a-zA-Z][^>]*>")
    broken = []
    for entry in polib.pofile(str(path)).translated_entries():
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
            # The singular may say "one" instead of a number.
            singular, plural = entry.msgstr_plural[0], entry.msgstr_plural[1]
            if not set(placeholder.findall(singular)) <= set(placeholder.findall(plural)):
                broken.append((entry.msgid, singular))
            pairs = [(entry.msgid_plural, plural)]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if sorted(placeholder.findall(source)) != sorted(placeholder.findall(text)):
                broken.append((source, text))
    assert broken == []
