"""A model field for "several values from a fixed list" that every database can filter.

ArrayField is PostgreSQL-only and JSONField containment lookups do not work on SQLite, so the
values are stored comma-separated in a CharField. The Python value is a list of choice values in
the order of the choices; wagtail-localize synchronises it like any other plain field.
"""

from django import forms
from django.core import exceptions
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SEPARATOR = ","


class MultipleChoiceListField(models.CharField):
    description = _("Several values from a fixed list")

    default_error_messages = {
        "invalid_choice": _("%(value)s is not one of the available choices."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    # Conversion -------------------------------------------------------------------------

    def _order(self, values):
        known = [value for value, _label in self.flatchoices]
        unique = list(dict.fromkeys(values))
        return sorted(unique, key=lambda value: known.index(value) if value in known else 999)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [item for item in value.split(SEPARATOR) if item]
        return [str(item) for item in value]

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        if isinstance(value, list | tuple | set):
            return SEPARATOR.join(self._order([str(item) for item in value]))
        # A single value (a lookup's right-hand side) or an already joined string.
        return value

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    # Validation and forms ---------------------------------------------------------------

    def validate(self, value, model_instance):
        if not self.editable:
            return
        known = {choice for choice, _label in self.flatchoices}
        for item in value or []:
            if item not in known:
                raise exceptions.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        if not self.blank and not value:
            raise exceptions.ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        defaults = {
            "choices": self.choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        # Wagtail passes its own widget overrides for CharField; a list needs checkboxes.
        kwargs.pop("widget", None)
        defaults.update({key: value for key, value in kwargs.items() if key in {"required"}})
        return forms.TypedMultipleChoiceField(**defaults)

    def contains(self, value):
        """A filter for rows whose list contains ``value`` (exactly, not as a substring)."""
        name = self.name
        return (
            Q(**{name: value})
            | Q(**{f"{name}__startswith": f"{value}{SEPARATOR}"})
            | Q(**{f"{name}__endswith": f"{SEPARATOR}{value}"})
            | Q(**{f"{name}__contains": f"{SEPARATOR}{value}{SEPARATOR}"})
        )
