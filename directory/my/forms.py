from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.sanitise import clean_html, visible_text

from ..models import (
    JointProject,
    Membership,
    NewsItem,
    Organisation,
    OrganisationPage,
    ProjectPartner,
)
from ..validators import validate_registry_code
from .uploads import LogoField


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


def _page_field(name, **kwargs):
    return OrganisationPage._meta.get_field(name).formfield(**kwargs)


class ProfileForm(forms.Form):
    """The texts of one language version of a profile. A plain form over the page's fields
    (their limits and validators come from the model): the page is filled by ``apply``."""

    title = _page_field("title", label=_("Name of the organisation in this language"))
    short_name = _page_field("short_name")
    introduction = _page_field("introduction")
    description = _page_field("description")
    target_groups = _page_field("target_groups")
    partner_wanted = _page_field("partner_wanted")

    def __init__(self, *args, page=None, **kwargs):
        if page is not None:
            draft = page.get_latest_revision_as_object()
            kwargs.setdefault("initial", {name: getattr(draft, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)

    def apply(self, page):
        """Fill ``page`` with the texts; a machine-translated text that a person changed is
        no longer marked as machine-translated."""
        texts = ProfileForm.base_fields
        if any(self.cleaned_data[name] != getattr(page, name) for name in texts):
            page.machine_translated_from = ""
        for name in self.fields:
            setattr(page, name, self.cleaned_data[name])
        page.draft_title = page.title
        return page


class FirstVersionForm(ProfileForm):
    language = forms.ChoiceField(
        label=_("Language of the first profile version"),
        choices=settings.LANGUAGES,
        help_text=_("You can add the other languages once the profile is approved."),
    )
    field_order = ["language"]


class NewOrganisationForm(forms.ModelForm):
    """The facts of a new organisation; the register fills in the name and legal form."""

    class Meta:
        model = Organisation
        fields = [
            "registry_code",
            "registered_name",
            "legal_form",
            "county",
            "town",
            "works_in_russian",
            "works_in_estonian",
            "works_in_english",
            "other_languages",
            "email",
        ]

    def clean_registry_code(self):
        code = self.cleaned_data.get("registry_code") or None
        if code and Organisation.objects.filter(registry_code=code).exists():
            raise forms.ValidationError(
                _(
                    "This organisation is already in the directory. Ask to join it instead of "
                    "adding it again."
                ),
                code="registry_code_taken",
            )
        return code


class JoinForm(forms.Form):
    registry_code = forms.CharField(
        label=_("Registry code of the organisation"),
        max_length=8,
        validators=[validate_registry_code],
        help_text=_("Eight digits, for example 80012345."),
    )
    message = forms.CharField(
        label=_("Message to the organisation's owners (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who you are in the organisation. Up to 500 characters."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_registry_code(self):
        code = self.cleaned_data["registry_code"]
        organisation = Organisation.objects.filter(registry_code=code).first()
        if organisation is None:
            raise forms.ValidationError(
                _(
                    "No organisation with this registry code is in the directory. Check the "
                    "code, or add the organisation as a new one."
                ),
                code="unknown",
            )
        if Membership.objects.filter(organisation=organisation, user=self.user).exists():
            raise forms.ValidationError(
                _("You are already a member of this organisation, or have asked to be."),
                code="member",
            )
        self.organisation = organisation
        return code


def _https_by_default(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class FactsForm(forms.ModelForm):
    """The facts shared by every language version, and the logo. The register's facts (name,
    code, legal form) are the editors' to change."""

    logo_upload = LogoField(
        label=_("New logo"),
        help_text=_("PNG, JPEG, GIF or WebP; at most 2 MB and 4 million pixels."),
    )

    class Meta:
        model = Organisation
        fields = [
            "founding_year",
            "county",
            "town",
            "activity_fields",
            "works_in_russian",
            "works_in_estonian",
            "works_in_english",
            "other_languages",
            "email",
            "publish_email",
            "phone",
            "website",
            "social_links",
            "looking_for_partners",
        ]
        widgets = {"activity_fields": forms.CheckboxSelectMultiple}
        formfield_callback = _https_by_default


class NewsForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["language", "title", "text", "link", "event_date", "event_place"]
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 8}),
        }
        formfield_callback = _https_by_default

    def clean_text(self):
        text = clean_html(self.cleaned_data["text"])
        if not visible_text(text):
            raise forms.ValidationError(_("Write the text of the news item."), code="empty")
        return text


class ProjectForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Organisations in the directory. Each one confirms the project before it is shown."
        ),
    )

    class Meta:
        model = JointProject
        fields = ["title", "year", "partners", "funder", "description"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = (
            Organisation.objects.filter(is_listed=True)
            .exclude(pk=organisation.pk)
            .only("pk", "registered_name")
            .order_by("registered_name")
        )


class PartnerAnswerForm(forms.Form):
    """A partner's answer; the request is looked up among those addressed to the member's own
    organisation."""

    partner = forms.ModelChoiceField(
        queryset=ProjectPartner.objects.none(), widget=forms.HiddenInput
    )
    answer = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("decline", _("Decline"))])

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = ProjectPartner.objects.filter(
            organisation=organisation, status=ProjectPartner.Status.PENDING
        )
