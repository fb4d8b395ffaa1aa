"""Who handles consultation requests: everyone allowed to change them in the admin."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

HANDLE_PERMISSION = "change_consultationrequest"


def handlers():
    """Active users who may change consultation requests (through a group, directly, or as
    superusers): they can be assigned requests and are told of new ones."""
    permission = Permission.objects.filter(
        content_type__app_label="consultations", codename=HANDLE_PERMISSION
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def admin_language(user):
    """The language the user chose for the admin, else the site's default."""
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE
