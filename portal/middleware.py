import logging
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect, QueryDict
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.views import serve as wagtail_serve

from .accounts import can_use_admin
from .navigation import reading, route_for_request, site_for_request, view_restrictions

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
        if request.method in ("GET", "HEAD") and not request.path_info.startswith(ADMIN_PATH):
            with reading(request):
                return self.get_response(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Routes a request for a page through the remembered routes (Wagtail's ``serve``
        then finds the page on the request) and marks a page that neither it nor any of its
        ancestors restricts, so that Wagtail does not look for restrictions in the database."""
        if view_func is not wagtail_serve or getattr(request, "_wagtail_site", None) is None:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        result = route_for_request(request, path)
        if result is not None and view_restrictions(request).none_above(result.page):
            result.page.unrestricted = True
        return None


# Outside the language prefix by design: a 404 there is final.
UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 under the machines' paths stays a 404. Django answers a 404
    outside the language prefix with a redirect to ``/ru/<path>`` whenever that path resolves,
    and Wagtail's catch-all resolves every path: an API client asking for a page that does not
    exist would be sent into the HTML site."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)


ADMIN_PATH = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy
    (``CONTENT_SECURITY_POLICY_ADMIN``) for the paths under /admin/ and the site's
    (``CONTENT_SECURITY_POLICY``) everywhere else."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PATH):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


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


class NulFreeQueryMiddleware:
    """Removes NUL characters from the query string's names and values before any view reads
    them. PostgreSQL cannot store or compare text with a NUL (psycopg raises ``ValueError``),
    so any parameter that reaches a query (a page path, a slug, a filter) would be a 500; in
    a URL a NUL is never meaningful. Form bodies need nothing: Django's form fields refuse
    NUL with a message of their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = QueryDict(
                urlencode(
                    [
                        (name.replace("\x00", ""), value.replace("\x00", ""))
                        for name, values in request.GET.lists()
                        for value in values
                    ]
                )
            )
        return self.get_response(request)
