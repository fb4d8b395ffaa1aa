"""Sign-ups never confirmed are deleted after 7 days: by a nightly task that queues its own next
run (started by the first sign-up), or by ``manage.py purge_unconfirmed_subscribers`` from
cron. The clock is faked; the task queue is the real database backend."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from bulletins.models import Subscriber
from bulletins.subscriber_tasks import purge_unconfirmed_subscribers

from . import fixtures_subscribers as fixtures
from .fixtures_subscribers import subscribe

clock = fixtures.clock
make_subscriber = fixtures.make_subscriber

pytestmark = pytest.mark.django_db

TALLINN = ZoneInfo("Europe/Tallinn")
PURGE_TASK = purge_unconfirmed_subscribers.module_path


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_purges():
    return list(
        DBTaskResult.objects.filter(task_path=PURGE_TASK, status="READY")
        .order_by("run_after")
        .values_list("run_after", flat=True)
    )


@pytest.fixture
def sign_ups(make_subscriber, clock):
    """Sign-ups and subscribers of various ages, by name."""
    start = clock.now

    def at(days_ago, **fields):
        return make_subscriber(
            f"{days_ago}-{fields.get('status', 'pending')}@ngo.example",
            **{"status": Subscriber.Status.PENDING, "consented_at": start - days_ago, **fields},
        )

    return {
        "pending 8 days": at(timedelta(days=8)),
        "pending 7 days and a minute": at(timedelta(days=7, minutes=1)),
        "pending 6 days": at(timedelta(days=6, hours=23)),
        "confirmed long ago": at(timedelta(days=400), status=Subscriber.Status.CONFIRMED),
        "left long ago": at(timedelta(days=400), status=Subscriber.Status.UNSUBSCRIBED),
        "bounced long ago": at(timedelta(days=400), status=Subscriber.Status.BOUNCED),
    }


def remaining():
    return set(Subscriber.objects.values_list("email", flat=True))


def test_the_command_deletes_only_sign_ups_unconfirmed_for_more_than_7_days(sign_ups):
    out = io.StringIO()

    call_command("purge_unconfirmed_subscribers", stdout=out)

    assert "Deleted 2 sign-ups" in out.getvalue()
    assert remaining() == {
        sign_ups[name].email
        for name in ("pending 6 days", "confirmed long ago", "left long ago", "bounced long ago")
    }


def test_a_fresh_sign_up_again_after_leaving_long_ago_is_not_purged(client, site_tree, sign_ups):
    # The row is old, the sign-up is new: its 7 days count from the new consent.
    subscribe(client, sign_ups["left long ago"].email)

    call_command("purge_unconfirmed_subscribers", stdout=io.StringIO())

    assert sign_ups["left long ago"].email in remaining()


def test_the_first_sign_up_queues_the_nightly_purge_once(client, site_tree, clock, database_queue):
    clock.now = datetime(2026, 3, 2, 14, 0, tzinfo=TALLINN)

    subscribe(client, "olga@ngo.example")
    subscribe(client, "ivan@ngo.example")

    assert queued_purges() == [datetime(2026, 3, 3, 2, 0, tzinfo=TALLINN)]


def test_the_nightly_run_purges_and_queues_the_next_night(client, site_tree, clock, database_queue):
    clock.now = datetime(2026, 3, 2, 14, 0, tzinfo=TALLINN)
    subscribe(client, "olga@ngo.example")
    clock.now = datetime(2026, 3, 8, 14, 0, tzinfo=TALLINN)
    subscribe(client, "ivan@ngo.example")

    # What the worker does with the run queued for the night after Olga's 7 days are over.
    clock.now = datetime(2026, 3, 10, 2, 0, 5, tzinfo=TALLINN)
    DBTaskResult.objects.filter(task_path=PURGE_TASK).delete()
    assert purge_unconfirmed_subscribers.call() == 1

    assert remaining() == {"ivan@ngo.example"}
    assert queued_purges() == [datetime(2026, 3, 11, 2, 0, tzinfo=TALLINN)]


def test_the_purge_follows_the_clocks_across_daylight_saving_time(clock, database_queue):
    # Estonia moves to summer time on the last Sunday of March (2026-03-29).
    clock.now = datetime(2026, 3, 28, 2, 0, 1, tzinfo=TALLINN)

    purge_unconfirmed_subscribers.call()

    (run_after,) = queued_purges()
    assert run_after.astimezone(TALLINN).hour == 2
    assert run_after.astimezone(TALLINN).date().isoformat() == "2026-03-29"


def test_without_a_deferring_backend_nothing_is_queued_and_cron_does_it(client, site_tree):
    # The test settings' immediate backend cannot defer work: no loop of immediate runs.
    subscribe(client, "olga@ngo.example")

    assert DBTaskResult.objects.count() == 0
    assert Subscriber.objects.count() == 1
