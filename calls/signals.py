from django.dispatch import receiver
from wagtail.signals import page_published

from .models import CallPage
from .reminders import schedule_reminders


@receiver(page_published, sender=CallPage)
def reschedule_reminders(sender, instance, **kwargs):
    """A published change of deadline moves the reminder runs along with it."""
    if instance.followers.filter(confirmed_at__isnull=False).exists():
        schedule_reminders(instance)
