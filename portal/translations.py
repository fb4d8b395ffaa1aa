"""When a wagtail-localize translation is out of date: its source changed (edited, or
synchronised) after the translation was last written from it. One definition for the
bulletin's send form and the editors' desk."""

from django.db.models import Max
from wagtail.models import Page
from wagtail_localize.models import TranslationLog


def sync_times(translations):
    """{translation pk: (when its source last changed, when the translation was last written
    into its target, or None)} for wagtail-localize ``Translation`` rows (with their
    ``source`` and ``source.locale`` loaded). Two queries, however many translations."""
    translations = list(translations)
    if not translations:
        return {}
    sources = {translation.source for translation in translations}
    edited = {
        (key, locale_id): revised
        for key, locale_id, revised in Page.objects.filter(
            translation_key__in={source.object_id for source in sources}
        ).values_list("translation_key", "locale_id", "latest_revision_created_at")
    }
    written = {
        (row["source_id"], row["locale_id"]): row["last"]
        for row in TranslationLog.objects.filter(source__in=sources)
        .values("source_id", "locale_id")
        .annotate(last=Max("created_at"))
    }
    result = {}
    for translation in translations:
        source = translation.source
        changed = source.last_updated_at
        revised = edited.get((source.object_id, source.locale_id))
        if revised is not None:
            changed = max(changed, revised)
        result[translation.pk] = (
            changed,
            written.get((source.pk, translation.target_locale_id)),
        )
    return result


def is_stale(changed, synced):
    return synced is None or changed > synced
