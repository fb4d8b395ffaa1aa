"""32 people browsing and searching the site for 60 s while a bulletin goes out to 10,000
subscribers, everything on 127.0.0.1.

    make bench BENCH=load                                     # SQLite, var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/load REDIS_URL=redis://127.0.0.1:6379/6 \\
        make bench BENCH=load

The processes are those of production (deploy/systemd): gunicorn with 2 sync workers (as
sild-web.service but 2 workers, ``--timeout 30 --max-requests 2000``, access log), the task
worker and, as the mail server, an aiosmtpd sink in its own process that notes every recipient.
With REDIS_URL they run with ``portal.settings.production`` and the RQ worker
(``rqworker --with-scheduler``, TASKS_BACKEND=rq; that Redis database is emptied first: give
the bench one of its own); without it with the bench settings (DEBUG off) and
``manage.py db_worker``.

The database gets the demo content, the bench's organisations (bench_directory_search,
``BENCH_ORGANISATIONS``), a bulletin of about 42 kB a message and exactly 10,000 confirmed
subscribers. The campaign is started as the editor's "Send" starts it
(``bulletins.sending.queue_campaign``, in a process with the worker's settings), then wrk
(``/usr/bin/wrk``, ``bench/load.lua``) keeps 32 connections busy, no pause between requests, on
a mix of home pages, directory searches with facets, call lists with filters, call pages,
profiles, bulletin pages, the site search and event lists. Every path of the mix is requested
once before, and must answer 200.

Printed and written to ``var/bench/load-<time>.json``: requests per second, latency p50/p90/p99,
errors (wrk's socket errors and non-2xx/3xx answers, 4xx/5xx in gunicorn's access log,
tracebacks in the processes' logs), messages the sink received during the window, when the
campaign was complete, and the sink's count of messages and distinct recipients. The bench
exits with status 1 unless there was no error and every subscriber got exactly one message.

``BENCH_LOAD_SECONDS`` (60), ``BENCH_LOAD_USERS`` (32), ``BENCH_LOAD_SUBSCRIBERS`` (10000),
``BENCH_LOAD_WEB_WORKERS`` (2), ``BENCH_LOAD_WORKER_CLASS`` (sync, or gthread with
``BENCH_LOAD_THREADS``, 4), ``BENCH_LOAD_PORT`` (8600; the sink on the next port),
``BENCH_LOAD_BASELINE=1`` (the same load for the same time before the campaign, to compare),
``BENCH_LOAD_CAMPAIGN_TIMEOUT`` (900 s).
"""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from bench.campaign import (
    ROOT,
    bulletin,
    database_url,
    read_recipients,
    start_sink,
    subscribers,
    wait_for_port,
    worker_environment,
)

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
USERS = int(os.environ.get("BENCH_LOAD_USERS", "32"))
SUBSCRIBERS = int(os.environ.get("BENCH_LOAD_SUBSCRIBERS", "10000"))
WEB_WORKERS = int(os.environ.get("BENCH_LOAD_WEB_WORKERS", "2"))
WORKER_CLASS = os.environ.get("BENCH_LOAD_WORKER_CLASS", "sync")
THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "4"))
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8600"))
BASELINE = os.environ.get("BENCH_LOAD_BASELINE", "") not in ("", "0")
CAMPAIGN_TIMEOUT = int(os.environ.get("BENCH_LOAD_CAMPAIGN_TIMEOUT", "900"))
WRK = os.environ.get("WRK", "/usr/bin/wrk")
OUT = ROOT / "var" / "bench"
# Requests of the mix: each kind of page the same share.
PER_KIND = 24

SEARCHES = ["грант", "молодёжь", "noored", "обучение", "toetus", "Нарва", "koolitus", "partner"]
CALL_FILTERS = [
    {},
    {"status": "closing-soon"},
    {"status": "open", "county": "ida-viru"},
    {"eligible": "ngo"},
    {"status": "upcoming", "eligible": "informal-group"},
    {"county": "harju", "status": "open"},
]
EVENT_FILTERS = [{}, {"place": "online"}, {"language": "ru"}, {"when": "past"}, {"place": "harju"}]


class Failed(Exception):
    pass


# Setting up --------------------------------------------------------------------------------


