"""Sending a bulletin from its page in the admin: preview, test, audience, send, progress.

Who may publish the bulletin may send it. Nothing here sends mail inside the request: a test
is queued with ``portal.mail``, a campaign with ``sending.queue_campaign``, both on commit.
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.mail import send_email_on_commit
from portal.ratelimit import allow

from . import sending
from .models import BulletinPage, Campaign, Topic
from .rendering import BulletinMail, language_versions, render_bulletin, version_for
from .tasks import test_message

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def bulletin_for(request, page_id):
    page = get_object_or_404(BulletinPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return page


def campaign_for(request, campaign_id):
    campaign = get_object_or_404(Campaign.objects.select_related("page"), pk=campaign_id)
    bulletin_for(request, campaign.page_id)
    return campaign


class TestSendForm(forms.Form):
    address = forms.EmailField(label=_("Send a test to"))
    language = forms.ChoiceField(label=_("Language version"), choices=settings.LANGUAGES)


class SendForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Subscribers reading"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Only subscribers interested in"),
        help_text=_(
            "None chosen: every subscriber. Subscribers who chose no topic get every issue."
        ),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("now", _("Now")), ("later", _("At a chosen time"))],
        widget=forms.RadioSelect,
        initial="now",
    )
    send_at = forms.DateTimeField(
        label=_("Date and time (Estonian time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    confirm_stale = forms.BooleanField(
        label=_("Send the versions that are older than their source as they are"),
        required=False,
    )
    send_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.states = {state.language: state for state in states}

    def clean(self):
        data = super().clean()
        if data.get("when") == "later":
            send_at = data.get("send_at")
            if send_at is None:
                self.add_error("send_at", _("Give the date and time to send at."))
            elif send_at <= timezone.now():
                self.add_error("send_at", _("This time has passed: choose a time to come."))
        else:
            data["send_at"] = None
        stale = [
            str(self.states[code].name)
            for code in data.get("languages", [])
            if self.states[code].stale
        ]
        if stale and not data.get("confirm_stale"):
            self.add_error(
                "confirm_stale",
                _(
                    "These versions are older than their source: %(languages)s. Update them "
                    "first, or confirm that they go out as they are."
                )
                % {"languages": ", ".join(stale)},
            )
        return data


class SendView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "bulletins/admin/send.html"
    header_icon = "mail"

    def dispatch(self, request, page_id):
        self.page = bulletin_for(request, page_id)
        self.states = sending.version_states(self.page)
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Send “%(title)s”") % {"title": self.page.get_admin_display_title()}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.page},
            {"url": "", "label": _("Send")},
        ]

    def get(self, request, page_id):
        return self.render_to_response(self.get_context_data())

    def post(self, request, page_id):
        if request.POST.get("action") == "test":
            return self.send_test()
        return self.send()

    def send_test(self):
        form = TestSendForm(self.request.POST, prefix="test")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(test_form=form))
        address = form.cleaned_data["address"]
        if not allow(self.request, "bulletin_test", recipient=address):
            form.add_error(None, _("Too many tests were sent; try again later."))
            return self.render_to_response(self.get_context_data(test_form=form))
        send_email_on_commit(
            test_message,
            page_id=self.page.pk,
            language=form.cleaned_data["language"],
            to=address,
        )
        messages.success(
            self.request, _("A test is on its way to %(address)s.") % {"address": address}
        )
        return redirect("bulletins_send", self.page.pk)

    def send(self):
        form = SendForm(self.request.POST, states=self.states, prefix="send")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(send_form=form))
        data = form.cleaned_data
        try:
            campaign, _created = sending.queue_campaign(
                self.page,
                languages=data["languages"],
                topics=data["topics"],
                send_at=data["send_at"],
                allow_stale=data["confirm_stale"],
                user=self.request.user,
                send_key=data["send_key"],
            )
        except sending.CannotSend as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(send_form=form))
        return redirect("bulletins_progress", campaign.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = sending.audience_counts(LANGUAGE_CODES)
        context.update(
            page=self.page,
            states=self.states,
            rows=[
                {
                    "state": state,
                    "readers": counts[state.language],
                    "preview_url": reverse(
                        "bulletins_preview", args=[self.page.pk, state.language]
                    ),
                }
                for state in self.states
            ],
            any_stale=any(state.stale for state in self.states),
            campaigns=self.page.campaigns.order_by("-created_at")[:10],
        )
        context.setdefault(
            "test_form",
            TestSendForm(
                prefix="test",
                initial={"address": self.request.user.email, "language": "ru"},
            ),
        )
        context.setdefault(
            "send_form",
            SendForm(
                prefix="send",
                states=self.states,
                initial={"languages": LANGUAGE_CODES, "send_key": uuid.uuid4()},
            ),
        )
        return context


def preview(request, page_id, language):
    """The e-mail as the readers of ``language`` will get it (the latest revision), with the
    reader's own links pointing at the web version; ``?format=text`` for the plain part."""
    page = bulletin_for(request, page_id)
    if language not in LANGUAGE_CODES:
        raise Http404
    version = version_for(page, language, language_versions(page, live=False))
    mail = BulletinMail(render_bulletin(version, draft=True))
    html, text = mail.rendered.with_links(mail.links_for(None))
    if request.GET.get("format") == "text":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return HttpResponse(html)


class ProgressView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "bulletins/admin/progress.html"
    header_icon = "mail"

    def dispatch(self, request, campaign_id):
        self.campaign = campaign_for(request, campaign_id)
        return super().dispatch(request, campaign_id)

    def get_page_title(self):
        return _("Sending “%(title)s”") % {"title": self.campaign.page.get_admin_display_title()}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.campaign.page_id]),
                "label": self.campaign.page,
            },
            {"url": reverse("bulletins_send", args=[self.campaign.page_id]), "label": _("Send")},
            {"url": "", "label": _("Progress")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.campaign,
            progress=sending.progress(self.campaign),
            json_url=reverse("bulletins_progress_json", args=[self.campaign.pk]),
            can_pause=self.campaign.status in (Campaign.Status.SCHEDULED, Campaign.Status.SENDING),
            can_resume=self.campaign.status == Campaign.Status.PAUSED,
            can_cancel=self.campaign.status
            in (Campaign.Status.SCHEDULED, Campaign.Status.SENDING, Campaign.Status.PAUSED),
        )
        return context


def progress_json(request, campaign_id):
    campaign = campaign_for(request, campaign_id)
    return JsonResponse(sending.progress(campaign))


ACTIONS = {
    "pause": (sending.pause, _("Sending paused.")),
    "resume": (sending.resume, _("Sending resumed.")),
    "cancel": (sending.cancel, _("Campaign cancelled: nobody else will get it.")),
}


@require_POST
def campaign_action(request, campaign_id, action):
    campaign = campaign_for(request, campaign_id)
    if action not in ACTIONS:
        raise Http404
    change, done = ACTIONS[action]
    if change(campaign):
        messages.success(request, done)
    else:
        messages.warning(request, _("The campaign had already moved on; nothing was changed."))
    return redirect("bulletins_progress", campaign.pk)
