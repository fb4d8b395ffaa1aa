"""Keep the directory's search in step with the vocabularies and with organisations' target
groups (the fields of activity are handled in ``signals``)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import indexing
from .models import ActivityField, Organisation, TargetGroup
from .tasks import refresh_directory_index
from .vocabularies import forget_vocabularies


@receiver(m2m_changed, sender=Organisation.target_groups.through)
def organisation_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        indexing.refresh(list(pk_set or []) if action != "post_clear" else [])
    else:
        indexing.refresh([instance.pk])


@receiver(post_save, sender=ActivityField)
@receiver(post_delete, sender=ActivityField)
@receiver(post_save, sender=TargetGroup)
@receiver(post_delete, sender=TargetGroup)
def vocabulary_changed(sender, raw=False, **kwargs):
    """Profiles are tagged with the concepts their texts name when they are indexed: a new
    name or keyword re-tags every profile, once per transaction, in the background."""
    if raw:
        return
    forget_vocabularies()
    transaction.on_commit(refresh_directory_index.enqueue)
