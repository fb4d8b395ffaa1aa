"""Keep the directory's search index in step with pages, facts and the taxonomy."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import indexing
from .models import ActivityField, Organisation, OrganisationPage
from .search import forget_taxonomy


@receiver(page_published, sender=OrganisationPage)
@receiver(page_unpublished, sender=OrganisationPage)
def page_changed(sender, instance, **kwargs):
    indexing.refresh([instance.organisation_id])


@receiver(post_delete, sender=OrganisationPage)
def page_deleted(sender, instance, **kwargs):
    if Organisation.objects.filter(pk=instance.organisation_id).exists():
        indexing.refresh([instance.organisation_id])


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.refresh([instance.pk])


@receiver(m2m_changed, sender=Organisation.activity_fields.through)
def organisation_fields_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        ids = list(pk_set or []) if action != "post_clear" else []
        indexing.refresh(ids)
    else:
        indexing.refresh([instance.pk])


@receiver(post_save, sender=ActivityField)
@receiver(post_delete, sender=ActivityField)
def taxonomy_changed(sender, **kwargs):
    forget_taxonomy()
