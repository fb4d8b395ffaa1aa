"""Signed token links in newsletter e-mails: confirm, unsubscribe, preferences.

A token carries the subscriber's id and a hash of their secret, signed with SECRET_KEY and a
salt per purpose: it cannot be forged, cannot be used for another address, and one purpose's
token does not work for another. Changing ``Subscriber.secret`` revokes every link at once.
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Subscriber

CONFIRM = "bulletins.confirm"
UNSUBSCRIBE = "bulletins.unsubscribe"
PREFERENCES = "bulletins.preferences"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7  # a confirmation link works for a week

URL_NAMES = {
    CONFIRM: "newsletter_confirm",
    UNSUBSCRIBE: "newsletter_unsubscribe",
    PREFERENCES: "newsletter_preferences",
}


def _fingerprint(subscriber):
    return hashlib.sha256(subscriber.secret.encode()).hexdigest()[:16]


def make_token(subscriber, purpose):
    return signing.dumps([subscriber.pk, _fingerprint(subscriber)], salt=purpose, compress=True)


def read_token(token, purpose, max_age=None):
    """The subscriber a token was made for, or None when it was forged, mangled, expired or
    revoked."""
    try:
        value = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        return None
    subscriber = Subscriber.objects.filter(pk=value[0]).first()
    if subscriber is None or _fingerprint(subscriber) != value[1]:
        return None
    return subscriber


def is_for_deleted_subscriber(token, purpose):
    """True when ``token`` is a genuine ``purpose`` link, however old, whose subscriber has
    since deleted their data: such a link gets a friendly answer, a forged one does not."""
    try:
        value = signing.loads(token, salt=purpose)
    except signing.BadSignature:
        return False
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and not Subscriber.objects.filter(pk=value[0]).exists()
    )


def token_url(subscriber, purpose):
    """The absolute URL of a token link (outside the language prefix)."""
    path = reverse(URL_NAMES[purpose], args=[make_token(subscriber, purpose)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
