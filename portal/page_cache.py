"""Anonymous pages from the shared cache.

A page that a visitor without a session asks for is stored, once rendered, under its host,
scheme, language and full path with the query string, and the same page is served from the
cache to the next such visitor without touching the database. ``PAGE_CACHE_SECONDS`` bounds an
entry's life (0 switches the cache off).

What makes an entry stale at once:

* the page tree or anything pages show changes: publishing, unpublishing, moving or deleting
  a page, a site, a view restriction (``portal.navigation`` starts a new generation of the
  tree), and the facts of organisations, funders, the vocabularies, joint projects, news,
  images and documents (``CONTENT_MODELS`` below start one too). Entries are keyed by the
  generation, kept in the shared cache, so every process drops them together;
* the clock: an entry lives no longer than the next moment at which a live call opens, turns
  "closing soon" or closes, an event starts or ends or closes its registration, or the date
  changes in Estonia (countdowns in days). That moment is computed once per generation.

Never served from the cache nor stored in it: anything but GET and HEAD (HEAD is only
served), requests carrying a session or a messages cookie (signed-in people, people in the
middle of something; a session cookie is not even looked into, so a forged or stolen one
cannot reach the cache either), the admin, the API, documents, accounts, the member area,
the newsletter's and the reminders' token pages, consultations, and every response that is
not a 200, streams, sets a cookie, carries ``Cache-Control: private, no-cache, no-store``,
varies on anything but the cookie and the language, shows a message, touches a non-empty
session or asks Django for a CSRF token directly.

Pages with a form are stored without the visitor's CSRF token: while a cacheable page is
rendered, ``{% csrf_token %}`` writes a random placeholder (new for every rendering, so that
no text an editor or a member writes can stand for it); the placeholder is replaced with the
token of each visitor as the page leaves, and Django's CSRF middleware sets that visitor's
own cookie as for any other page.

A query string makes a new entry only for the first ``MAX_QUERY_VARIANTS`` query strings of a
path within an entry's lifetime: filter values the views ignore, or junk parameters, cannot
fill the cache (the page is then simply rendered each time, as with the cache off).
"""

import hashlib
import logging
import math
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.functional import SimpleLazyObject

from .navigation import generation, page_tree_changed

logger = logging.getLogger(__name__)

HEADER = "X-Sild-Cache"
PREFIX = "sild:page-cache"
MAX_QUERY_VARIANTS = 32
# How long the next status change of calls and events, once computed, is trusted at most.
NEXT_CHANGE_TIMEOUT = 60 * 60

_UNPREFIXED = ("/admin/", "/api/", "/documents/", "/newsletter/", "/healthz")
_SECTIONS = ("accounts/", "my/", "newsletter/", "consultation/", "calls/follow/")
NEVER_CACHED_PREFIXES = _UNPREFIXED + tuple(
    f"/{code}/{section}" for code, _name in settings.LANGUAGES for section in _SECTIONS
)
# Models whose rows public pages show, beside the pages themselves (those are
# portal.navigation's concern): saving or deleting one starts a new generation.
CONTENT_MODELS = {
    "calls.funder",
    "directory.organisation",
    "directory.activityfield",
    "directory.targetgroup",
    "directory.newsitem",
    "directory.jointproject",
    "directory.projectpartner",
    "wagtailimages.image",
    "wagtaildocs.document",
}
_VARY_ALLOWED = {"cookie", "accept-language"}
_NO_STORE = {"private", "no-cache", "no-store"}
_PLACEHOLDER = "_sild_page_cache_csrf"
_PLACEHOLDER_USED = "_sild_page_cache_csrf_used"


def seconds():
    return max(int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0), 0)


# Requests -----------------------------------------------------------------------------------


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(NEVER_CACHED_PREFIXES)


def _digest(*parts):
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _key(request, current):
    host = request.get_host()
    language = translation.get_language() or ""
    return f"{PREFIX}:{current}:page:" + _digest(
        request.scheme, host, language, request.get_full_path()
    )


# Responses ----------------------------------------------------------------------------------


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & _NO_STORE or "max-age=0" in response.get("Cache-Control", "").replace(" ", ""):
        return False
    if response.has_header("Vary"):
        varies = {part.strip().lower() for part in cc_delim_re.split(response["Vary"])}
        if varies - _VARY_ALLOWED:
            return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    messages = getattr(request, "_messages", None)
    return messages is None or not (messages.used or len(messages))


def csrf(request):
    """Context processor: while a cacheable page renders, ``{% csrf_token %}`` writes the
    rendering's placeholder instead of the visitor's token (see the module's docstring)."""
    placeholder = getattr(request, _PLACEHOLDER, None)
    if placeholder is None:
        return {}

    def use():
        setattr(request, _PLACEHOLDER_USED, True)
        return placeholder

    return {"csrf_token": SimpleLazyObject(use)}


def _with_token(request, content, placeholder):
    return content.replace(placeholder.encode(), get_token(request).encode())


# Time ---------------------------------------------------------------------------------------


def _next_midnight(now):
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def next_status_change(now):
    """The next moment after ``now`` at which a live call or event changes what its pages and
    lists say of it, or None."""
    from calls.models import CallPage
    from calls.status import CLOSING_SOON_WINDOW
    from events.models import EventPage

    calls = CallPage.objects.live().aggregate(
        next_opening=Min("opens_at", filter=Q(opens_at__gt=now)),
        next_deadline=Min("deadline", filter=Q(deadline__gt=now)),
        next_closing=Min("deadline", filter=Q(deadline__gt=now + CLOSING_SOON_WINDOW)),
    )
    if calls["next_closing"] is not None:
        calls["next_closing"] -= CLOSING_SOON_WINDOW
    events = EventPage.objects.live().aggregate(
        next_start=Min("starts_at", filter=Q(starts_at__gt=now)),
        next_end=Min("ends_at", filter=Q(ends_at__gt=now)),
        next_registration_end=Min("registration_deadline", filter=Q(registration_deadline__gt=now)),
    )
    moments = [moment for moment in (*calls.values(), *events.values()) if moment is not None]
    return min(moments) if moments else None


def clock_stable_until(current, now):
    """The timestamp until which nothing that pages say of the clock changes: the next status
    change of a live call or event (computed once per generation ``current``), or the next
    midnight in Estonia, whichever comes first. HTML kept under this moment (as a part of its
    key) is right for every request made before it."""
    key = f"{PREFIX}:{current}:next-change"
    stamp = now.timestamp()
    computed_at, change = cache.get(key) or (math.inf, 0)
    # Computed for a later moment (a clock set back), or that change has come: again.
    if not computed_at <= stamp < change:
        moment = next_status_change(now)
        computed_at, change = stamp, moment.timestamp() if moment is not None else math.inf
        cache.set(key, (computed_at, change), NEXT_CHANGE_TIMEOUT)
    return min(change, _next_midnight(now).timestamp())


def _expiry(current, now):
    """When an entry stored now stops being right: when the clock changes what pages say
    (``clock_stable_until``), or ``PAGE_CACHE_SECONDS`` from now, whichever comes first."""
    return min(clock_stable_until(current, now), now.timestamp() + seconds())


def _within_variant_budget(request, current, lifetime):
    """True while fewer than ``MAX_QUERY_VARIANTS`` query strings of this path have been
    stored within an entry's lifetime. A path without a query string is always stored."""
    if not request.META.get("QUERY_STRING"):
        return True
    key = f"{PREFIX}:{current}:variants:" + _digest(
        request.get_host(), translation.get_language() or "", request.path
    )
    cache.add(key, 0, lifetime)
    try:
        return cache.incr(key) <= MAX_QUERY_VARIANTS
    except ValueError:
        # Expired between the two calls: count it as full, the next request starts afresh.
        return False


# The middleware -----------------------------------------------------------------------------


class PageCacheMiddleware:
    """After the session, locale, CSRF, authentication and message middleware (it reads what
    they set); everything before it runs for cached pages too (security headers, the content
    security policy, the CSRF cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not seconds() or not _cacheable_request(request):
            return self.get_response(request)
        try:
            current = generation(request)
            key = _key(request, current)
            entry = cache.get(key)
        except DisallowedHost:
            # Django answers it with a 400 of its own.
            return self.get_response(request)
        except Exception:
            logger.warning("Page cache unavailable for %s", request.path, exc_info=True)
            return self.get_response(request)
        if entry is not None and entry["expires"] > timezone.now().timestamp():
            return self._hit(request, entry)

        placeholder = secrets.token_hex(32)
        setattr(request, _PLACEHOLDER, placeholder)
        response = self.get_response(request)
        setattr(request, _PLACEHOLDER, None)
        used = getattr(request, _PLACEHOLDER_USED, False)
        if response.streaming:
            return response
        if _storable(request, response):
            try:
                self._store(request, response, current, key, placeholder if used else None)
            except Exception:
                logger.warning("Could not store %s in the page cache", request.path, exc_info=True)
        if used:
            response.content = _with_token(request, response.content, placeholder)
        return response

    def _store(self, request, response, current, key, placeholder):
        now = timezone.now()
        expires = _expiry(current, now)
        lifetime = math.floor(expires - now.timestamp())
        if lifetime < 1 or not _within_variant_budget(request, current, lifetime):
            return
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in {"content-length", HEADER.lower()}
        ]
        cache.set(
            key,
            {
                "content": response.content,
                "headers": headers,
                "placeholder": placeholder,
                "expires": expires,
            },
            lifetime,
        )
        response[HEADER] = "miss"

    def _hit(self, request, entry):
        content = entry["content"]
        if entry["placeholder"]:
            content = _with_token(request, content, entry["placeholder"])
        response = HttpResponse(content)
        for name, value in entry["headers"]:
            response[name] = value
        # As the page itself would (its messages come from the session): a shared cache in
        # front must not give it to a visitor with cookies.
        patch_vary_headers(response, ("Cookie",))
        response[HEADER] = "hit"
        return response


# Invalidation -------------------------------------------------------------------------------


def _content_changed(sender, instance=None, raw=False, **kwargs):
    if not raw and sender._meta.label_lower in CONTENT_MODELS:
        page_tree_changed()


def _relation_changed(sender, instance=None, action="", **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        model = instance._meta.label_lower if instance is not None else ""
        if model in CONTENT_MODELS:
            page_tree_changed()


post_save.connect(_content_changed, dispatch_uid="sild-page-cache-saved")
post_delete.connect(_content_changed, dispatch_uid="sild-page-cache-deleted")
m2m_changed.connect(_relation_changed, dispatch_uid="sild-page-cache-relations")
