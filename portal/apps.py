from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import checks, navigation  # noqa: F401  (system checks; the header's signals)
        from .exports import protect_admin_exports

        protect_admin_exports()
