from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from portal.forms import HoneypotMixin

from .models import Channel, ConsultationRequest

CONSENT_TEXT = _(
    "I agree that the network keeps these details to answer my request. They are anonymised "
    "once the retention period is over."
)


def organisation_choices(user):
    """The organisations a signed-in person may name as their own: those listed in the
    directory (until memberships say which are theirs)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(is_listed=True).only("pk", "registered_name")


class ConsultationForm(HoneypotMixin, forms.ModelForm):
    """The public request form. Signed-in people may pick their organisation from the
    directory instead of typing its name."""

    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={
            "required": _("We can answer only if you agree that we keep these details.")
        },
    )

    class Meta:
        model = ConsultationRequest
        fields = [
            "name",
            "email",
            "organisation",
            "organisation_name",
            "topic",
            "channel",
            "phone",
            "language",
            "message",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail"),
            "organisation": _("Your organisation in the directory"),
            "organisation_name": _("Your organisation (optional)"),
            "topic": _("What is your question about?"),
            "channel": _("How would you like to be advised?"),
            "phone": _("Phone number"),
            "language": _("In which language?"),
            "message": _("Your question"),
        }
        help_texts = {
            "email": _("We answer to this address and send you a confirmation now."),
            "phone": _("Needed if you prefer a phone call."),
            "message": _("Up to 3,000 characters."),
        }
        widgets = {
            "topic": forms.RadioSelect,
            "channel": forms.RadioSelect,
            "language": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "message"):
            self.fields[name].required = True
        for name in ("topic", "channel", "language"):
            # Radio buttons with no "---------" choice: one of them must be picked.
            field = self.fields[name]
            field.choices = [choice for choice in field.choices if choice[0]]
        choices = organisation_choices(user)
        if user.is_authenticated:
            self.fields["organisation"].queryset = choices
            self.fields["organisation"].empty_label = _("— not listed, or typed below —")
            self.fields["organisation"].required = False
        else:
            del self.fields["organisation"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == Channel.PHONE and not cleaned.get("phone"):
            self.add_error("phone", _("Enter a phone number so that we can call you."))
        organisation = cleaned.get("organisation")
        if organisation is not None and not cleaned.get("organisation_name"):
            cleaned["organisation_name"] = organisation.registered_name
        return cleaned
