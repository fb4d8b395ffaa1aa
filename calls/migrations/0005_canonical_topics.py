"""Calls point to the canonical record of each field of activity (the default language's),
like organisations: wagtail-localize then synchronises the same records into every
translation, and ``CallPage.save()`` no longer remaps them. The reverse points each call back
to its own language's instances, as the old ``save()`` did; nothing is lost either way."""

from django.conf import settings
from django.db import migrations


def _through(apps):
    return apps.get_model("calls", "CallPage").topics.through


def forward(apps, schema_editor):
    from directory.migrations import _vocabulary_helpers as helpers

    mapping = helpers.canonical_ids(apps, "ActivityField")
    helpers.repoint(_through(apps), "activityfield_id", "callpage_id", mapping)


def backward(apps, schema_editor):
    ActivityField = apps.get_model("directory", "ActivityField")
    CallPage = apps.get_model("calls", "CallPage")
    through = _through(apps)
    instances = list(ActivityField.objects.all())
    by_key = {(field.translation_key, field.locale_id): field.pk for field in instances}
    by_slug = {(field.slug, field.locale_id): field.pk for field in instances}
    own = {field.pk: field for field in instances}
    locales = dict(CallPage.objects.values_list("pk", "locale_id"))
    for row in through.objects.filter(activityfield__locale__language_code=settings.LANGUAGE_CODE):
        locale_id = locales.get(row.callpage_id)
        field = own[row.activityfield_id]
        target = by_key.get((field.translation_key, locale_id)) or by_slug.get(
            (field.slug, locale_id)
        )
        if target is None or target == field.pk:
            continue
        if not through.objects.filter(
            callpage_id=row.callpage_id, activityfield_id=target
        ).exists():
            through.objects.create(callpage_id=row.callpage_id, activityfield_id=target)
        row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0004_call_target_groups"),
        ("directory", "0006_canonical_vocabularies"),
    ]

    operations = [migrations.RunPython(forward, backward)]
