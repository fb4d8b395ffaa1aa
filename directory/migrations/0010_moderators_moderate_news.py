from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["newsitem"]
ACTIONS = ["change", "view", "delete"]


def grant(apps, schema_editor):
    # Permissions are made after all migrations have run; make this app's now.
    app_config = apps.get_app_config("directory")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="directory",
        codename__in=[f"{action}_{model}" for action in ACTIONS for model in MODELS],
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0009_news_submissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
