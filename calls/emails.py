"""The e-mails of following a call, each rendered in the language of the call's page."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.mail import email_builder

from .models import CallFollower
from .tokens import confirm_token, stop_token


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _absolute_url(url):
    return absolute(url) if url.startswith("/") else url


def confirm_url(follower):
    with translation.override(follower.language):
        return absolute(reverse("calls:confirm_follow", args=[confirm_token(follower)]))


def stop_url(follower):
    with translation.override(follower.language):
        return absolute(reverse("calls:stop_following", args=[stop_token(follower)]))


def _message(subject, template, context, to, headers=None):
    text = render_to_string(f"calls/email/{template}.txt", context)
    html = render_to_string(f"calls/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], headers=headers or {}, from_email=None
    )
    message.attach_alternative(html, "text/html")
    return message


@email_builder
def confirmation_message(follower_id):
    follower = (
        CallFollower.objects.select_related("call", "call__locale")
        .filter(pk=follower_id, confirmed_at__isnull=True)
        .first()
    )
    if follower is None:  # confirmed or stopped since the request
        return None
    call = follower.call
    with translation.override(follower.language):
        context = {
            "call": call,
            "call_url": call.get_full_url(),
            "confirm_url": confirm_url(follower),
            "language_code": follower.language,
        }
        subject = gettext("Confirm that you want reminders about “%(title)s”") % {
            "title": call.title
        }
        return _message(subject, "confirm_follow", context, follower.email)


def reminder_message(follower, kind, now=None):
    call = follower.call
    domain = settings.WAGTAILADMIN_BASE_URL.split("://")[-1].split("/")[0].split(":")[0]
    with translation.override(follower.language):
        countdown = call.countdown(now)
        unsubscribe = stop_url(follower)
        context = {
            "call": call,
            "call_url": call.get_full_url(),
            "calendar_url": _absolute_url(call.calendar_url()),
            "stop_url": unsubscribe,
            "countdown": countdown,
            "deadline": timezone.localtime(call.deadline),
            "language_code": follower.language,
        }
        subject = gettext("Reminder: “%(title)s” %(countdown)s") % {
            "title": call.title,
            "countdown": countdown,
        }
        headers = {
            # RFC 8058: a mail client may stop the reminders with one POST, no page visit.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Sild call reminders <call-reminders.{domain}>",
            "Auto-Submitted": "auto-generated",
            # The same reminder always has the same id, so a client would fold a duplicate.
            "Message-ID": f"<call-{call.pk}-follower-{follower.pk}-{kind}@{domain}>",
        }
        return _message(subject, "reminder", context, follower.email, headers)
