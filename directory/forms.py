from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import HoneypotMixin
from portal.validators import validate_single_line
from portal.widgets import QuickEmailInput, QuickTextarea, QuickTextInput


class ContactForm(HoneypotMixin, forms.Form):
    """A message to an organisation, relayed through the portal."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        validators=[validate_single_line],
        widget=QuickTextInput,
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        widget=QuickEmailInput,
        help_text=_(
            "The organisation replies to this address; you get a notice that your message went out."
        ),
    )
    organisation = forms.CharField(
        label=_("Your organisation (optional)"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        widget=QuickTextInput,
    )
    message = forms.CharField(
        label=_("Message"),
        min_length=20,
        max_length=3000,
        widget=QuickTextarea(attrs={"rows": 6}),
        help_text=_("Up to 3,000 characters."),
    )
