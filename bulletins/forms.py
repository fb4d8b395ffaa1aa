from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.forms import HoneypotMixin

from .models import Subscriber, Topic


class SubscriptionChoicesForm(forms.Form):
    """What a subscriber chooses, on the subscription form and on the preferences page."""

    language = forms.ChoiceField(
        label=_("Language of the bulletin"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language of the bulletin.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    kind = forms.ChoiceField(
        label=_("You read it as"),
        choices=Subscriber.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what describes you best.")},
    )


class SubscribeForm(HoneypotMixin, SubscriptionChoicesForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, for example name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email", "language", "topics", "kind"]

    def clean_email(self):
        return Subscriber.normalise_email(self.cleaned_data["email"])
