"""The Estonian business register's open data for non-profits (``import_register``), and the
check a new organisation gets against it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import RegisterEntry
from .taxonomy import LegalForm

# The register's own words (its open data is in Estonian) and the plain English ones.
LEGAL_FORMS = {
    "mittetulundusühing": LegalForm.NON_PROFIT,
    "mtü": LegalForm.NON_PROFIT,
    "non-profit": LegalForm.NON_PROFIT,
    "non-profit association": LegalForm.NON_PROFIT,
    "sihtasutus": LegalForm.FOUNDATION,
    "sa": LegalForm.FOUNDATION,
    "foundation": LegalForm.FOUNDATION,
}
STATUSES = {
    "r": RegisterEntry.Status.REGISTERED,
    "registrisse kantud": RegisterEntry.Status.REGISTERED,
    "registered": RegisterEntry.Status.REGISTERED,
    "l": RegisterEntry.Status.LIQUIDATION,
    "likvideerimisel": RegisterEntry.Status.LIQUIDATION,
    "liquidation": RegisterEntry.Status.LIQUIDATION,
    "in liquidation": RegisterEntry.Status.LIQUIDATION,
    "k": RegisterEntry.Status.DELETED,
    "kustutatud": RegisterEntry.Status.DELETED,
    "deleted": RegisterEntry.Status.DELETED,
}
# Column names of the register's file, and the plain ones the README gives.
COLUMNS = {
    "name": ("name", "nimi"),
    "registry_code": ("registry_code", "ariregistri_kood", "registrikood"),
    "legal_form": ("legal_form", "ettevotja_oiguslik_vorm", "oiguslik_vorm"),
    "status": ("status", "ettevotja_staatus", "staatus"),
}


def legal_form(text):
    return LEGAL_FORMS.get((text or "").strip().casefold(), LegalForm.OTHER)


def status(text):
    return STATUSES.get((text or "").strip().casefold(), RegisterEntry.Status.OTHER)


@dataclass(frozen=True)
class Check:
    """What the register says of a code: ``registered``, ``deleted`` (or in liquidation),
    ``unknown`` (not in it) or ``none`` (no code: an informal group)."""

    verdict: str
    entry: RegisterEntry | None = None

    @property
    def flagged(self):
        return self.verdict in ("deleted", "unknown")

    @property
    def label(self):
        return {
            "registered": _("registered"),
            "deleted": _("not active in the register"),
            "unknown": _("not in the register"),
            "none": _("no registry code"),
        }[self.verdict]


def check(registry_code):
    if not registry_code:
        return Check("none")
    entry = RegisterEntry.objects.filter(registry_code=registry_code).first()
    if entry is None:
        return Check("unknown")
    return Check("registered" if entry.is_registered else "deleted", entry)


def checks(registry_codes):
    """``check`` for many codes in one query: ``{code: Check}``."""
    entries = {
        entry.registry_code: entry
        for entry in RegisterEntry.objects.filter(
            registry_code__in=[c for c in registry_codes if c]
        )
    }
    result = {}
    for code in registry_codes:
        entry = entries.get(code)
        if not code:
            result[code] = Check("none")
        elif entry is None:
            result[code] = Check("unknown")
        else:
            result[code] = Check("registered" if entry.is_registered else "deleted", entry)
    return result
