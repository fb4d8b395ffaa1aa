"""allauth's mails go through the task worker like every other mail: nothing is sent inside
the request, and a mail server that is down is no error for the person signing up."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "anna@narva-noored.example",
    "password1": "Koostoo-2026!",
    "password2": "Koostoo-2026!",
}


def test_the_sign_up_confirmation_is_queued_not_sent_in_the_request(client, site_tree, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    response = client.post("/ru/accounts/signup/", SIGNUP)

    assert response.status_code == 302
    assert mail.outbox == []
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "portal.mail.send_email"


def test_the_worker_sends_it_in_the_visitors_language(client, site_tree, smtp_server):
    client.post("/et/accounts/signup/", SIGNUP)

    (sent,) = smtp_server.messages
    assert sent["to"] == ["anna@narva-noored.example"]
    assert "/et/accounts/confirm-email/" in sent["message"].get_payload(decode=True).decode()


def test_a_mail_server_that_is_down_does_not_break_the_sign_up(client, site_tree, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_SEND_ATTEMPTS = 1

    response = client.post("/ru/accounts/signup/", SIGNUP)

    assert response.status_code == 302
