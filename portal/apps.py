from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # System checks; the signals of the header's and the page cache's invalidation.
        from . import checks, navigation, page_cache  # noqa: F401
        from .exports import protect_admin_exports

        protect_admin_exports()
