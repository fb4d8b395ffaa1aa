"""Sending the reminders that followers of a call get 7 days and 1 day before its deadline.

A reminder is due when its moment (deadline − 7 days, deadline − 1 day) has come, the next
reminder's moment has not, the call has not closed, the call page is live and the follower had
confirmed before that moment (someone who starts following 3 days before the deadline gets only
the 1-day reminder). Each (follower, kind) is claimed by inserting a CallReminder row before
the message goes out; the unique constraint makes any concurrent or repeated run skip it.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F
from django.utils import timezone

from .emails import reminder_message
from .models import CallFollower, CallReminder
from .status import utc

logger = logging.getLogger(__name__)

# kind -> (how long before the deadline it is due, the next kind's offset or None)
SCHEDULE = {
    CallReminder.Kind.WEEK: (timedelta(days=7), timedelta(days=1)),
    CallReminder.Kind.DAY: (timedelta(days=1), None),
}


def due_followers(kind, now):
    offset, next_offset = SCHEDULE[kind]
    moment = ExpressionWrapper(F("call__deadline") - offset, output_field=DateTimeField())
    followers = (
        CallFollower.objects.filter(
            confirmed_at__isnull=False,
            call__live=True,
            call__deadline__gt=now + (next_offset or timedelta(0)),
            call__deadline__lte=now + offset,
        )
        .alias(moment=moment)
        .filter(confirmed_at__lte=F("moment"))
        .exclude(reminders__kind=kind)
        .select_related("call", "call__locale", "call__funder")
        .order_by("pk")
    )
    return followers


def _claim(follower, kind):
    try:
        with transaction.atomic():
            return CallReminder.objects.create(follower=follower, kind=kind)
    except IntegrityError:
        return None


def send_due_reminders(now=None):
    """Send every reminder that is due; return how many were sent."""
    now = utc(now)
    sent = 0
    for kind in SCHEDULE:
        for follower in due_followers(kind, now):
            claim = _claim(follower, kind)
            if claim is None:
                continue  # another run got there first
            try:
                reminder_message(follower, kind, now).send()
            except Exception:
                # Not delivered: release the claim so that the next run tries again.
                logger.exception("Reminder %s to follower %s failed", kind, follower.pk)
                claim.delete()
                continue
            CallReminder.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
            sent += 1
    return sent


def reminder_moments(call):
    if call.deadline is None:
        return []
    return [utc(call.deadline) - offset for offset, _next in SCHEDULE.values()]


def schedule_reminders(call):
    """Queue a run of the reminder task at each reminder moment of ``call`` that is still to
    come (when the task backend can defer work; otherwise cron's ``send_call_reminders``
    does it)."""
    from .tasks import send_call_reminders

    backend = send_call_reminders.get_backend()
    if not backend.supports_defer:
        return []
    now = timezone.now()
    queued = []
    for moment in reminder_moments(call):
        if moment <= now or _already_queued(send_call_reminders, moment):
            continue
        queued.append(send_call_reminders.using(run_after=moment).enqueue())
    return queued


def _already_queued(task, moment):
    try:
        from django_tasks_db import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is always installed here
        return False
    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=task.module_path, run_after=moment, status="READY"
    ).exists()
