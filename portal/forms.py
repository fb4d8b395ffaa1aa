from django import forms
from django.utils.translation import gettext_lazy as _

from .widgets import QuickTextInput

HONEYPOT = "homepage"


def honeypot_field():
    """A field people never see (templates hide it with CSS and aria-hidden): robots that fill
    in every field give themselves away."""
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=QuickTextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def is_spam(form):
    return bool(form.data.get(HONEYPOT))


class HoneypotMixin(forms.Form):
    """Every public form's honeypot, under one name, checked one way: ``form.is_spam()``."""

    homepage = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Last, after the fields people fill in.
        self.fields[HONEYPOT] = self.fields.pop(HONEYPOT)

    def is_spam(self):
        return is_spam(self)
