"""When a call accepts applications: the one definition that pages, the home block, the iCal
feed and the reminders share.

Status is derived from the clock, never stored:

* upcoming: before the opening instant;
* open: from the opening instant (inclusive) until the deadline, more than 7 days ahead;
* closing soon: the deadline is at most 7 × 24 hours away (an absolute duration, so a
  daylight-saving change in between neither shortens nor lengthens the window);
* closed: from the deadline instant (inclusive) on.

The countdown in words counts calendar days in Europe/Tallinn ("closes tomorrow" means the
deadline falls on tomorrow's date in Estonia, whatever the hour).
"""

from datetime import UTC, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

CLOSING_SOON_WINDOW = timedelta(days=7)
REMINDER_OFFSETS = {"7d": timedelta(days=7), "1d": timedelta(days=1)}


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSING_SOON = "closing-soon", _("Closing soon")
    CLOSED = "closed", _("Closed")


def utc(moment=None):
    """``moment`` (default: now) in UTC. Python compares and subtracts two datetimes of the
    same zone by their wall-clock times, which is wrong across a clock change; in UTC it is
    right."""
    return (moment or timezone.now()).astimezone(UTC)


def status_at(opens_at, deadline, now=None):
    """The status of a call with these dates at ``now``; None while the dates are unset."""
    if opens_at is None or deadline is None:
        return None
    now, opens_at, deadline = utc(now), utc(opens_at), utc(deadline)
    if now >= deadline:
        return CallStatus.CLOSED
    if now < opens_at:
        return CallStatus.UPCOMING
    if deadline - now <= CLOSING_SOON_WINDOW:
        return CallStatus.CLOSING_SOON
    return CallStatus.OPEN


def _days_between(earlier, later):
    """Calendar days from ``earlier`` to ``later`` as dates in the current time zone."""
    return (timezone.localtime(later).date() - timezone.localtime(earlier).date()).days


def countdown(opens_at, deadline, now=None):
    """The countdown in words: "closes in 3 days", "closes today", "opens tomorrow", "closed"."""
    status = status_at(opens_at, deadline, now)
    if status is None:
        return ""
    now = utc(now)
    if status == CallStatus.CLOSED:
        return gettext("closed")
    if status == CallStatus.UPCOMING:
        days = _days_between(now, opens_at)
        if days <= 0:
            return gettext("opens today")
        if days == 1:
            return gettext("opens tomorrow")
        return ngettext("opens in %(days)d day", "opens in %(days)d days", days) % {"days": days}
    return deadline_countdown(deadline, now)


def deadline_countdown(deadline, now=None):
    """Words for a deadline alone (a call's, a registration's): "closes in 3 days", "closes
    today", "closed"."""
    now = utc(now)
    if now >= utc(deadline):
        return gettext("closed")
    days = _days_between(now, deadline)
    if days <= 0:
        return gettext("closes today")
    if days == 1:
        return gettext("closes tomorrow")
    return ngettext("closes in %(days)d day", "closes in %(days)d days", days) % {"days": days}
