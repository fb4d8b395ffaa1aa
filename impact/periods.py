"""The period a report covers, and its division into months (or years, for long periods).

Boundaries are local midnights (``TIME_ZONE``, Europe/Tallinn): a request made at 00:30 on
1 March in Tallinn counts for March, whatever the database's time zone.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

# Up to this many months a period is shown month by month; longer ones year by year.
MONTHLY_UP_TO = 24


@dataclass(frozen=True)
class Bucket:
    label: str
    start: datetime
    end: datetime


def local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _next_month(day):
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """From ``first`` to ``last``, both days included."""

    first: date
    last: date

    @classmethod
    def default(cls, today=None):
        """The last twelve months, this one included."""
        today = today or timezone.localdate()
        year, month = divmod(today.year * 12 + today.month - 1 - 11, 12)
        return cls(date(year, month + 1, 1), today)

    @property
    def start(self):
        return local_midnight(self.first)

    @property
    def end(self):
        return local_midnight(self.last + timedelta(days=1))

    @property
    def months(self):
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    @property
    def is_monthly(self):
        return self.months <= MONTHLY_UP_TO

    def buckets(self):
        """Months (``2026-03``) or years (``2026``), the first and last cut to the period."""
        buckets = []
        day = self.first
        while day <= self.last:
            if self.is_monthly:
                following, label = _next_month(day), f"{day:%Y-%m}"
            else:
                following, label = date(day.year + 1, 1, 1), f"{day:%Y}"
            end = min(following, self.last + timedelta(days=1))
            buckets.append(Bucket(label, local_midnight(day), local_midnight(end)))
            day = following
        return buckets
