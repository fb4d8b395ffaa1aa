"""The filters of the calls list: a GET form whose valid values narrow the list and whose
invalid ones are ignored (a stale or hand-edited URL shows the list, never an error page)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.vocabularies import activity_field_names
from portal.widgets import QuickSelect

from .models import REGION_CHOICES, ApplicantType, Funder
from .status import CallStatus

STATUS_CHOICES = [
    (CallStatus.OPEN.value, _("Open for applications")),
    (CallStatus.CLOSING_SOON.value, _("Closing within 7 days")),
    (CallStatus.UPCOMING.value, _("Not open yet")),
    (CallStatus.CLOSED.value, _("Closed")),
]
DEFAULT_STATUS = CallStatus.OPEN.value


def sorted_choices(names):
    """``{value: label}`` as choices in the alphabetical order of the labels."""
    return sorted(names.items(), key=lambda item: item[1].casefold())


class ListFilterForm(forms.Form):
    """A GET form of list filters: ``value(name)`` is a filter's valid value or "" (absent or
    unknown), ``has_filters()`` says whether any of ``filter_names`` narrows the list."""

    filter_names = ()

    def __init__(self, data=None):
        super().__init__(data)
        self.setup_choices()
        if data is not None:
            self.is_valid()

    def setup_choices(self):
        """Fill in the choices that depend on the database or the language."""

    def value(self, name):
        if not self.is_bound:
            return ""
        return self.cleaned_data.get(name) or ""

    def has_filters(self):
        return any(self.value(name) for name in self.filter_names)


class CallFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False, widget=QuickSelect
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=QuickSelect)
    funder = forms.ChoiceField(label=_("Funder"), required=False, widget=QuickSelect)
    eligible = forms.ChoiceField(
        label=_("Who may apply"),
        choices=[("", _("Anyone")), *ApplicantType.choices],
        required=False,
        widget=QuickSelect,
    )
    county = forms.ChoiceField(
        label=_("County"),
        choices=[("", _("Any county")), *REGION_CHOICES[1:]],
        required=False,
        widget=QuickSelect,
    )

    filter_names = ("topic", "funder", "eligible", "county")

    def __init__(self, data=None, *, locale, funders):
        """``funders``: the ``(slug, name)`` of the funders of ``locale`` (``funder_choices``)."""
        self.locale = locale
        self.funders = funders
        super().__init__(data)

    def setup_choices(self):
        self.fields["topic"].choices = [("", _("Any topic"))] + sorted_choices(
            activity_field_names(self.locale.language_code)
        )
        self.fields["funder"].choices = [("", _("Any funder")), *self.funders]

    @property
    def status_value(self):
        return self.value("status") or DEFAULT_STATUS

    def has_filters(self):
        return super().has_filters() or self.status_value != DEFAULT_STATUS

    def filter(self, calls):
        status = self.status_value
        calls = calls.accepting() if status == CallStatus.OPEN else calls.with_status(status)
        if topic := self.value("topic"):
            calls = calls.for_topic(topic)
        if funder := self.value("funder"):
            calls = calls.for_funder(funder)
        if eligible := self.value("eligible"):
            calls = calls.for_applicant(eligible)
        if county := self.value("county"):
            calls = calls.for_county(county)
        if status == CallStatus.CLOSED:
            return calls.order_by("-deadline", "pk")
        if status == CallStatus.UPCOMING:
            return calls.order_by("opens_at", "deadline", "pk")
        return calls.order_by("deadline", "pk")


def funder_choices(locale):
    """``(slug, name)`` of every funder of ``locale``, in the funders' order."""
    return list(Funder.objects.filter(locale=locale).values_list("slug", "name"))
