from django.utils import timezone
from django_tasks import task

from portal.scheduling import queue_run

from .reminders import has_due_reminders, lease, send_due_reminders


@task()
def send_call_reminders():
    """Send the call reminders that are due. Safe to run at any time and any number of times.

    While reminders are due, a further run is queued for just after their leases expire: if
    this worker dies mid-way, that run takes over the claims it left, with no cron needed."""
    if has_due_reminders():
        moment = (timezone.now() + lease()).replace(microsecond=0)
        queue_run(send_call_reminders, moment)
    return send_due_reminders()
