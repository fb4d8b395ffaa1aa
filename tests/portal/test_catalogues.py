import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["ru", "et"]


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    po = catalogue(language)

    assert len(po.translated_entries()) > 0
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_every_plural_form(language):
    po = catalogue(language)
    forms = {"ru": 3, "et": 2}[language]

    incomplete = [
        entry.msgid
        for entry in po.translated_entries()
        if entry.msgid_plural
        and (len(entry.msgstr_plural) != forms or not all(entry.msgstr_plural.values()))
    ]
    assert incomplete == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_contain_every_string_of_the_code(tmp_path):
    """Regenerate the catalogues from the code into a copy of the project and compare: a
    string added to the code or a template without a catalogue entry fails here."""
    copy = tmp_path / "project"
    root = Path(settings.BASE_DIR)
    ignore = shutil.ignore_patterns(
        ".venv", "var", ".git", "__pycache__", "*.mo", "static", "bench"
    )
    shutil.copytree(root, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "ru",
            "--locale",
            "et",
            "--no-location",
            "--ignore",
            "tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
    )
    for language in LANGUAGES:
        fresh = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [entry.msgid for entry in fresh if not entry.obsolete and not entry.translated()]
        assert missing == [], f"{language}: strings without a translation"
