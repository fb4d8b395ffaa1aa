from django_tasks import task

from .reminders import send_due_reminders


@task()
def send_call_reminders():
    """Send the call reminders that are due. Safe to run at any time and any number of times."""
    return send_due_reminders()
