"""Subscribing to the bulletin, double opt-in, leaving, preferences and the subscriber's data.

One row per address (normalised, unique) lives from the first sign-up to the deletion of the
data: leaving keeps the row as ``unsubscribed`` so that nothing is ever sent to it again (an
import of an old list included), and signing up again turns the same row back into a pending
sign-up with a new consent record. The sign-up answers the same whether the address was new,
pending, confirmed or gone, and the mail it sends (a confirmation link, or for a confirmed
address a note with the preferences link) is limited per recipient.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from portal.mail import send_email_on_commit
from portal.ratelimit import allow_subject

from .emails import already_subscribed_message, confirmation_message
from .models import Subscriber
from .subscriber_tasks import schedule_purge

CHOICES = ("language", "topics", "kind")


def consent_wording():
    """The consent sentence shown above the button, in the active language. A sign-up records
    exactly this text as the wording the person agreed to."""
    return gettext(
        "By pressing “Subscribe” I agree that the Sild network keeps my e-mail address, "
        "language, topics and what describes me, only to send me the weekly bulletin. "
        "Nothing is recorded about whether I open it or what I click. I can change my "
        "choices, download or delete my data, or leave at any time through the links in "
        "every e-mail."
    )


def sign_up(email, choices, consent_text, consent_source):
    """Record a sign-up and queue the mail it calls for. Returns nothing on purpose: the
    caller's answer must not depend on what the address was before."""
    now = timezone.now()
    consent = {
        "consented_at": now,
        "consent_text": consent_text,
        "consent_source": consent_source[:200],
    }
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={**choices, **consent, "status": Subscriber.Status.PENDING}
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            # Their choices stay as they are: anyone can type an address into the form.
            builder = already_subscribed_message
        else:
            if not created:
                for name, value in {**choices, **consent}.items():
                    setattr(subscriber, name, value)
                subscriber.status = Subscriber.Status.PENDING
                subscriber.confirmed_at = None
                subscriber.unsubscribed_at = None
                subscriber.save()
            builder = confirmation_message
        if allow_subject("subscribe", "recipient", email):
            send_email_on_commit(builder, subscriber_id=subscriber.pk)
        transaction.on_commit(schedule_purge)


def confirm(subscriber):
    """Confirm a pending sign-up; True when this call confirmed it. Someone who left since
    asking is not subscribed again by an old link."""
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
            status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now(), hard_bounces=0
        )
    )


def unsubscribe(subscriber):
    """Stop every further mail to the subscriber; safe to repeat."""
    Subscriber.objects.filter(pk=subscriber.pk).exclude(
        status=Subscriber.Status.UNSUBSCRIBED
    ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())


def update_choices(subscriber, choices):
    for name in CHOICES:
        setattr(subscriber, name, choices[name])
    subscriber.save(update_fields=CHOICES)


def _iso(moment):
    return moment.isoformat() if moment else None


def personal_data(subscriber):
    """Everything kept about the subscriber, as a JSON-serialisable dict."""
    deliveries = subscriber.deliveries.select_related("campaign__page").order_by("pk")
    return {
        "subscriber": {
            "email": subscriber.email,
            "language": subscriber.language,
            "topics": subscriber.topics,
            "kind": subscriber.kind,
            "status": subscriber.status,
            "signed_up_at": _iso(subscriber.created_at),
            "confirmed_at": _iso(subscriber.confirmed_at),
            "unsubscribed_at": _iso(subscriber.unsubscribed_at),
            "hard_bounces": subscriber.hard_bounces,
        },
        "consent": {
            "given_at": _iso(subscriber.consented_at),
            "wording": subscriber.consent_text,
            "source": subscriber.consent_source,
        },
        "deliveries": [
            {
                "bulletin": delivery.campaign.page.title,
                "issue_date": _iso(delivery.campaign.page.issue_date),
                "language": delivery.language,
                "status": delivery.status,
                "queued_at": _iso(delivery.campaign.created_at),
                "sent_at": _iso(delivery.sent_at),
            }
            for delivery in deliveries
        ],
    }


def delete_data(subscriber):
    """Delete the subscriber and their deliveries; nothing about them is kept."""
    with transaction.atomic():
        subscriber.delete()
