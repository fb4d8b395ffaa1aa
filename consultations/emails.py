"""The e-mails of consultation requests, each built in the worker (``portal.mail``).

The confirmation goes to whatever address was typed into a public form, so it repeats
nothing the visitor wrote: only the choices they made from our lists. Otherwise anyone could
make the portal send any text, from its own domain, to any address.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.mail import email_builder

from .models import ConsultationReply, ConsultationRequest
from .staff import admin_language


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _request(request_id):
    return (
        ConsultationRequest.objects.select_related("organisation")
        .filter(pk=request_id, anonymised_at__isnull=True)
        .first()
    )


def _message(subject, template, context, to, language, reply_to=None):
    return EmailMessage(
        subject=subject,
        body=render_to_string(f"consultations/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=reply_to,
        headers={"Content-Language": language},
    )


@email_builder
def confirmation_to_requester(request_id):
    consultation = _request(request_id)
    if consultation is None or not consultation.email:
        return None
    with translation.override(consultation.language):
        context = {
            "consultation": consultation,
            "form_url": absolute(reverse("consultations:request")),
        }
        return _message(
            _("We have received your consultation request"),
            "confirmation",
            context,
            consultation.email,
            consultation.language,
        )


@email_builder
def notification_to_staff(request_id, user_id):
    consultation = _request(request_id)
    user = (
        get_user_model()
        .objects.select_related("wagtail_userprofile")
        .filter(pk=user_id, is_active=True)
        .first()
    )
    if consultation is None or user is None or not user.email:
        return None
    language = admin_language(user)
    with translation.override(language):
        context = {
            "consultation": consultation,
            "admin_url": absolute(
                reverse("consultations_consultationrequest_modeladmin_edit", args=[consultation.pk])
            ),
        }
        subject = _("New consultation request: %(topic)s, %(channel)s") % {
            "topic": consultation.get_topic_display(),
            "channel": consultation.get_channel_display(),
        }
        return _message(subject, "notification", context, user.email, language)


@email_builder
def reply_to_requester(reply_id):
    reply = (
        ConsultationReply.objects.select_related("request", "author")
        .filter(pk=reply_id, request__anonymised_at__isnull=True)
        .first()
    )
    if reply is None or not reply.sent_to:
        return None
    consultation = reply.request
    author = reply.author
    with translation.override(consultation.language):
        context = {
            "reply": reply,
            "consultation": consultation,
            "author_name": (author.get_full_name() or author.get_username()) if author else "",
        }
        return _message(
            _("Re: your consultation request"),
            "reply",
            context,
            reply.sent_to,
            consultation.language,
            reply_to=[author.email] if author and author.email else None,
        )
