from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Membership


class MemberDecisionForm(forms.Form):
    """An owner's decision about one membership of their organisation. The membership is
    looked up among that organisation's only, so another organisation's id is not valid."""

    ACTIONS = [
        ("approve", _("Approve")),
        ("decline", _("Decline")),
        ("remove", _("Remove")),
    ]

    membership = forms.ModelChoiceField(
        queryset=Membership.objects.none(), widget=forms.HiddenInput
    )
    action = forms.ChoiceField(choices=ACTIONS)

    def __init__(self, *args, organisation, acting, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting = acting
        self.fields["membership"].queryset = Membership.objects.filter(organisation=organisation)

    def clean(self):
        cleaned = super().clean()
        membership, action = cleaned.get("membership"), cleaned.get("action")
        if membership is None or action is None:
            return cleaned
        if membership.pk == self.acting.pk:
            raise forms.ValidationError(_("You cannot change your own membership here."))
        if action in ("approve", "decline") and membership.status != Membership.Status.PENDING:
            raise forms.ValidationError(_("This request has already been answered."))
        if action in ("approve", "decline") and membership.awaits_portal_editor:
            raise forms.ValidationError(_("The portal's editors answer this request."))
        if action == "remove" and membership.status != Membership.Status.ACTIVE:
            raise forms.ValidationError(_("This person is not a member."))
        return cleaned
