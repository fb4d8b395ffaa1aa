"""Keep the directory's search index in step with pages, facts and the taxonomy."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

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


def refresh_profiles_below(page):
    """Re-index the organisations with a profile at or below ``page``: whether a profile is
    public depends on the view restrictions of its ancestors too."""
    indexing.refresh(
        set(
            OrganisationPage.objects.descendant_of(page, inclusive=True).values_list(
                "organisation_id", flat=True
            )
        )
    )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        refresh_profiles_below(page)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # The page may have left or joined a private part of the tree.
    refresh_profiles_below(Page.objects.get(pk=instance.pk))


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