def _prepare():
    from django.core.management import call_command

    from bench.bench_directory_search import prepare as prepare_directory

    call_command("migrate", verbosity=0)
    call_command("compile_translations", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    prepare_directory()
    page = bulletin()
    subscribers(SUBSCRIBERS)
    print(f"seeded in {time.perf_counter() - started:.0f} s")
    return page


def _mix(bulletin_page):
    """The paths of the users' mix, every kind of page the same share."""
    from bench.bench_directory_search import CONCEPT_QUERIES, QUERIES
    from bulletins.models import BulletinIndexPage, BulletinPage
    from calls.models import CallIndexPage, CallPage
    from directory.models import OrganisationPage
    from events.models import EventIndexPage

    def live(model, count):
        pages = model.objects.live().order_by("pk")
        step = max(1, pages.count() // count)
        return [page.get_url() for page in pages[::step][:count]]

    def with_query(paths, params_list):
        return [
            f"{path}?{urlencode(params)}" if params else path
            for path in paths
            for params in params_list
        ]

    directories = [f"/{code}/organisations/" for code in ("ru", "et")]
    kinds = {
        "home": ["/ru/", "/et/", "/en/"],
        "directory search": with_query(directories[:1], QUERIES + CONCEPT_QUERIES)
        + with_query(directories[1:], QUERIES[:4]),
        "call list": with_query(live(CallIndexPage, 3), CALL_FILTERS),
        "call page": live(CallPage, 30),
        "profile": live(OrganisationPage, 60),
        "bulletin": [bulletin_page.get_url(), *live(BulletinPage, 10), *live(BulletinIndexPage, 3)],
        "site search": [
            f"/{code}/search/?{urlencode({'q': query})}"
            for code in ("ru", "et")
            for query in SEARCHES
        ],
        "event list": with_query(live(EventIndexPage, 3), EVENT_FILTERS),
    }
    mix = {}
    for kind, paths in kinds.items():
        if not paths:
            raise Failed(f"no page for {kind!r} in the database")
        mix[kind] = [paths[number % len(paths)] for number in range(max(PER_KIND, len(paths)))]
    return mix


def _processes_environment(smtp_port):
    """The web's and the task worker's environments, and the worker's command."""
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        worker = worker_environment(smtp_port)
        web = {**worker, "DJANGO_SETTINGS_MODULE": "portal.settings.bench"}
        command = ["manage.py", "db_worker", "--queue-name", "*", "--no-startup-delay"]
        return "bench settings, db_worker", web, worker, command
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("NEWSLETTER_")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "TASKS_BACKEND": "rq",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DEFAULT_FROM_EMAIL": "Sild <sild@sild.example>",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORT}",
        "NEWSLETTER_RATE_PER_SECOND": "0",
        "PYTHONUNBUFFERED": "1",
    }
    command = ["manage.py", "rqworker", "--with-scheduler"]
    command += ["--job-class", "django_tasks_rq.Job", "default"]
    return "production settings, RQ worker", env, env, command


def _empty_queue():
    """No task of an earlier run left for the worker."""
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    else:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()


class Processes:
    def __init__(self, logs):
        self.logs = logs
        self.running = {}
        self.others = []  # processes of the session's own (the sink)

    def start(self, name, command, env):
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop_all
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # A session of its own: stopping it stops gunicorn's and RQ's children too.
            start_new_session=True,
        )
        self.running[name] = (process, log)
        return process

    def check(self):
        for name, (process, _log) in self.running.items():
            if process.poll() is not None:
                raise Failed(f"{name} exited with {process.returncode}")

    def stop_all(self):
        for name, (process, log) in self.running.items():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    print(f"{name} did not stop in 30 s: killed")
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
            log.close()
        for process in self.others:
            process.terminate()
            process.wait(timeout=10)

    def tracebacks(self):
        found = {}
        for name in self.running:
            text = (self.logs / f"{name}.log").read_text(errors="replace")
            count = text.count("Traceback (most recent call last)")
            if count:
                found[name] = count
        return found


def _get(url, timeout=60):
    import requests

    headers = {"X-Forwarded-Proto": "https", "Accept-Language": "ru"}
    return requests.get(url, headers=headers, timeout=timeout, allow_redirects=False).status_code


