"""What the benchmarks that send a campaign share (bench_newsletter, bench_load): a local SMTP
sink in its own process, the bulletin and its confirmed subscribers, the task worker's
environment.

The aiosmtpd sink, given a file, appends one line per accepted recipient to it (``<unix time>
<address>``, flushed at once): the benchmark reads who got a message, when and how often.

    python -m bench.campaign sink PORT [RECIPIENTS_FILE]
"""

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MESSAGE_BYTES = 42_000
PARAGRAPH = (
    "<p>Фонд гражданского общества открыл конкурс для молодёжных организаций Ида-Вирумаа: "
    'до 15 000 евро на совместные проекты с эстоноязычными партнёрами. <a href="https://'
    'kysk.ee/taotlusvoorud/">Условия конкурса</a>. Kodanikuühiskonna Sihtkapital avas uue '
    "taotlusvooru noorteühendustele.</p>"
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, what, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{what} did not start")


def start_sink(port, recipients_file=None):
    """smtp-sink (C, from Postfix) if present and no ``recipients_file`` is asked for, else an
    aiosmtpd sink in its own process. Returns the process and the sink's name."""
    smtp_sink = shutil.which("smtp-sink") or (
        "/usr/sbin/smtp-sink" if Path("/usr/sbin/smtp-sink").exists() else None
    )
    if smtp_sink and recipients_file is None:
        command = [smtp_sink]
        if os.geteuid() == 0:
            command += ["-u", "nobody"]
        command += [f"127.0.0.1:{port}", "256"]
        name = "smtp-sink (Postfix)"
    else:
        command = [sys.executable, "-m", "bench.campaign", "sink", str(port)]
        if recipients_file is not None:
            command.append(str(recipients_file))
        name = "aiosmtpd sink"
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL)
    wait_for_port(port, process, "the SMTP sink")
    return process, name


def run_aiosmtpd_sink(port, recipients_file=None):
    from aiosmtpd.controller import Controller

    log = open(recipients_file, "a", buffering=1) if recipients_file else None  # noqa: SIM115

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            if log is not None:
                now = time.time()
                log.write("".join(f"{now:.3f} {rcpt}\n" for rcpt in envelope.rcpt_tos))
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        asyncio.new_event_loop().run_until_complete(asyncio.Event().wait())
    finally:
        controller.stop()


def read_recipients(recipients_file):
    """The sink's file as a list of ``(unix time, address)``."""
    try:
        text = Path(recipients_file).read_text()
    except FileNotFoundError:
        return []
    rows = []
    for line in text.splitlines():
        moment, _space, address = line.partition(" ")
        if address:
            rows.append((float(moment), address))
    return rows


def bulletin():
    """The demo content and a published Russian bulletin whose message for one reader weighs
    about MESSAGE_BYTES."""
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


def subscribers(count):
    """Exactly ``count`` confirmed Russian-reading subscribers (and no campaign); returns the
    first."""
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


def database_url():
    """The benchmark's database as a URL for the processes it starts."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"sqlite:///{connection.settings_dict['NAME']}"
    return os.environ["DATABASE_URL"]


def worker_environment(port):
    """A database task worker's environment (``manage.py db_worker``): the benchmark's
    database, the sink at ``port`` as mail server, no rate limit."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSLETTER_")}
    env.update(
        # The development settings with the test suite's URLs, which stand in for the subscriber
        # link views until those are there (then they add nothing).
        DJANGO_SETTINGS_MODULE="tests.bulletins.worker_settings",
        DATABASE_URL=database_url(),
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        NEWSLETTER_RATE_PER_SECOND="0",
        REDIS_URL="",
        TASKS_BACKEND="database",
    )
    return env


if __name__ == "__main__" and sys.argv[1:2] == ["sink"]:
    run_aiosmtpd_sink(int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
