"""The Estonian that Wagtail and the other third-party apps of the admin lack.

Django falls back to ``settings.LANGUAGE_CODE`` (Russian) for a string that has no Estonian
translation, so every admin string missing from Wagtail's Estonian catalogue was shown to an
Estonian editor in Russian. Sild translates those strings itself in
``portal/admin_locale/et/LC_MESSAGES/{django,djangojs}.po``, a directory in ``LOCALE_PATHS``
(so its entries win over the apps' catalogues, and the JavaScript catalogues of the admin
read it too). It is not called ``locale``: ``makemessages`` would take a directory of that name
inside the project for the catalogue of the files beside it and rewrite it.

``manage.py update_admin_catalogue`` adds the strings a new Wagtail brings; the test in
tests/portal/test_admin_estonian.py fails until they are translated.
"""

import re
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

ADMIN_LOCALE_DIR = Path(settings.BASE_DIR) / "portal" / "admin_locale"
LANGUAGE = "et"
FALLBACK_LANGUAGE = "ru"

PYTHON_FORMAT = re.compile(r"%(\([^)]+\))?[sdif]")

# The apps whose JavaScript catalogue the admin loads (JavaScriptCatalog(packages=[...])):
# each is merged with LOCALE_PATHS only, and falls back to its own Russian.
JAVASCRIPT_PACKAGES = ("wagtail.admin", "wagtail_localize", "wagtail_modeladmin")


def admin_catalogue_path(domain="django", language=LANGUAGE):
    return ADMIN_LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def _is_project_app(app_config):
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return base in path.parents and ".venv" not in path.relative_to(base).parts


def _third_party_locale_dirs(packages=None):
    """The locale directories of Django itself and of every installed third-party app, in
    INSTALLED_APPS order (or of the given packages only)."""
    if packages is None:
        import django

        dirs = [Path(django.__file__).parent / "conf" / "locale"]
        configs = [config for config in apps.get_app_configs() if not _is_project_app(config)]
    else:
        dirs = []
        configs = [config for config in apps.get_app_configs() if config.name in packages]
    return dirs + [Path(config.path) / "locale" for config in configs]


def _translated(locale_dirs, language, domain):
    """{(msgctxt, msgid): entry} of the compiled catalogues (what Django serves: a .mo file
    holds translated, non-fuzzy entries only). The first directory wins, as in Django."""
    entries = {}
    for locale_dir in locale_dirs:
        mo_path = locale_dir / language / "LC_MESSAGES" / f"{domain}.mo"
        if not mo_path.exists():
            continue
        for entry in polib.mofile(str(mo_path)):
            if entry.msgid:
                entries.setdefault((entry.msgctxt, entry.msgid), entry)
    return entries


def missing_estonian(domain="django"):
    """The strings that the third-party apps translate into Russian but not into Estonian:
    without Sild's admin catalogue an Estonian editor sees them in Russian.

    Returns {(msgctxt, msgid): Russian entry}. Sild's own catalogues are left out on purpose,
    so that the admin catalogue stays complete whatever happens to them."""
    if domain == "django":
        groups = [_third_party_locale_dirs()]
    else:
        groups = [_third_party_locale_dirs([package]) for package in JAVASCRIPT_PACKAGES]
    missing = {}
    for locale_dirs in groups:
        russian = _translated(locale_dirs, FALLBACK_LANGUAGE, domain)
        estonian = _translated(locale_dirs, LANGUAGE, domain)
        for key, entry in russian.items():
            if key not in estonian:
                missing.setdefault(key, entry)
    return missing


def new_catalogue(domain):
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": "Sild admin (Wagtail and third-party apps)",
        "PO-Revision-Date": "2026-11-28 05:30+0200",
        "Last-Translator": "Sild <sild@example.org>",
        "Language-Team": "Estonian",
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    po.header = (
        "Estonian for the strings that Wagtail and the other apps of the admin leave\n"
        "untranslated (Django would show them in Russian, the default language).\n"
        "Update the list with `manage.py update_admin_catalogue` (portal/admin_catalogue.py)."
    )
    return po


def update_catalogue(domain="django"):
    """Add the missing strings to the admin catalogue (untranslated), drop the ones no app
    needs any more, keep every translation. Returns (added, removed)."""
    path = admin_catalogue_path(domain)
    po = polib.pofile(str(path), wrapwidth=100) if path.exists() else new_catalogue(domain)
    missing = missing_estonian(domain)
    existing = {(entry.msgctxt, entry.msgid): entry for entry in po}
    removed = [entry for key, entry in existing.items() if key not in missing]
    for entry in removed:
        po.remove(entry)
    added = 0
    for (msgctxt, msgid), russian in sorted(missing.items(), key=lambda item: item[0][1]):
        if (msgctxt, msgid) in existing:
            continue
        entry = polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr="")
        if russian.msgid_plural:
            entry.msgid_plural = russian.msgid_plural
            entry.msgstr_plural = {0: "", 1: ""}
        if PYTHON_FORMAT.search(msgid):
            entry.flags.append("python-format")
        po.append(entry)
        added += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return added, len(removed)
