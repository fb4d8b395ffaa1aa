"""The filters of the events list, in the shape of the calls list's (``calls.filters``): valid
values narrow the list, unknown ones are ignored."""

from datetime import timedelta

from django import forms
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from calls.filters import ListFilterForm, sorted_choices
from directory.taxonomy import County, WorkingLanguage
from directory.vocabularies import activity_field_names, target_group_names
from portal.widgets import QuickSelect

from .models import ONLINE

PAST = "past"


class EventFilterForm(ListFilterForm):
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("", _("Coming events")), (PAST, _("Past events (archive)"))],
        required=False,
        widget=QuickSelect,
    )
    month = forms.ChoiceField(label=_("Month"), required=False, widget=QuickSelect)
    place = forms.ChoiceField(
        label=_("Where"),
        choices=[("", _("Anywhere")), (ONLINE, _("Online")), *County.choices],
        required=False,
        widget=QuickSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the event"),
        choices=[("", _("Any language")), *WorkingLanguage.choices],
        required=False,
        widget=QuickSelect,
    )
    field = forms.ChoiceField(label=_("Field of activity"), required=False, widget=QuickSelect)
    group = forms.ChoiceField(label=_("Target group"), required=False, widget=QuickSelect)

    filter_names = ("when", "month", "place", "language", "field", "group")

    def __init__(self, data=None, *, index_page):
        self.index_page = index_page
        super().__init__(data)

    def setup_choices(self):
        language = self.index_page.locale.language_code
        self.fields["field"].choices = [("", _("Any field"))] + sorted_choices(
            activity_field_names(language)
        )
        self.fields["group"].choices = [("", _("Anyone"))] + sorted_choices(
            target_group_names(language)
        )
        self.fields["month"].choices = [("", _("Any month"))] + [
            (f"{month:%Y-%m}", date_format(month, "YEAR_MONTH_FORMAT")) for month in self.months()
        ]

    def months(self):
        """Every month from the first to the last day of the events of the list being shown:
        the coming ones in order, the past ones newest first."""
        events = self.index_page.events()
        archive = self.data.get("when") == PAST
        events = events.past() if archive else events.upcoming()
        span = events.aggregate(first=Min("starts_at"), last=Max("ends_at"))
        if span["first"] is None:
            return []
        first, last = timezone.localtime(span["first"]), timezone.localtime(span["last"])
        month, months = first.date().replace(day=1), []
        while month <= last.date():
            months.append(month)
            month = (month + timedelta(days=31)).replace(day=1)
        return months[::-1] if archive else months

    @property
    def archive(self):
        return self.value("when") == PAST

    def filter(self, events):
        events = events.past() if self.archive else events.upcoming()
        if month := self.value("month"):
            year, number = (int(part) for part in month.split("-"))
            events = events.in_month(year, number)
        if place := self.value("place"):
            events = events.for_place(place)
        if language := self.value("language"):
            events = events.for_language(language)
        if field := self.value("field"):
            events = events.for_topic(field)
        if group := self.value("group"):
            events = events.for_group(group)
        if self.archive:
            return events.order_by("-starts_at", "-pk")
        return events.order_by("starts_at", "pk")
