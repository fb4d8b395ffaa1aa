"""The admin's edit form of a request: handling fields, and a reply that is e-mailed to the
person when the form is saved and kept with the request."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

from portal.mail import send_email_on_commit

from .emails import reply_to_requester
from .models import ConsultationReply, Status
from .staff import handlers


class ConsultationAdminForm(WagtailAdminModelForm):
    reply = forms.CharField(
        label=_("Reply by e-mail"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Sent to the person's address, in their language, when you save, and kept with the "
            "request under “Replies sent”. A new or in-progress request then counts as "
            "answered."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = handlers()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reply") and not cleaned.get("email"):
            self.add_error("reply", _("This request has no e-mail address to reply to."))
        return cleaned

    def save(self, commit=True):
        text = self.cleaned_data.get("reply", "").strip()
        with transaction.atomic():
            consultation = super().save(commit=commit)
            if commit and text:
                reply = ConsultationReply.objects.create(
                    request=consultation,
                    author=self.for_user,
                    body=text,
                    sent_to=consultation.email,
                )
                if consultation.status in (Status.NEW, Status.IN_PROGRESS):
                    consultation.status = Status.ANSWERED
                    consultation.save(update_fields=["status", "updated_at"])
                send_email_on_commit(reply_to_requester, reply_id=reply.pk)
        return consultation


class RepliesPanel(Panel):
    """The replies already sent, oldest first, read-only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/replies_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["replies"] = self.instance.replies.select_related("author")
            return context
