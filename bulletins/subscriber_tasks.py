"""Purging sign-ups that were never confirmed.

An unconfirmed address is someone else's until its owner opens the link, so it is not kept
once the link has expired (``CONFIRM_MAX_AGE``, 7 days). ``purge_unconfirmed_subscribers``
runs every night at ``PURGE_AT`` and queues its own next run; the first sign-up starts the
chain, and a chain lost with its worker is started again by the next sign-up. With a task
backend that cannot defer work, cron runs ``manage.py purge_unconfirmed_subscribers``.
"""

from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .models import Subscriber
from .tokens import CONFIRM_MAX_AGE

PURGE_AFTER = timedelta(seconds=CONFIRM_MAX_AGE)
PURGE_AT = time(2, 0)  # local time: a quiet hour, and never skipped or repeated by DST
QUEUED_KEY = "bulletins:purge-queued:{day}"


def unconfirmed_before(moment):
    """Sign-ups still waiting for confirmation that were made before ``moment``."""
    return Subscriber.objects.filter(status=Subscriber.Status.PENDING).filter(
        Q(consented_at__lt=moment) | Q(consented_at__isnull=True, created_at__lt=moment)
    )


def purge_unconfirmed(now=None):
    """Delete the sign-ups left unconfirmed for longer than ``PURGE_AFTER``; return how many."""
    now = now or timezone.now()
    _total, by_model = unconfirmed_before(now - PURGE_AFTER).delete()
    return by_model.get(Subscriber._meta.label, 0)


def next_run(now=None):
    now = timezone.localtime(now or timezone.now())
    moment = datetime.combine(now.date(), PURGE_AT, tzinfo=now.tzinfo)
    if moment <= now:
        moment = datetime.combine(now.date() + timedelta(days=1), PURGE_AT, tzinfo=now.tzinfo)
    return moment


def schedule_purge():
    """Queue the next nightly run unless it is queued already (or the backend cannot defer)."""
    if not purge_unconfirmed_subscribers.get_backend().supports_defer:
        return None
    moment = next_run()
    # One run per night however many sign-ups ask for it: the first to mark the night queues.
    if not cache.add(QUEUED_KEY.format(day=moment.date().isoformat()), 1, 2 * 24 * 60 * 60):
        return None
    return purge_unconfirmed_subscribers.using(run_after=moment).enqueue()


@task()
def purge_unconfirmed_subscribers():
    deleted = purge_unconfirmed()
    schedule_purge()
    return deleted
