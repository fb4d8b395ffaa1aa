"""Surveys (``home.FormPage``): the form the visitor fills in, and what the admin shows of
the answers.

Answers are counted over every language version of a survey. A translated question keeps
the source's ``clean_name``, and its choices are translated in the same order, so a Russian
"Поиск финансирования" and an Estonian "Rahastuse leidmine" are the same answer: the n-th
choice of their version. An answer that matches no choice of its version (a choice renamed
after it was given) is counted under its own text.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import FormBuilder

from portal.charts import Series, bars
from portal.forms import HONEYPOT, honeypot_field

CHOICE_TYPES = ("checkboxes", "radio", "dropdown", "multiselect")


class SurveyFormBuilder(FormBuilder):
    """Wagtail's form builder, plus a field people never see: robots that fill in every
    field give themselves away."""

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT] = honeypot_field()
        return fields


def choices_of(field):
    """A choice question's choices, in order, as the form builder splits them."""
    if field.field_type == "checkbox":
        return [True, False]
    return [value for value, _label in FormBuilder([]).get_formatted_field_choices(field)]


def _language_name(code):
    return get_language_info(code)["name_translated"]


def answer_charts(page, submissions):
    """One bar chart per choice question of ``page``, counting ``submissions`` of every
    language version of it, one series per language."""
    versions = {
        version.pk: version
        for version in page.get_translations(inclusive=True).select_related("locale").specific()
    }
    positions = {
        version_id: {
            field.clean_name: {choice: index for index, choice in enumerate(choices_of(field))}
            for field in version.get_form_fields()
        }
        for version_id, version in versions.items()
    }
    questions = [
        field
        for field in page.get_form_fields()
        if field.field_type in CHOICE_TYPES or field.field_type == "checkbox"
    ]
    order = [code for code, _name in settings.LANGUAGES]
    languages = sorted(
        {version.locale.language_code for version in versions.values()}, key=order.index
    )
    language_of = {pk: version.locale.language_code for pk, version in versions.items()}
    counts = {field.clean_name: defaultdict(lambda: defaultdict(int)) for field in questions}
    for page_id, data in submissions.values_list("page_id", "form_data").iterator():
        language = language_of.get(page_id)
        if language is None:
            continue
        for field in questions:
            answer = data.get(field.clean_name)
            values = answer if isinstance(answer, list) else [answer]
            for value in values:
                if value is None or value == "":
                    continue
                key = positions[page_id].get(field.clean_name, {}).get(value, str(value))
                counts[field.clean_name][key][language] += 1

    charts = []
    for number, field in enumerate(questions):
        by_answer = counts[field.clean_name]
        own = choices_of(field)
        keys = list(range(len(own))) + sorted(
            {key for key in by_answer if isinstance(key, str)}
            | {key for key in by_answer if isinstance(key, int) and key >= len(own)},
            key=str,
        )
        labels = [_label(key, own) for key in keys]
        series = [
            Series(_language_name(code), [by_answer[key][code] for key in keys])
            for code in languages
        ]
        summary = "; ".join(
            f"{label}: {sum(one.values[index] for one in series)}"
            for index, label in enumerate(labels)
        )
        charts.append(bars(f"question-{number}", field.label, summary, labels, series, _("Answer")))
    return charts


def _label(key, own):
    if isinstance(key, int) and key < len(own):
        choice = own[key]
        if choice is True:
            return _("Yes")
        if choice is False:
            return _("No")
        return choice
    return str(key)
