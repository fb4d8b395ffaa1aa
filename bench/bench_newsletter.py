"""The newsletter's send rate: campaigns of 10,000 and 50,000 subscribers, rate limit off, sent
by a real task worker (``manage.py db_worker``, its own process) into a local SMTP sink in its
own process: Postfix's ``smtp-sink`` when installed (Debian package postfix), an aiosmtpd sink
otherwise. In the same run the sink's ceiling: the same number of pre-built messages of the
same size sent over one connection by a bare smtplib loop. Printed: messages per second, the
ratio to the ceiling, and the worker's peak memory (its maximum resident set).

    make bench BENCH=newsletter
    BENCH_NEWSLETTER_SIZES=10000,50000,100000 make bench BENCH=newsletter
    DATABASE_URL=postgres://... make bench BENCH=newsletter
"""

import os
import smtplib
import subprocess
import sys
import time

from bench.campaign import (
    ROOT,
    bulletin,
    free_port,
    start_sink,
    subscribers,
    worker_environment,
)

SIZES = [int(size) for size in os.environ.get("BENCH_NEWSLETTER_SIZES", "10000,50000").split(",")]


def _ceiling(port, message, count):
    """A bare smtplib loop: ``count`` copies of one pre-built message over one connection."""
    started = time.perf_counter()
    client = smtplib.SMTP("127.0.0.1", port, timeout=30)
    client.ehlo()
    for number in range(count):
        client.sendmail("sild@example.org", [f"reader{number}@bench.example.org"], message)
    client.quit()
    return count / (time.perf_counter() - started)


def _campaign(page, port, count):
    """Queue the campaign, then let one real worker send it all; return the figures."""
    from django.db.models import Max, Min
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from bulletins.models import Campaign, Delivery
    from bulletins.tasks import start_campaign

    DBTaskResult.objects.all().delete()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        campaign = Campaign.objects.create(page=page, languages=["ru", "et", "en"])
        started = time.perf_counter()
        start_campaign.call(campaign.pk)  # writes the deliveries, queues the first batch
        queued_in = time.perf_counter() - started
    started = time.perf_counter()
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
            "--interval",
            "0",
        ],
        cwd=ROOT,
        env=worker_environment(port),
        stdin=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(worker.pid, 0)
    elapsed = time.perf_counter() - started
    worker.returncode = os.waitstatus_to_exitcode(status)
    deliveries = Delivery.objects.filter(campaign=campaign)
    sent = deliveries.filter(status=Delivery.Status.SENT)
    span = sent.aggregate(first=Min("sent_at"), last=Max("sent_at"))
    sending = (span["last"] - span["first"]).total_seconds() if span["first"] else 0
    return {
        "sent": sent.count(),
        "total": deliveries.count(),
        "queued_in": queued_in,
        "elapsed": elapsed,
        "sending": sending,
        "peak_mib": usage.ru_maxrss / 1024,
        "returncode": worker.returncode,
    }


def main():
    from django.test import override_settings
    from django.urls import clear_url_caches

    with override_settings(ROOT_URLCONF="tests.bulletins.urls"):
        clear_url_caches()
        result = _main()
    clear_url_caches()
    return result


def _main():
    from django.core.management import call_command
    from django.db import connection

    from bulletins.rendering import BulletinMail, render_bulletin

    call_command("migrate", verbosity=0)
    page = bulletin()
    port = free_port()
    sink, sink_name = start_sink(port)
    try:
        print(f"{connection.vendor}, sink: {sink_name}, rate limit off, one worker process")
        result = {"database": connection.vendor, "sink": sink_name, "sizes": {}, "summary": {}}
        for count in SIZES:
            reader = subscribers(count)
            mail = BulletinMail(render_bulletin(page))
            message = mail.message_bytes(
                reader.email, mail.message_id(f"0.{reader.pk}"), mail.links_for(reader)
            )
            ceiling = _ceiling(port, message, count)
            figures = _campaign(page, port, count)
            rate = figures["sent"] / figures["elapsed"]
            result["sizes"][count] = {**figures, "rate": rate, "ceiling": ceiling}
            result["summary"][f"send rate, {count} subscribers"] = (
                f"{rate:.0f} msg/s ({rate / ceiling:.0%} of the sink's ceiling)"
            )
            print(
                f"{count:>7} subscribers, {len(message) / 1000:.1f} kB a message: "
                f"ceiling {ceiling:6.0f} msg/s (bare smtplib loop); "
                f"campaign {rate:6.0f} msg/s = {rate / ceiling:4.0%} of the ceiling "
                f"({figures['sent']}/{figures['total']} sent in {figures['elapsed']:.1f} s "
                f"with the worker's start-up; first to last message {figures['sending']:.1f} s, "
                f"{figures['sent'] / max(figures['sending'], 1e-9):.0f} msg/s); "
                f"deliveries written in {figures['queued_in']:.1f} s; "
                f"worker peak memory {figures['peak_mib']:.0f} MiB; "
                f"worker exit {figures['returncode']}",
                flush=True,
            )
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    return result