def _wait_for_web(base, processes, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check()
        try:
            if _get(f"{base}/healthz", timeout=5) == 200:
                return
        except OSError:  # requests' ConnectionError is one
            pass
        time.sleep(0.3)
    raise Failed("gunicorn did not answer /healthz")


def _queue_campaign(page, env):
    """The editor's "Send" (``sending.queue_campaign``), in a process of the worker's settings
    so that its task goes to the worker's queue. Returns the campaign's id and the moment."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_load", "send", str(page.pk)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise Failed(f"queueing the campaign failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _send(page_id):
    import uuid

    import django
    from django.conf import settings

    django.setup()
    from django.contrib.auth import get_user_model

    from bulletins import sending
    from bulletins.models import BulletinPage

    page = BulletinPage.objects.get(pk=page_id)
    editor = get_user_model().objects.filter(username="editor").first()
    clicked = time.time()
    campaign, _created = sending.queue_campaign(
        page,
        languages=[code for code, _name in settings.LANGUAGES],
        user=editor,
        send_key=uuid.uuid4(),
    )
    print(json.dumps({"campaign": campaign.pk, "clicked": clicked}))


# Measuring ---------------------------------------------------------------------------------


def _wrk(base, paths_file, seconds):
    command = [WRK, "-t", "2", "-c", str(USERS), "-d", f"{seconds}s", "--timeout", "30s"]
    command += ["-s", str(ROOT / "bench" / "load.lua"), base, "--", str(paths_file)]
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    ended = time.time()
    line = next((x for x in result.stdout.splitlines() if x.startswith("LOAD_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise Failed(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line.removeprefix("LOAD_JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["started"], figures["ended"] = started, ended
    figures["load_average"] = os.getloadavg()
    return figures


def _load(average):
    return " ".join(f"{value:.2f}" for value in average)


ACCESS_LINE = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3}) ')


def _access_log(log, since):
    """Statuses in gunicorn's access log from byte ``since`` on: a Counter of statuses and the
    paths that answered 4xx or 5xx."""
    with open(log, "rb") as file:
        file.seek(since)
        text = file.read().decode(errors="replace")
    statuses, failing = Counter(), Counter()
    for path, status in ACCESS_LINE.findall(text):
        statuses[status] += 1
        if status >= "400":
            failing[f"{status} {path}"] += 1
    return statuses, failing


def _wait_for_campaign(campaign_id, processes, timeout):
    from bulletins.models import Campaign

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check()
        status = Campaign.objects.filter(pk=campaign_id).values_list("status", flat=True).first()
        if status in (Campaign.Status.DONE, Campaign.Status.CANCELLED):
            return status
        time.sleep(1)
    raise Failed(f"the campaign was not done after {timeout} s")


def _run_load(base, paths_file, log, label):
    since = log.stat().st_size
    figures = _wrk(base, paths_file, SECONDS)
    statuses, failing = _access_log(log, since)
    figures["statuses"] = dict(sorted(statuses.items()))
    figures["failing"] = dict(failing.most_common(20))
    errors = figures["errors"]
    figures["error_count"] = sum(errors.values()) + sum(failing.values())
    print(
        f"{label}: {USERS} users, {SECONDS} s: {figures['rps']:.1f} requests/s "
        f"({figures['requests']} requests), latency p50 {figures['latency_ms']['p50']:.0f} ms, "
        f"p90 {figures['latency_ms']['p90']:.0f} ms, p99 {figures['latency_ms']['p99']:.0f} ms, "
        f"max {figures['latency_ms']['max']:.0f} ms; errors {figures['error_count']} "
        f"(wrk {errors}, statuses {figures['statuses']}); "
        f"load average {_load(figures['load_average'])}",
        flush=True,
    )
    for line, count in failing.most_common(20):
        print(f"    {count:5} × {line}")
    return figures


def main():
    started = datetime.now(UTC)
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    logs = OUT / f"load-{stamp}"
    logs.mkdir()
    report = {"started": started.isoformat(), "users": USERS, "seconds": SECONDS}
    processes = Processes(logs)
    problems = []
    try:
        problems = _main(report, processes, logs)
    except Failed as error:
        problems.append(str(error))
    finally:
        processes.stop_all()
    report["problems"] = problems
    report["tracebacks"] = processes.tracebacks()
    if report["tracebacks"]:
        problems.append(f"tracebacks in the logs: {report['tracebacks']} (see {logs})")
    path = OUT / f"load-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"figures in {path.relative_to(ROOT)}, logs in {logs.relative_to(ROOT)}/")
    if problems:
        for problem in problems:
            print(f"FAILED: {problem}")
        raise SystemExit(1)
    print("passed: no error, every subscriber got exactly one message")


def _main(report, processes, logs):
    from django.db import connection

    from bulletins.models import Delivery, Subscriber

    problems = []
    page = _prepare()
    mix = _mix(page)
    paths_file = logs / "paths.txt"
    paths_file.write_text("".join(f"{p}\n" for paths in mix.values() for p in paths))
    _empty_queue()

    smtp_port = PORT + 1
    recipients_file = logs / "recipients.txt"
    sink, _name = start_sink(smtp_port, recipients_file)
    processes.others.append(sink)
    setup, web_env, worker_env, worker_command = _processes_environment(smtp_port)
    report["setup"] = {
        "database": connection.vendor,
        "processes": setup,
        "web": f"gunicorn, {WEB_WORKERS} {WORKER_CLASS} workers"
        + (f" × {THREADS} threads" if WORKER_CLASS == "gthread" else ""),
        "subscribers": SUBSCRIBERS,
        "paths": {kind: len(set(paths)) for kind, paths in mix.items()},
    }
    print(
        f"{connection.vendor}, {setup}, {report['setup']['web']}, aiosmtpd sink; "
        f"mix of {sum(len(set(p)) for p in mix.values())} paths: {report['setup']['paths']}",
        flush=True,
    )
    if os.environ.get("REDIS_URL"):
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=web_env,
            check=True,
        )
    gunicorn = [str(Path(sys.executable).with_name("gunicorn")), "portal.wsgi"]
    gunicorn += ["--bind", f"127.0.0.1:{PORT}", "--workers", str(WEB_WORKERS)]
    gunicorn += ["--worker-class", WORKER_CLASS]
    if WORKER_CLASS == "gthread":
        gunicorn += ["--threads", str(THREADS)]
    gunicorn += ["--timeout", "30", "--max-requests", "2000", "--max-requests-jitter", "200"]
    gunicorn += ["--access-logfile", "-"]
    processes.start("web", gunicorn, web_env)
    processes.start("worker", [sys.executable, *worker_command], worker_env)
    base = f"http://127.0.0.1:{PORT}"
    _wait_for_web(base, processes)
    wait_for_port(smtp_port, sink, "the SMTP sink")

    # Every path of the mix once: each must answer 200 (and caches are warm, as on a live site).
    for path in sorted({p for paths in mix.values() for p in paths}):
        status = _get(base + path)
        if status != 200:
            problems.append(f"before the load: {path} answered {status}")
    if problems:
        return problems

    log = logs / "web.log"
    if BASELINE:
        report["baseline"] = _run_load(base, paths_file, log, "without a campaign")
        problems += [f"baseline: {report['baseline']['error_count']} errors"] * bool(
            report["baseline"]["error_count"]
        )

    queued = _queue_campaign(page, worker_env)
    campaign_id, clicked = queued["campaign"], queued["clicked"]
    load = _run_load(base, paths_file, log, "while the campaign is sent")
    report["load"] = load
    if load["error_count"]:
        problems.append(f"{load['error_count']} errors under load")

    status = _wait_for_campaign(campaign_id, processes, CAMPAIGN_TIMEOUT)
    # The sink notes a message once the server answered; give it a moment for the last one.
    deadline = time.monotonic() + 10
    while len(read_recipients(recipients_file)) < SUBSCRIBERS and time.monotonic() < deadline:
        time.sleep(0.2)
    received = read_recipients(recipients_file)
    times = [moment for moment, _address in received]
    addresses = Counter(address for _moment, address in received)
    expected = set(Subscriber.objects.values_list("email", flat=True))
    in_window = sum(load["started"] <= moment <= load["ended"] for moment in times)
    sent = Delivery.objects.filter(campaign_id=campaign_id, status=Delivery.Status.SENT).count()
    other = Counter(
        Delivery.objects.filter(campaign_id=campaign_id)
        .exclude(status=Delivery.Status.SENT)
        .values_list("status", flat=True)
    )
    campaign = {
        "status": status,
        "messages": len(received),
        "distinct_recipients": len(addresses),
        "duplicates": len(received) - len(addresses),
        "missing": len(expected - set(addresses)),
        "unexpected": len(set(addresses) - expected),
        "deliveries_sent": sent,
        "deliveries_not_sent": dict(other),
        "during_window": in_window,
        "window_rate": in_window / (load["ended"] - load["started"]),
        "first_after_s": (min(times) - clicked) if times else None,
        "complete_after_s": (max(times) - clicked) if times else None,
    }
    report["campaign"] = campaign
    print(
        f"campaign: {campaign['messages']} messages to {campaign['distinct_recipients']} distinct "
        f"recipients ({campaign['duplicates']} duplicates, {campaign['missing']} missing); "
        f"{in_window} during the {SECONDS} s window ({campaign['window_rate']:.0f} msg/s); "
        f"first message {campaign['first_after_s'] or 0:.1f} s after Send, all "
        f"{campaign['complete_after_s'] or 0:.1f} s after; deliveries sent {sent}, "
        f"others {dict(other)}; load average {_load(os.getloadavg())}",
        flush=True,
    )
    if not (
        status == "done"
        and len(received) == len(addresses) == sent == SUBSCRIBERS
        and not campaign["missing"]
        and not campaign["unexpected"]
    ):
        problems.append("the campaign did not reach every subscriber exactly once")
    return problems


if __name__ == "__main__" and sys.argv[1:2] == ["send"]:
    _send(int(sys.argv[2]))
