"""Signed tokens in the links of follow e-mails."""

from django.core import signing

CONFIRM_SALT = "calls.follow.confirm"
STOP_SALT = "calls.follow.stop"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7  # a week to click the confirmation link


def make_token(follower, salt):
    return signing.dumps([follower.pk, follower.secret], salt=salt, compress=True)


def read_token(token, salt, max_age=None):
    """(follower id, secret) from a token, or None when it was forged, mangled or expired."""
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2):
        return None
    return value


def confirm_token(follower):
    return make_token(follower, CONFIRM_SALT)


def stop_token(follower):
    return make_token(follower, STOP_SALT)
