"""One canonical record per concept of the shared vocabularies.

Organisations and calls point to the instance in the default language; the instances in other
languages are its translations. This migration makes sure every concept has its canonical
record (copying a translation's name when a concept only existed in another language), points
organisations' fields of activity to it, and loads ``directory/vocabularies.toml`` (concepts
that are missing are created, names that editors changed are kept). Calls are moved over by
``calls.0005``. Nothing is deleted: the reverse keeps every record and relation."""

from django.db import migrations


def forward(apps, schema_editor):
    from directory.migrations._vocabulary_helpers import canonical_ids, repoint
    from directory.vocabularies import ensure_vocabularies

    mapping = canonical_ids(apps, "ActivityField")
    Organisation = apps.get_model("directory", "Organisation")
    repoint(Organisation.activity_fields.through, "activityfield_id", "organisation_id", mapping)
    ensure_vocabularies(apps, refresh=False)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_target_groups_and_concepts"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
