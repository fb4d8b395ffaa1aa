"""Bounces and complaints reported by an e-mail service (django-anymail's tracking webhooks,
signature checked by anymail) suppress the address for later sends.

The webhooks live at ``/newsletter/anymail/<service>/tracking/`` (e.g. ``mailgun``); anymail
checks each service's signature (or the shared ``ANYMAIL_WEBHOOK_SECRET``) before any event
reaches ``suppress``.
"""

import logging

from anymail.signals import EventType, tracking
from django.dispatch import receiver
from django.utils import timezone

from .models import Subscriber

logger = logging.getLogger(__name__)

# A permanent bounce or a refusal by the service: the address does not work.
BOUNCES = {EventType.BOUNCED, EventType.REJECTED}
# The reader asked not to get it (a complaint, "this is spam", the service's unsubscribe).
COMPLAINTS = {EventType.COMPLAINED, EventType.UNSUBSCRIBED}


@receiver(tracking, dispatch_uid="bulletins.suppress")
def suppress(sender, event, esp_name, **kwargs):
    if event.event_type not in BOUNCES | COMPLAINTS or not event.recipient:
        return
    subscribers = Subscriber.objects.filter(email=event.recipient.strip().lower()).exclude(
        status=Subscriber.Status.UNSUBSCRIBED
    )
    if event.event_type in BOUNCES:
        changed = subscribers.update(status=Subscriber.Status.BOUNCED)
    else:
        changed = subscribers.update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
    if changed:
        logger.info("%s reported %s: address suppressed", esp_name, event.event_type)
