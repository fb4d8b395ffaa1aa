"""Sending the reminders that followers of a call get 7 days and 1 day before its deadline.

A reminder is due when its moment (deadline − 7 days, deadline − 1 day) has come, the next
reminder's moment has not, the call has not closed, the call page is live and the follower had
confirmed before that moment (someone who starts following 3 days before the deadline gets only
the 1-day reminder). Each (follower, kind) is claimed by inserting a CallReminder row with a
lease before the message goes out; the unique constraint makes any concurrent or repeated run
skip it, and a claim left unsent by a worker that died is taken again when its lease expires.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from portal.leases import free_at
from portal.mail import PermanentFailure, deliver
from portal.scheduling import queue_run

from .emails import reminder_message
from .models import CallFollower, CallReminder
from .status import utc

logger = logging.getLogger(__name__)

# kind -> (how long before the deadline it is due, the next kind's offset or None)
SCHEDULE = {
    CallReminder.Kind.WEEK: (timedelta(days=7), timedelta(days=1)),
    CallReminder.Kind.DAY: (timedelta(days=1), None),
}


def lease():
    return timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)


def due_followers(kind, now):
    offset, next_offset = SCHEDULE[kind]
    moment = ExpressionWrapper(F("call__deadline") - offset, output_field=DateTimeField())
    done_or_held = CallReminder.objects.filter(follower=OuterRef("pk"), kind=kind).filter(
        Q(sent_at__isnull=False) | Q(leased_until__gte=now)
    )
    return (
        CallFollower.objects.filter(
            confirmed_at__isnull=False,
            call__live=True,
            call__deadline__gt=now + (next_offset or timedelta(0)),
            call__deadline__lte=now + offset,
        )
        .alias(moment=moment)
        .filter(confirmed_at__lte=F("moment"))
        .filter(~Exists(done_or_held))
        .select_related("call", "call__locale", "call__funder")
        .order_by("pk")
    )


def _claim(follower, kind, now):
    token = uuid.uuid4()
    until = now + lease()
    try:
        with transaction.atomic():
            return CallReminder.objects.create(
                follower=follower, kind=kind, lease_token=token, leased_until=until
            )
    except IntegrityError:
        pass
    # A claim exists: take it over only if it was never sent and its lease has expired.
    taken = (
        CallReminder.objects.filter(follower=follower, kind=kind, sent_at__isnull=True)
        .filter(free_at(now))
        .update(lease_token=token, leased_until=until)
    )
    return CallReminder.objects.get(lease_token=token) if taken else None


def send_due_reminders(now=None):
    """Send every reminder that is due; return how many were sent."""
    now = utc(now)
    sent = 0
    for kind in SCHEDULE:
        for follower in due_followers(kind, now):
            claim = _claim(follower, kind, now)
            if claim is None:
                continue  # another run got there first
            try:
                deliver(reminder_message(follower, kind, now))
            except (PermanentFailure, OSError):
                # Not delivered: release the claim so that the next run tries again.
                logger.exception("Reminder %s to follower %s failed", kind, follower.pk)
                CallReminder.objects.filter(pk=claim.pk).update(lease_token=None, leased_until=None)
                continue
            CallReminder.objects.filter(pk=claim.pk).update(
                sent_at=timezone.now(), lease_token=None, leased_until=None
            )
            sent += 1
    return sent


def has_due_reminders(now=None):
    now = utc(now)
    return any(due_followers(kind, now).exists() for kind in SCHEDULE)


def reminder_moments(call):
    if call.deadline is None:
        return []
    return [utc(call.deadline) - offset for offset, _next in SCHEDULE.values()]


def schedule_reminders(call):
    """Queue a run of the reminder task at each reminder moment of ``call`` still to come."""
    from .tasks import send_call_reminders

    now = timezone.now()
    queued = [
        queue_run(send_call_reminders, moment) for moment in reminder_moments(call) if moment > now
    ]
    return [result for result in queued if result is not None]
