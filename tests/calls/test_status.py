"""Status is derived from the clock: exactly at the opening instant a call is open, exactly at
its deadline it is closed, and the list queries agree with the page at every boundary."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from calls.models import CallPage
from calls.status import CallStatus, countdown, status_at

from .conftest import tallinn

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)


def statuses_from_queries(call, now):
    calls = CallPage.objects.filter(pk=call.pk)
    return {status for status in CallStatus if calls.with_status(status, now).exists()}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (tallinn(2026, 5, 1, 9, 59, 59), CallStatus.UPCOMING),
        (tallinn(2026, 5, 1, 10, 0), CallStatus.OPEN),
        (tallinn(2026, 5, 24, 16, 0) - SECOND, CallStatus.OPEN),
        (tallinn(2026, 5, 24, 16, 0), CallStatus.CLOSING_SOON),
        (tallinn(2026, 5, 31, 16, 0) - SECOND, CallStatus.CLOSING_SOON),
        (tallinn(2026, 5, 31, 16, 0), CallStatus.CLOSED),
    ],
)
def test_boundaries_at_opening_closing_soon_and_deadline(make_call, now, expected):
    call = make_call(opens_at=tallinn(2026, 5, 1, 10, 0), deadline=tallinn(2026, 5, 31, 16, 0))

    assert call.status_at(now) == expected
    assert statuses_from_queries(call, now) == {expected}
    assert CallPage.objects.filter(pk=call.pk).accepting(now).exists() == (
        expected in {CallStatus.OPEN, CallStatus.CLOSING_SOON}
    )


def test_deadline_in_the_repeated_hour_of_the_autumn_clock_change(make_call):
    # On 25 October 2026 Estonian clocks go from 04:00 summer time back to 03:00 winter time,
    # so 03:30 happens twice; the first one (EEST, UTC+3) is 00:30 UTC.
    deadline = tallinn(2026, 10, 25, 3, 30)
    assert deadline.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    call = make_call(opens_at=tallinn(2026, 10, 1, 0, 0), deadline=deadline)

    just_before = datetime(2026, 10, 25, 0, 29, 59, tzinfo=UTC)
    at_deadline = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert call.status_at(just_before) == CallStatus.CLOSING_SOON
    assert statuses_from_queries(call, just_before) == {CallStatus.CLOSING_SOON}
    assert call.status_at(at_deadline) == CallStatus.CLOSED
    assert statuses_from_queries(call, at_deadline) == {CallStatus.CLOSED}
    # An hour later the wall clock shows 03:30 again (winter time): still closed.
    assert call.status_at(at_deadline + timedelta(hours=1)) == CallStatus.CLOSED


def test_closing_soon_window_is_seven_times_24_hours_across_the_clock_change(make_call):
    # Deadline after the change (EET, UTC+2); the window starts 168 hours earlier, which is
    # 05:30 summer time on 18 October on the wall clock.
    deadline = tallinn(2026, 10, 25, 4, 30)
    call = make_call(opens_at=tallinn(2026, 10, 1, 0, 0), deadline=deadline)
    window_start = deadline.astimezone(UTC) - timedelta(days=7)
    assert window_start == datetime(2026, 10, 18, 2, 30, tzinfo=UTC)

    assert call.status_at(window_start - SECOND) == CallStatus.OPEN
    assert statuses_from_queries(call, window_start - SECOND) == {CallStatus.OPEN}
    assert call.status_at(window_start) == CallStatus.CLOSING_SOON
    assert statuses_from_queries(call, window_start) == {CallStatus.CLOSING_SOON}


@pytest.mark.parametrize(
    ("language", "now", "expected"),
    [
        ("en", tallinn(2026, 10, 22, 12, 0), "closes in 3 days"),
        ("en", tallinn(2026, 10, 24, 23, 0), "closes tomorrow"),
        ("en", tallinn(2026, 10, 25, 0, 10), "closes today"),
        ("en", tallinn(2026, 10, 25, 3, 30), "closed"),
        ("en", tallinn(2026, 9, 30, 12, 0), "opens tomorrow"),
        ("en", tallinn(2026, 9, 20, 12, 0), "opens in 11 days"),
    ],
)
def test_countdown_counts_calendar_days_in_tallinn(language, now, expected):
    opens_at = tallinn(2026, 10, 1, 0, 0)
    deadline = tallinn(2026, 10, 25, 3, 30)
    with translation.override(language):
        assert countdown(opens_at, deadline, now) == expected


def test_status_of_a_call_without_dates_is_unknown_not_an_error():
    assert status_at(None, None) is None
    assert countdown(None, tallinn(2026, 1, 1, 0, 0)) == ""
