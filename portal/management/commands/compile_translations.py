from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def project_catalogues():
    """Every .po file Sild itself ships: under LOCALE_PATHS (locale/ and portal/admin_locale/)
    and in the locale/ directory of each project app. Third-party apps (in .venv) ship their
    own .mo files."""
    base = Path(settings.BASE_DIR).resolve()
    locale_dirs = [Path(path) for path in settings.LOCALE_PATHS]
    for app_config in apps.get_app_configs():
        app_path = Path(app_config.path).resolve()
        if base in app_path.parents and ".venv" not in app_path.relative_to(base).parts:
            locale_dirs.append(app_path / "locale")
    seen = set()
    for locale_dir in locale_dirs:
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            if po_path.resolve() not in seen:
                seen.add(po_path.resolve())
                yield po_path


class Command(BaseCommand):
    help = (
        "Compile Sild's gettext catalogues (LOCALE_PATHS and the project apps' locale/) into "
        ".mo files with polib, so that a machine without GNU gettext can run Sild. Up-to-date "
        ".mo files are left alone."
    )

    def handle(self, *args, **options):
        compiled = 0
        for po_path in project_catalogues():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
