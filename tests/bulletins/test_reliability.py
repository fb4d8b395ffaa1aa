"""Real task workers (``manage.py db_worker`` processes) sending a campaign of 1,000 through a
real SMTP server in this process, while they are killed, stopped or doubled.

The workers need a database this process shares with them, so the tests of this module run on
a database of their own (a SQLite file, or a PostgreSQL database named after the configured
one), migrated once, instead of the test database; they drop it at the end. Every wait is
bounded and every worker is killed at the end, whatever happened."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import environ
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from bulletins.models import Campaign, Delivery, Subscriber
from bulletins.sending import queue_campaign
from bulletins.tasks import send_batch
from home import demo

from .fixtures_sending import make_subscribers, publish_bulletin

ROOT = Path(__file__).resolve().parents[2]
AUDIENCE = 1000

pytestmark = pytest.mark.reliability


def _database_url_config():
    return environ.Env.db_url_config(
        os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'db.sqlite3'}")
    )


@pytest.fixture(scope="module")
def worker_database(django_db_blocker, tmp_path_factory):
    """A migrated database shared by this process and the workers it starts, with the demo
    foundation (locales, home pages); this process uses it as its default database meanwhile."""
    config = _database_url_config()
    postgres = config["ENGINE"] == "django.db.backends.postgresql"
    if postgres:
        name = f"{config['NAME']}_workers_{os.getpid()}"
        url = (
            f"postgres://{config['USER']}:{config.get('PASSWORD') or ''}@"
            f"{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"
        )
        _postgres_admin(config, f'DROP DATABASE IF EXISTS "{name}"')
        _postgres_admin(config, f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path_factory.mktemp("workers") / "db.sqlite3")
        url = f"sqlite:///{name}"
    env = _environment(url)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        with django_db_blocker.unblock():
            original = connections["default"]
            shared = original.__class__({**original.settings_dict, "NAME": name}, alias="default")
            connections["default"] = shared
            # Content types are cached per process by database alias: the ids of one database
            # would be taken for the other's (a page saved later with a type that is not there).
            ContentType.objects.clear_cache()
            try:
                with override_settings(
                    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
                ):
                    homes = demo.seed()["homes"]
                    yield {"url": url, "env": env, "home": homes["ru"], "postgres": postgres}
            finally:
                shared.close()
                connections["default"] = original
                ContentType.objects.clear_cache()
    finally:
        if postgres:
            _postgres_admin(config, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_admin(config, sql):
    import psycopg

    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(sql)


def _environment(url, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSLETTER_", "EMAIL_", "REDIS_", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.bulletins.worker_settings",
        DATABASE_URL=url,
        NEWSLETTER_LEASE_SECONDS="3",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


class Workers:
    """``manage.py db_worker`` processes; whatever happens, none outlives the test."""

    def __init__(self, database, smtp_port, tmp_path):
        self.database = database
        self.smtp_port = smtp_port
        self.tmp_path = tmp_path
        self.processes = []

    def start(self, rate=0):
        env = {
            **self.database["env"],
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "NEWSLETTER_RATE_PER_SECOND": str(rate),
        }
        log = open(self.tmp_path / f"worker-{len(self.processes)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.processes.append(process)
        return process

    def logs(self):
        return "\n".join(
            (self.tmp_path / f"worker-{number}.log").read_text(errors="replace")[-3000:]
            for number in range(len(self.processes))
        )

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
            process.log.close()


@pytest.fixture
def workers(worker_database, smtp_server, settings, tmp_path):
    pool = Workers(worker_database, settings.EMAIL_PORT, tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()
        Campaign.objects.all().delete()
        Subscriber.objects.all().delete()
        DBTaskResult.objects.all().delete()


def wait_for(condition, timeout, what, workers):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n{workers.logs()}")
        time.sleep(0.05)


def campaign_of(worker_database, count, prefix="reader"):
    readers = make_subscribers(count, prefix=prefix)
    page = publish_bulletin(worker_database["home"], slug=f"issue-{prefix}-{time.time_ns()}")
    campaign, _created = queue_campaign(page, languages=["ru"])
    return campaign, readers


def done(campaign):
    def check():
        campaign.refresh_from_db()
        return campaign.status == Campaign.Status.DONE

    return check


def received(smtp_server):
    return Counter(address for message in smtp_server.messages for address in message["to"])


def test_a_killed_worker_is_replaced_and_the_campaign_finishes(
    worker_database, workers, smtp_server
):
    left_before = make_subscribers(10, prefix="left-before")
    Subscriber.objects.filter(email__startswith="left-before").update(
        status=Subscriber.Status.UNSUBSCRIBED
    )
    campaign, readers = campaign_of(worker_database, AUDIENCE)
    assert campaign.deliveries.count() == 0  # queued, started by the worker

    first = workers.start(rate=200)
    wait_for(lambda: len(smtp_server.messages) >= 300, 60, "300 messages", workers)
    # Ten readers at the end of the queue leave while the campaign is going on.
    leaving = readers[-10:]
    Subscriber.objects.filter(pk__in=[r.pk for r in leaving]).update(
        status=Subscriber.Status.UNSUBSCRIBED
    )
    wait_for(lambda: len(smtp_server.messages) >= 500, 60, "500 messages", workers)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    at_kill = len(smtp_server.messages)
    assert at_kill < AUDIENCE - 10

    workers.start()  # alone: nobody starts the campaign again
    wait_for(done(campaign), 120, "the campaign to finish", workers)

    counts = received(smtp_server)
    expected = {r.email for r in readers[:-10]}
    assert set(counts) == expected
    twice = [address for address, count in counts.items() if count > 1]
    assert len(twice) <= 1, twice  # at most the message in flight at the kill
    assert not {r.email for r in left_before + leaving} & set(counts)
    statuses = Counter(campaign.deliveries.values_list("status", flat=True))
    assert statuses == {Delivery.Status.SENT: AUDIENCE - 10, Delivery.Status.SKIPPED: 10}


def test_sigterm_finishes_the_message_in_flight_and_stops_cleanly(
    worker_database, workers, smtp_server
):
    campaign, readers = campaign_of(worker_database, 300, prefix="term")
    worker = workers.start(rate=100)
    wait_for(lambda: len(smtp_server.messages) >= 50, 60, "50 messages", workers)

    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0
    sent_at_stop = len(smtp_server.messages)
    assert sent_at_stop < 300
    assert campaign.deliveries.filter(status=Delivery.Status.SENT).count() == sent_at_stop
    # Nothing is left leased: another worker can take everything at once.
    assert not campaign.deliveries.filter(lease_token__isnull=False).exists()

    workers.start()
    wait_for(done(campaign), 60, "the campaign to finish", workers)
    counts = received(smtp_server)
    assert set(counts) == {r.email for r in readers}
    assert set(counts.values()) == {1}  # no duplicate at all


def test_two_workers_at_once_send_each_message_exactly_once(worker_database, workers, smtp_server):
    if not worker_database["postgres"]:
        pytest.skip("two concurrent workers are tested on PostgreSQL (DATABASE_URL=postgres://)")
    campaign, readers = campaign_of(worker_database, AUDIENCE, prefix="two")
    workers.start()
    workers.start()

    wait_for(done(campaign), 120, "the campaign to finish", workers)

    counts = received(smtp_server)
    assert set(counts) == {r.email for r in readers}
    assert set(counts.values()) == {1}
    batches = DBTaskResult.objects.filter(task_path=send_batch.module_path, status="SUCCESSFUL")
    assert len({worker for result in batches for worker in result.worker_ids}) == 2
