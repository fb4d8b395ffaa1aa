"""Requests are anonymised ``CONSULTATION_RETENTION_DAYS`` after they arrived.

What identifies or describes the person (name, e-mail, phone, the organisation's name as
typed, the question, the internal notes, the text of replies and the address they went to) is
emptied; what the impact figures count stays (topic, channel, language, status, dates, the
directory organisation, who handled it). Idempotent: run it any number of times.

Each new request queues a run of the ``anonymise_consultations`` task for the day it expires
(when the task backend can defer work); ``manage.py anonymise_consultations`` from a daily
cron job is the safety net.
"""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.scheduling import queue_run

from .models import ConsultationReply, ConsultationRequest

PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "phone": "",
    "organisation_name": "",
    "message": "",
    "notes": "",
}


def retention():
    return timedelta(days=settings.CONSULTATION_RETENTION_DAYS)


def expired(now=None):
    now = now or timezone.now()
    return ConsultationRequest.objects.filter(
        anonymised_at__isnull=True, created_at__lt=now - retention()
    )


@transaction.atomic
def anonymise_expired(now=None):
    """Anonymise every request older than the retention period; return how many."""
    now = now or timezone.now()
    ids = list(expired(now).values_list("pk", flat=True))
    if not ids:
        return 0
    ConsultationReply.objects.filter(request_id__in=ids).update(body="", sent_to="")
    return ConsultationRequest.objects.filter(pk__in=ids).update(
        **PERSONAL_FIELDS, anonymised_at=now
    )


def expiry_run_moment(created_at):
    """The start of the day (UTC) after the request expires: one queued run per day."""
    expires = created_at + retention()
    return datetime.combine(expires.date() + timedelta(days=1), time.min, tzinfo=UTC)


def schedule_anonymisation(consultation):
    from .tasks import anonymise_consultations

    return queue_run(anonymise_consultations, expiry_run_moment(consultation.created_at))
