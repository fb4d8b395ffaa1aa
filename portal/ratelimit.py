"""The one rate limiter and the one client-IP rule of every public form.

Counters live in the default cache, which production requires to be shared by every process
(Redis): ``cache.add`` starts a window and ``cache.incr`` counts in it, both atomic on Redis,
so two web workers never let through more than the limit between them.

Limits are named actions with one or more subjects each, set in ``settings.RATE_LIMITS``::

    RATE_LIMITS = {"contact": {"ip": "5/h", "sender": "3/h", "organisation": "20/d"}}

and checked with ``allow(request, "contact", sender=email, organisation=pk)``: the ``ip``
subject is always the request's client address.
"""

import hashlib
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int

    @classmethod
    def parse(cls, text):
        """``"5/h"``, ``"20/d"``, ``"10/15m"``: so many per period."""
        limit, _slash, period = text.partition("/")
        count, unit = period[:-1], period[-1:]
        return cls(int(limit), int(count or 1) * UNITS[unit])


def client_ip(request):
    """The address of the client that sent the request.

    ``X-Forwarded-For`` is written by every proxy the request passed through, each appending
    the address it received the request from; a client can put anything at its start. Only
    the entries added by our own ``TRUSTED_PROXY_COUNT`` proxies are trusted, so the client is
    the one that many places from the end. With no trusted proxy the header is ignored."""
    trusted = settings.TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR", "")
    if trusted > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= trusted:
            address = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(address.strip("[]")))
    except ValueError:
        return "unknown"


def _digest(value):
    return hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]


def _rates(action):
    return {subject: Rate.parse(text) for subject, text in settings.RATE_LIMITS[action].items()}


def _counter(action, subject, value):
    return f"ratelimit:{action}:{subject}:{_digest(value)}"


def hit(action, subject, value, rate):
    """Count one use; True while the count is within the rate."""
    key = _counter(action, subject, value)
    cache.add(key, 0, rate.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, rate.seconds)
        count = 1
    return count <= rate.limit


def exceeded(request, action, **subjects):
    """Count one use of ``action`` for the client's address and each given subject (a
    recipient's address, an organisation...); return the subjects now over their limit.
    Subjects that are ``None`` are not counted."""
    values = {"ip": client_ip(request), **subjects}
    return {
        subject
        for subject, rate in _rates(action).items()
        if values.get(subject) is not None and not hit(action, subject, values[subject], rate)
    }


def allow(request, action, **subjects):
    """Count one use; False when the client or any subject is over its limit."""
    return not exceeded(request, action, **subjects)


def allow_subject(action, subject, value):
    """Count one use for a single subject of ``action`` (no request: e.g. a recipient's
    address checked where the mail is queued)."""
    return hit(action, subject, value, _rates(action)[subject])
