"""Mail is never sent inside a request: the request saves what it must, then queues
``send_email`` on commit; the task builds the message in the worker and sends it with retries.

A message is described by the dotted path of a *builder*, a function marked with
``@email_builder`` that takes JSON-serialisable keyword arguments and returns an
``EmailMessage`` (or ``None`` when there is nothing to send any more, e.g. the follower left).
Only marked functions can be named, so a row in the task queue cannot make the worker call
anything else.

Temporary failures (a refused connection, a timeout, an SMTP 4xx answer) are retried with
growing delays; a permanent refusal (SMTP 5xx) is logged and not retried. ``EMAIL_TIMEOUT``
bounds every SMTP conversation.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)

FIRST_RETRY_AFTER = timedelta(seconds=30)


class PermanentFailure(Exception):
    """The server refused the message for good: sending it again would not help."""


def email_builder(func):
    func.is_email_builder = True
    return func


def builder_path(builder):
    return f"{builder.__module__}.{builder.__qualname__}"


def _builder(path):
    builder = import_string(path)
    if not getattr(builder, "is_email_builder", False):
        raise ValueError(f"{path} is not an e-mail builder")
    return builder


def is_permanent(error):
    """An SMTP answer in the 5xx range (the address or the message was refused for good)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def deliver(message):
    """Send one message now; raise ``PermanentFailure`` for a 5xx answer, ``OSError`` (which
    ``smtplib.SMTPException`` is) for anything worth trying again."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if is_permanent(error):
            raise PermanentFailure(str(error)) from error
        raise


@task()
def send_email(builder, kwargs, attempt=1):
    message = _builder(builder)(**kwargs)
    if message is None:
        return "nothing to send"
    try:
        deliver(message)
    except PermanentFailure as error:
        logger.warning("%s refused for good: %s", builder, error)
        return "refused"
    except OSError as error:
        if attempt >= settings.EMAIL_SEND_ATTEMPTS:
            logger.error("%s not sent after %d attempts: %s", builder, attempt, error)
            return "failed"
        logger.warning("%s not sent (attempt %d), will retry: %s", builder, attempt, error)
        _enqueue(builder, kwargs, attempt + 1)
        return "retrying"
    return "sent"


def _enqueue(builder, kwargs, attempt=1):
    task_ = send_email
    if attempt > 1 and send_email.get_backend().supports_defer:
        delay = FIRST_RETRY_AFTER * 2 ** (attempt - 2)
        task_ = send_email.using(run_after=timezone.now() + delay)
    return task_.enqueue(builder, kwargs, attempt)


def send_email_on_commit(builder, **kwargs):
    """Queue ``builder(**kwargs)`` for sending once the current transaction commits (at once
    outside a transaction). A rolled-back transaction queues nothing."""
    path = builder_path(builder)
    _builder(path)
    transaction.on_commit(lambda: _enqueue(path, kwargs))


@email_builder
def prepared_message(subject, body, from_email, to, content_subtype, alternatives, headers):
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers)
    message.content_subtype = content_subtype
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message


def send_prepared_on_commit(message):
    """Queue a message already rendered in the request, for mail whose context cannot travel
    to the worker (allauth's, which holds the request and the user)."""
    send_email_on_commit(
        prepared_message,
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=list(message.to),
        content_subtype=message.content_subtype,
        alternatives=[list(item) for item in getattr(message, "alternatives", [])],
        headers=dict(message.extra_headers),
    )
