"""portal.mail and portal.ratelimit: the one way every feature sends mail and limits forms."""

import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.test import RequestFactory

from portal.mail import email_builder, send_email
from portal.ratelimit import allow, client_ip

from .test_production_settings import ROOT

pytestmark = pytest.mark.django_db


@email_builder
def greeting(to):
    return EmailMessage(subject="Tere", body="Tere!", to=[to])


def not_a_builder(to):  # pragma: no cover - must never be called
    raise AssertionError("called")


def builder_path(func):
    return f"{func.__module__}.{func.__qualname__}"


def test_the_worker_calls_only_functions_marked_as_builders():
    with pytest.raises(ValueError):
        send_email.call(builder_path(not_a_builder), {"to": "a@example.org"})
    with pytest.raises(ValueError):
        send_email.call("os.system", {"command": "true"})


@pytest.fixture
def silent_server():
    """A server that accepts SMTP connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_never_answers_does_not_hold_the_worker(silent_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = silent_server
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_SEND_ATTEMPTS = 2

    started = time.monotonic()
    result = send_email.enqueue(builder_path(greeting), {"to": "a@example.org"})

    # Two attempts of one second each (immediate backend: the retry runs at once), not forever.
    assert time.monotonic() - started < 10
    assert result.return_value == "retrying"


def test_email_timeout_comes_from_the_environment_even_with_an_email_url():
    def timeout(extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("EMAIL_TIMEOUT", "DJANGO_SETTINGS_MODULE")
        }
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='portal.settings.dev';"
                "django.setup(); from django.conf import settings; print(settings.EMAIL_TIMEOUT)",
            ],
            cwd=ROOT,
            env={**env, "EMAIL_URL": "smtp://mail.example.org:25", **extra},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.strip()

    assert timeout({}) == "10"
    assert timeout({"EMAIL_TIMEOUT": "3"}) == "3"


def test_a_permanent_refusal_is_not_retried(smtp_server):
    smtp_server.refuse = {"gone@example.org": "550 5.1.1 No such user"}
    attempts = []
    smtp_server.answer_data = lambda envelope: attempts.append(envelope) and None

    result = send_email.enqueue(builder_path(greeting), {"to": "gone@example.org"})

    assert result.return_value == "refused"
    assert smtp_server.messages == []


def test_temporary_failures_are_retried_until_delivered(smtp_server):
    answers = iter(["451 4.3.0 Try later", "451 4.3.0 Try later"])
    smtp_server.answer_data = lambda envelope: next(answers, None)

    send_email.enqueue(builder_path(greeting), {"to": "a@example.org"})

    assert [message["to"] for message in smtp_server.messages] == [["a@example.org"]]


def test_retries_wait_on_the_database_queue(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens
    settings.EMAIL_TIMEOUT = 1

    assert send_email.call(builder_path(greeting), {"to": "a@example.org"}) == "retrying"

    (retry,) = DBTaskResult.objects.all()
    assert retry.args_kwargs["args"][2] == 2
    assert retry.run_after is not None
    assert mail.outbox == []


def test_client_ip_ignores_forwarded_for_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )

    assert client_ip(request) == "203.0.113.1"


def test_client_ip_takes_the_address_the_trusted_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.1",
    )

    assert client_ip(request) == "198.51.100.7"


def test_client_ip_survives_garbage(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="not an address")

    assert client_ip(request) == "unknown"


def test_the_limit_holds_across_subjects_and_windows(settings):
    settings.RATE_LIMITS = {"probe": {"ip": "2/h", "recipient": "1/d"}}
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")

    assert allow(request, "probe", recipient="a@example.org")
    assert not allow(request, "probe", recipient="a@example.org")  # recipient: 1 a day
    assert not allow(request, "probe", recipient="b@example.org")  # ip: 2 an hour
