"""Helpers of the data migrations that move relations to the canonical concepts (here and in
calls): plain functions over historical models."""

from django.conf import settings


def canonical_ids(apps, model_name):
    """``{pk: canonical pk}`` for every instance of ``model_name``, creating the canonical
    record of a concept that has none."""
    Locale = apps.get_model("wagtailcore", "Locale")
    model = apps.get_model("directory", model_name)
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return {}
    canonical = {}
    by_key = {}
    by_slug = {}
    for record in model.objects.filter(locale_id=default.pk):
        by_key[record.translation_key] = record.pk
        by_slug[record.slug] = record.pk
    for record in model.objects.exclude(locale_id=default.pk).order_by("pk"):
        target = by_key.get(record.translation_key) or by_slug.get(record.slug)
        if target is None:
            target = model.objects.create(
                locale_id=default.pk,
                translation_key=record.translation_key,
                name=record.name,
                slug=record.slug,
                keywords=record.keywords,
            ).pk
            by_key[record.translation_key] = by_slug[record.slug] = target
        canonical[record.pk] = target
    return canonical


def repoint(through, column, owner_column, mapping):
    """Point the rows of a many-to-many table to the canonical records, without duplicates."""
    rows = through.objects.filter(**{f"{column}__in": list(mapping)})
    for row in rows:
        owner = getattr(row, owner_column)
        target = mapping[getattr(row, column)]
        if not through.objects.filter(**{owner_column: owner, column: target}).exists():
            through.objects.create(**{owner_column: owner, column: target})
        row.delete()
