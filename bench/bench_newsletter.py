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

import asyncio
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = [int(size) for size in os.environ.get("BENCH_NEWSLETTER_SIZES", "10000,50000").split(",")]
MESSAGE_BYTES = 42_000
PARAGRAPH = (
    "<p>Фонд гражданского общества открыл конкурс для молодёжных организаций Ида-Вирумаа: "
    'до 15 000 евро на совместные проекты с эстоноязычными партнёрами. <a href="https://'
    'kysk.ee/taotlusvoorud/">Условия конкурса</a>. Kodanikuühiskonna Sihtkapital avas uue '
    "taotlusvooru noorteühendustele.</p>"
)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_sink(port):
    """smtp-sink (C, from Postfix) if present, else an aiosmtpd sink in its own process."""
    smtp_sink = shutil.which("smtp-sink") or (
        "/usr/sbin/smtp-sink" if Path("/usr/sbin/smtp-sink").exists() else None
    )
    if smtp_sink:
        command = [smtp_sink]
        if os.geteuid() == 0:
            command += ["-u", "nobody"]
        command += [f"127.0.0.1:{port}", "256"]
        name = "smtp-sink (Postfix)"
    else:
        command = [sys.executable, "-m", "bench.bench_newsletter", "sink", str(port)]
        name = "aiosmtpd sink"
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, name
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the SMTP sink did not start")


def _run_aiosmtpd_sink(port):
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        asyncio.get_event_loop().run_until_complete(asyncio.Event().wait())
    finally:
        controller.stop()


def _bulletin():
    from datetime import date

    from bulletins.models import BulletinIndexPage, BulletinPage
    from bulletins.rendering import BulletinMail, render_bulletin
    from home import demo

    homes = demo.seed()["homes"]
    index = BulletinIndexPage.objects.child_of(homes["ru"]).first()
    if index is None:
        index = BulletinIndexPage(title="Бюллетень", slug="bulletins")
        homes["ru"].add_child(instance=index)
        index.save_revision().publish()
    page = BulletinPage.objects.child_of(index).filter(slug="bench").first()
    if page is None:
        page = BulletinPage(
            title="Бюллетень №1: гранты, обучение и новости сети",
            slug="bench",
            issue_number=1,
            issue_date=date(2026, 12, 1),
            introduction="Конкурсы, обучение и новости сети за неделю.",
        )
        index.add_child(instance=page)
    # Paragraphs until the message for one reader weighs about MESSAGE_BYTES.
    for count in range(1, 400):
        page.body = [("paragraph", PARAGRAPH)] * count
        size = len(
            BulletinMail(render_bulletin(page)).message_bytes(
                "a@example.org",
                "<x>",
                {
                    "unsubscribe": "https://example.org/newsletter/unsubscribe/" + "x" * 60 + "/",
                    "preferences": "https://example.org/newsletter/preferences/" + "x" * 60 + "/",
                },
            )
        )
        if size >= MESSAGE_BYTES:
            break
    page.save_revision().publish()
    return page


def _subscribers(count):
    from bulletins.models import Campaign, Subscriber

    Campaign.objects.all().delete()
    Subscriber.objects.all().delete()
    batch = 5000
    for start in range(0, count, batch):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader{number}@bench.example.org",
                language="ru",
                status=Subscriber.Status.CONFIRMED,
            )
            for number in range(start, min(count, start + batch))
        )
    return Subscriber.objects.order_by("pk").first()


def _ceiling(port, message, count):
    """A bare smtplib loop: ``count`` copies of one pre-built message over one connection."""
    started = time.perf_counter()
    client = smtplib.SMTP("127.0.0.1", port, timeout=30)
    client.ehlo()
    for number in range(count):
        client.sendmail("sild@example.org", [f"reader{number}@bench.example.org"], message)
    client.quit()
    return count / (time.perf_counter() - started)


def _worker_environment(port):
    from django.db import connection

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        database_url = f"sqlite:///{settings_dict['NAME']}"
    else:
        database_url = os.environ["DATABASE_URL"]
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSLETTER_")}
    env.update(
        # The development settings with the test suite's URLs, which stand in for the subscriber
        # link views until those are there (then they add nothing).
        DJANGO_SETTINGS_MODULE="tests.bulletins.worker_settings",
        DATABASE_URL=database_url,
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        NEWSLETTER_RATE_PER_SECOND="0",
        REDIS_URL="",
        TASKS_BACKEND="database",
    )
    return env


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
        env=_worker_environment(port),
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
    page = _bulletin()
    port = _free_port()
    sink, sink_name = _start_sink(port)
    try:
        print(f"{connection.vendor}, sink: {sink_name}, rate limit off, one worker process")
        result = {"database": connection.vendor, "sink": sink_name, "sizes": {}, "summary": {}}
        for count in SIZES:
            reader = _subscribers(count)
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


if __name__ == "__main__" and sys.argv[1:2] == ["sink"]:
    _run_aiosmtpd_sink(int(sys.argv[2]))
