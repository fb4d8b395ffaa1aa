from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .periods import Period

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2026-01-01.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2026-12-31.")},
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Choose a date between 2000 and 2100."))
        if self.errors:
            return cleaned
        end = cleaned.get("end") or Period.default().last
        start = cleaned.get("start") or Period.default(today=end).first
        if start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
            return cleaned
        cleaned["period"] = Period(start, end)
        return cleaned
