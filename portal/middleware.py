import logging
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .accounts import can_use_admin
from .navigation import site_for_request

logger = logging.getLogger(__name__)


class CachedSiteMiddleware:
    """Finds the request's Wagtail site in the cache. Wagtail looks for it in the database on
    every request unless ``request._wagtail_site`` is set, which is where
    ``Site.find_for_request`` keeps what it found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request._wagtail_site = site_for_request(request)
        except Exception:
            # A shortcut only: without it Wagtail looks for the site itself.
            # With the database or the cache down, the views decide what to answer
            # (/healthz reports which part is down).
            logger.warning("Could not look up the site of %s", request.path, exc_info=True)
        return self.get_response(request)


class AdminTwoFactorMiddleware:
    """With ``ADMIN_REQUIRE_MFA``, the admin opens only to people who signed in with a second
    factor (allauth.mfa): without an authenticator they are sent to set one up, and a session
    that began without it (signed in before setting it up, or by a one-time code) asks for
    the code first. Everyone else is not concerned: members never reach the admin anyway."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.ADMIN_REQUIRE_MFA
            and request.path.startswith(reverse("wagtailadmin_home"))
            and not request.path.startswith(reverse("admin_login"))
            and can_use_admin(request.user)
        ):
            target = None
            if not is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
                messages.warning(request, _("Turn on two-factor authentication to use the admin."))
                target = reverse("mfa_activate_totp")
            elif not any(
                record.get("method") == "mfa"
                for record in get_authentication_records(request, request.user)
            ):
                target = reverse("mfa_reauthenticate")
            if target:
                return HttpResponseRedirect(
                    f"{target}?{urlencode({'next': request.get_full_path()})}"
                )
        return self.get_response(request)
