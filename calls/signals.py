from django.dispatch import receiver
from wagtail.signals import page_published
from wagtail_localize.models import TranslationSource

from .models import CallPage
from .reminders import schedule_reminders


@receiver(page_published, sender=CallPage)
def reschedule_reminders(sender, instance, **kwargs):
    """A published change of deadline moves the reminder runs along with it."""
    if instance.followers.filter(confirmed_at__isnull=False).exists():
        schedule_reminders(instance)


@receiver(page_published, sender=CallPage)
def clear_topics_emptied_in_the_source(sender, instance, **kwargs):
    """Topics are synchronised from the source call, but wagtail-localize copies a
    many-to-many field only when it holds something (``copy_synchronised_fields``), so a
    translation kept the topics its source no longer has and stayed in those topic filters."""
    source_record = (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .exclude(locale_id=instance.locale_id)
        .first()
    )
    if source_record is None:
        return
    source = CallPage.objects.filter(
        translation_key=instance.translation_key, locale_id=source_record.locale_id
    ).first()
    if source is not None and not source.topics.exists():
        CallPage.topics.through.objects.filter(callpage_id=instance.pk).delete()
