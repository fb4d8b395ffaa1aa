"""The e-mails of subscribing, each in the subscriber's language: the confirmation link, and
the note an already subscribed address gets instead (so that the form reveals nothing)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from portal.mail import email_builder

from .models import Subscriber
from .tokens import CONFIRM, PREFERENCES, UNSUBSCRIBE, token_url


def _message(subscriber, subject, template, context):
    context = {**context, "subscriber": subscriber, "language_code": subscriber.language}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"bulletins/email/{template}.txt", context),
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": subscriber.language},
    )
    message.attach_alternative(
        render_to_string(f"bulletins/email/{template}.html", context), "text/html"
    )
    return message


@email_builder
def confirmation_message(subscriber_id):
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:  # confirmed, gone or purged since the request
        return None
    with translation.override(subscriber.language):
        return _message(
            subscriber,
            gettext("Confirm your subscription to the Sild bulletin"),
            "subscriber_confirm",
            {"confirm_url": token_url(subscriber, CONFIRM)},
        )


@email_builder
def already_subscribed_message(subscriber_id):
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.CONFIRMED
    ).first()
    if subscriber is None:
        return None
    with translation.override(subscriber.language):
        return _message(
            subscriber,
            gettext("You already get the Sild bulletin"),
            "subscriber_already_subscribed",
            {
                "preferences_url": token_url(subscriber, PREFERENCES),
                "unsubscribe_url": token_url(subscriber, UNSUBSCRIBE),
            },
        )
