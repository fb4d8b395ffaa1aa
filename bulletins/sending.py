"""Sending a bulletin: from "Send" to one message per reader, nobody missed, nobody twice.

``queue_campaign`` records a Campaign and, once the transaction commits, queues
``tasks.start_campaign``, which writes one Delivery per reader in bulk. ``tasks.send_batch``
claims a batch of deliveries with a lease (``portal.leases``), queues the next batch for any
other worker, and sends its own over one SMTP connection, committing each delivery right after
the server's answer. A worker that dies leaves its rows leased until the lease expires; the
watchdog (``tasks.watch_campaigns``, or ``manage.py requeue_deliveries`` from cron) then queues
a batch that takes them over. So a hard kill repeats at most the one message in flight, and
SIGTERM, which lets the message in flight finish and gives the rest back, repeats nothing.

Right before each message the reader is checked to be still subscribed and the campaign still
sending. A temporary refusal (4xx, a dropped connection) leaves the row queued and untouchable
until its retry time (``leased_until`` with no holder), with delays doubling; a permanent one
(5xx) fails the delivery with the server's answer, and repeated refusals of the address mark
the subscriber bounced.
"""

import logging
import math
import signal
import smtplib
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import Translation

from portal.leases import free_at, release, renew, take
from portal.mail import is_permanent
from portal.ratelimit import Rate, hit
from portal.translations import is_stale, sync_times

from .models import BulletinPage, Campaign, Delivery, Subscriber
from .rendering import MAIN_LANGUAGE, BulletinMail, language_versions, render_bulletin

logger = logging.getLogger(__name__)

SKIPPED_LEFT = "unsubscribed before their turn"
SKIPPED_CANCELLED = "campaign cancelled"


class CannotSend(Exception):
    """The campaign cannot start as asked; the message says why, for the editor."""


def lease_seconds():
    return settings.NEWSLETTER_LEASE_SECONDS


# The audience ------------------------------------------------------------------------------


def audience(languages, topics=()):
    """Confirmed subscribers reading one of ``languages`` who chose one of ``topics`` (or no
    topic at all: no choice means the whole bulletin). No topics: every subscriber."""
    subscribers = Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED, language__in=list(languages)
    )
    if topics:
        field = Subscriber._meta.get_field("topics")
        wanted = Q(topics="")
        for topic in topics:
            wanted |= field.contains(topic)
        subscribers = subscribers.filter(wanted)
    return subscribers


def audience_counts(languages, topics=()):
    counts = dict(audience(languages, topics).values_list("language").annotate(count=Count("pk")))
    return {language: counts.get(language, 0) for language in languages}


# Language versions and their freshness -----------------------------------------------------


@dataclass
class VersionState:
    language: str
    name: str
    page: BulletinPage | None  # the live version in this language, if any
    stale: bool  # older than its source (wagtail-localize's sync)
    # The language of the version readers of this language get (None: none is published).
    sent_language: str | None

    @property
    def missing(self):
        return self.page is None


def version_states(page):
    """Each language's version of ``page``: live or missing (readers get the Russian one), and
    whether a wagtail-localize translation is older than its source: the source was edited, or
    synchronised, after the translation was last written from it."""
    live = language_versions(page)
    changed_at = _translations_synced(page)
    states = []
    for code, name in settings.LANGUAGES:
        version = live.get(code)
        stale = False
        if version is not None and code in changed_at:
            stale = is_stale(*changed_at[code])
        if version is not None:
            sent = code
        elif MAIN_LANGUAGE in live:
            sent = MAIN_LANGUAGE
        else:
            sent = None  # nothing published to fall back to
        states.append(VersionState(code, name, version, stale, sent))
    return states


def _translations_synced(page):
    """language -> (when its source last changed, when the translation was last written)."""
    translations = list(
        Translation.objects.filter(
            source__object_id=page.translation_key,
            source__specific_content_type=ContentType.objects.get_for_model(BulletinPage),
            enabled=True,
        ).select_related("source__locale", "target_locale")
    )
    times = sync_times(translations)
    return {
        translation.target_locale.language_code: times[translation.pk]
        for translation in translations
    }


# Starting a campaign -----------------------------------------------------------------------


def queue_campaign(
    page,
    *,
    languages,
    topics=(),
    send_at=None,
    allow_stale=False,
    user=None,
    send_key=None,
):
    """Record a campaign of ``page`` for readers of ``languages`` (and ``topics``) and queue its
    start for when the transaction commits (at ``send_at``, or now). Returns ``(campaign,
    created)``: the same ``send_key`` (one send form) always gives the same campaign.

    Raises ``CannotSend`` when the bulletin is not published or a version to be sent is stale
    and ``allow_stale`` was not given."""
    from .tasks import start_campaign

    if send_key is not None:
        existing = Campaign.objects.filter(send_key=send_key).first()
        if existing is not None:
            return existing, False
    states = {state.language: state for state in version_states(page)}
    languages = [code for code, _name in settings.LANGUAGES if code in set(languages)]
    if not languages:
        raise CannotSend(_("Choose at least one language."))
    if any(states[code].sent_language is None for code in languages):
        raise CannotSend(_("The bulletin is not published: publish it before sending it."))
    stale = [states[code].name for code in languages if states[code].stale]
    if stale and not allow_stale:
        raise CannotSend(
            _(
                "These language versions are older than their source: %(languages)s. Update "
                "them, or confirm that you want to send them as they are."
            )
            % {"languages": ", ".join(stale)}
        )
    with transaction.atomic():
        campaign, created = Campaign.objects.get_or_create(
            send_key=send_key or uuid.uuid4(),
            defaults={
                "page": page,
                "languages": languages,
                "topics": list(topics),
                "send_at": send_at,
                "allow_stale": bool(stale),
                "created_by": user,
            },
        )
        if created:
            transaction.on_commit(lambda: _queue_start(start_campaign, campaign))
    return campaign, created


def _queue_start(task, campaign):
    backend = task.get_backend()
    if campaign.send_at and campaign.send_at > timezone.now():
        if backend.supports_defer:
            task.using(run_after=campaign.send_at).enqueue(campaign.pk)
        # Without deferred tasks the watchdog (cron's requeue_deliveries) starts it when due.
        schedule_watchdog()
        return
    task.enqueue(campaign.pk)


def create_deliveries(campaign):
    """Write one Delivery per reader of the campaign's audience, in bulk; readers who already
    got (or are about to get) this bulletin from another campaign are left out. Returns how
    many were written. Safe to repeat."""
    page = campaign.page
    states = {state.language: state for state in version_states(page)}
    already = Delivery.objects.filter(
        campaign__page__translation_key=page.translation_key,
        status__in=[Delivery.Status.QUEUED, Delivery.Status.SENT],
    ).exclude(campaign=campaign)
    readers = (
        audience(campaign.languages, campaign.topics)
        .exclude(pk__in=already.values("subscriber_id"))
        .order_by("pk")
        .values_list("pk", "language")
    )
    written = 0
    chunk = []
    for subscriber_id, language in readers.iterator(chunk_size=2000):
        chunk.append(
            Delivery(
                campaign=campaign,
                subscriber_id=subscriber_id,
                language=states[language].sent_language or page.locale.language_code,
            )
        )
        if len(chunk) == 2000:
            written += len(Delivery.objects.bulk_create(chunk, ignore_conflicts=True))
            chunk = []
    if chunk:
        written += len(Delivery.objects.bulk_create(chunk, ignore_conflicts=True))
    return written


def start(campaign_id):
    """Turn a scheduled campaign into a sending one, its deliveries written. Returns the
    campaign if this call started it, None if it was not due or already started."""
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update()
            .select_related("page")
            .filter(pk=campaign_id, status=Campaign.Status.SCHEDULED)
            .first()
        )
        if campaign is None or (campaign.send_at and campaign.send_at > timezone.now()):
            return None
        # One campaign of a bulletin at a time writes its deliveries, so that nobody is in two.
        BulletinPage.objects.select_for_update().filter(pk=campaign.page_id).first()
        create_deliveries(campaign)
        campaign.status = Campaign.Status.SENDING
        campaign.save(update_fields=["status"])
    return campaign


# Progress and the editor's controls --------------------------------------------------------


def progress(campaign):
    counts = dict(campaign.deliveries.values_list("status").annotate(count=Count("pk")).order_by())
    total = sum(counts.values())
    done = total - counts.get(Delivery.Status.QUEUED, 0)
    return {
        "status": campaign.status,
        "status_label": str(campaign.get_status_display()),
        "total": total,
        "queued": counts.get(Delivery.Status.QUEUED, 0),
        "sent": counts.get(Delivery.Status.SENT, 0),
        "failed": counts.get(Delivery.Status.FAILED, 0),
        "skipped": counts.get(Delivery.Status.SKIPPED, 0),
        "percent": math.floor(done * 100 / total) if total else 0,
        "finished": campaign.status in (Campaign.Status.DONE, Campaign.Status.CANCELLED),
    }


def pause(campaign):
    return bool(
        Campaign.objects.filter(
            pk=campaign.pk, status__in=[Campaign.Status.SENDING, Campaign.Status.SCHEDULED]
        ).update(status=Campaign.Status.PAUSED)
    )


def resume(campaign):
    """Carry on sending a paused campaign (or start it, if it was paused before it began)."""
    from .tasks import send_batch, start_campaign

    started = Delivery.objects.filter(campaign=campaign).exists()
    new_status = Campaign.Status.SENDING if started else Campaign.Status.SCHEDULED
    changed = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.PAUSED).update(
        status=new_status
    )
    if changed:
        task = send_batch if started else start_campaign
        transaction.on_commit(lambda: task.enqueue(campaign.pk))
        transaction.on_commit(schedule_watchdog)
    return bool(changed)


def cancel(campaign):
    """Stop for good: readers not reached yet are skipped (a message in flight still ends
    sent)."""
    with transaction.atomic():
        changed = Campaign.objects.filter(
            pk=campaign.pk,
            status__in=[
                Campaign.Status.SCHEDULED,
                Campaign.Status.SENDING,
                Campaign.Status.PAUSED,
            ],
        ).update(status=Campaign.Status.CANCELLED, finished_at=timezone.now())
        if changed:
            campaign.deliveries.filter(status=Delivery.Status.QUEUED).update(
                status=Delivery.Status.SKIPPED, error=SKIPPED_CANCELLED
            )
    return bool(changed)


def finish_if_done(campaign_id):
    if Delivery.objects.filter(campaign_id=campaign_id, status=Delivery.Status.QUEUED).exists():
        return False
    return bool(
        Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.DONE, finished_at=timezone.now()
        )
    )


# The watchdog ------------------------------------------------------------------------------


def watchdog_period():
    return max(1.0, lease_seconds() / 2)


def schedule_watchdog():
    """Queue a run of the watchdog one period from now, unless one is queued already (or the
    task backend cannot defer work: then cron runs ``manage.py requeue_deliveries``)."""
    from .tasks import watch_campaigns

    backend = watch_campaigns.get_backend()
    if not backend.supports_defer or _queued(watch_campaigns):
        return None
    moment = timezone.now() + timedelta(seconds=watchdog_period())
    return watch_campaigns.using(run_after=moment).enqueue()


def _queued(task, *args):
    """Whether ``task(*args)`` waits in the queue. Only the database backend can tell; with
    another backend, a process-wide cache key stands in for the watchdog."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(task.get_backend(), DatabaseBackend):
        waiting = DBTaskResult.objects.filter(
            task_path=task.module_path, status="READY"
        ).values_list("args_kwargs", flat=True)
        return any(entry.get("args", []) == list(args) for entry in waiting)
    from django.core.cache import cache

    return not cache.add(f"bulletins:queued:{task.module_path}:{args}", 1, watchdog_period())


def requeue_stalled(now=None):
    """Start campaigns that are due, queue a batch for every sending campaign whose queued
    deliveries nobody holds (their worker died, or they waited for a retry), and finish those
    with nothing left. Returns whether any campaign is still scheduled or sending."""
    from .tasks import send_batch, start_campaign

    now = now or timezone.now()
    due = Campaign.objects.filter(status=Campaign.Status.SCHEDULED).filter(
        Q(send_at__isnull=True) | Q(send_at__lte=now)
    )
    for campaign_id in due.values_list("pk", flat=True):
        if not _queued(start_campaign, campaign_id):
            start_campaign.enqueue(campaign_id)
    for campaign_id in Campaign.objects.filter(status=Campaign.Status.SENDING).values_list(
        "pk", flat=True
    ):
        queued = Delivery.objects.filter(campaign_id=campaign_id, status=Delivery.Status.QUEUED)
        if not queued.exists():
            finish_if_done(campaign_id)
            continue
        held = queued.filter(lease_token__isnull=False, leased_until__gte=now).exists()
        stalled = not held and queued.filter(free_at(now)).exists()
        if stalled and not _queued(send_batch, campaign_id):
            logger.info("Campaign %s: taking over deliveries nobody holds", campaign_id)
            send_batch.enqueue(campaign_id)
    return Campaign.objects.filter(
        status__in=[Campaign.Status.SCHEDULED, Campaign.Status.SENDING]
    ).exists()


# Sending a batch ---------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _mail(page_id, published_at, language):
    """The language version's message, rendered once per worker process and publication."""
    del published_at, language  # part of the cache key only
    return BulletinMail(render_bulletin(BulletinPage.objects.get(pk=page_id)))


def mail_for(version):
    return _mail(version.pk, version.last_published_at, version.locale.language_code)


def claim_batch(campaign_id, now=None):
    queued = Delivery.objects.filter(
        campaign_id=campaign_id, status=Delivery.Status.QUEUED
    ).order_by("pk")
    return take(
        queued.select_related("subscriber"),
        seconds=lease_seconds(),
        limit=settings.NEWSLETTER_BATCH_SIZE,
        now=now,
    )


def more_to_claim(campaign_id):
    return (
        Delivery.objects.filter(campaign_id=campaign_id, status=Delivery.Status.QUEUED)
        .filter(free_at(timezone.now()))
        .exists()
    )


class StopSignal:
    """While a batch is sent, SIGTERM (or SIGINT) only asks the batch to stop after the message
    in flight; the handler that was there before (the task worker's own graceful shutdown) is
    still called. Outside the main thread signals cannot be caught and nothing changes."""

    SIGNALS = (signal.SIGTERM, signal.SIGINT)
    DEFAULTS = (signal.SIG_DFL, signal.default_int_handler)

    def __init__(self):
        self.requested = None
        self._previous = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum, frame):
        first = self.requested is None
        self.requested = signum
        previous = self._previous.get(signum)
        if previous in self.DEFAULTS:
            if not first:  # asked twice: stop at once, as without this handler
                signal.signal(signum, previous)
                signal.raise_signal(signum)
        elif callable(previous):
            previous(signum, frame)

    def __exit__(self, *exc_info):
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        if self.requested is not None and self._previous.get(self.requested) in self.DEFAULTS:
            # Nobody else handles it: now stop the way the signal would have stopped us.
            signal.raise_signal(self.requested)
        return False


class Pace:
    """At most NEWSLETTER_RATE_PER_SECOND messages a second (0: no limit), counted in the
    shared cache so that every worker together keeps to it."""

    def __init__(self, per_second):
        self.per_second = per_second
        if per_second:
            window = 1 if per_second >= 1 else math.ceil(1 / per_second)
            self.rate = Rate(max(1, int(per_second * window)), window)

    def wait(self, stop):
        if not self.per_second:
            return
        while not hit("newsletter", "send", "all", self.rate):
            if stop.requested:
                return
            time.sleep(min(0.05, 1 / self.per_second))


def retry_delay(attempts):
    return timedelta(seconds=settings.NEWSLETTER_RETRY_SECONDS * 2 ** max(0, attempts - 1))


def smtp_answer(error):
    """The server's answer in a line: "550 5.1.1 No such user"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()))
        return f"{code} {_decode(message)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_decode(error.smtp_error)}"
    return str(error) or error.__class__.__name__


def _decode(message):
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message)


class _Statement:
    """SQL run for every message. Built by hand, once: building it through the ORM for each
    message cost more than running it, and about a quarter of the send rate."""

    def __init__(self, build):
        self.build = build
        self._sql = None

    def sql(self):
        if self._sql is None:
            self._sql = self.build(connection.ops.quote_name)
        return self._sql


# The delivery is still queued, its campaign still sending, its reader still subscribed.
_STILL_WANTED = _Statement(
    lambda q: (
        f"SELECT 1 FROM {q(Delivery._meta.db_table)} d"  # noqa: S608 (names from the models)
        f" INNER JOIN {q(Campaign._meta.db_table)} c ON c.id = d.campaign_id"
        f" INNER JOIN {q(Subscriber._meta.db_table)} s ON s.id = d.subscriber_id"
        " WHERE d.id = %s AND d.status = %s AND c.status = %s AND s.status = %s"
    )
)
_MARK_SENT = _Statement(
    lambda q: (
        f"UPDATE {q(Delivery._meta.db_table)} SET status = %s, sent_at = %s,"  # noqa: S608
        " attempts = attempts + 1, error = '', lease_token = NULL, leased_until = NULL"
        " WHERE id = %s"
    )
)


class BatchSender:
    """Sends the deliveries one worker holds under ``token``, over one connection."""

    def __init__(self, campaign, token):
        self.campaign = campaign
        self.token = token
        self.versions = language_versions(campaign.page)
        self.connection = get_connection()
        self.raw_smtp = isinstance(self.connection, SMTPBackend)
        self.pace = Pace(settings.NEWSLETTER_RATE_PER_SECOND)
        self.retry_at = None
        self.renewed = time.monotonic()
        self.mails = {}

    def version(self, language):
        return self.versions.get(language) or self.versions.get(MAIN_LANGUAGE) or self.campaign.page

    def send(self, deliveries):
        sent = 0
        with StopSignal() as stop:
            try:
                try:
                    self.connection.open()
                except OSError as error:
                    logger.warning("Campaign %s: cannot connect: %s", self.campaign.pk, error)
                    self.retry_at = timezone.now() + retry_delay(1)
                    return 0
                for delivery in deliveries:
                    if stop.requested:
                        break
                    outcome = self.send_one(delivery, stop)
                    if outcome == "stop":
                        break
                    sent += outcome == "sent"
                    self.keep_lease()
            finally:
                # Whatever was not reached goes back at once for another batch.
                release(Delivery.objects.filter(lease_token=self.token))
                self.connection.close()
        return sent

    def keep_lease(self):
        if time.monotonic() - self.renewed > lease_seconds() / 3:
            renew(Delivery, self.token, seconds=lease_seconds())
            self.renewed = time.monotonic()

    def still_wanted(self, delivery):
        with connection.cursor() as cursor:
            cursor.execute(
                _STILL_WANTED.sql(),
                [
                    delivery.pk,
                    Delivery.Status.QUEUED,
                    Campaign.Status.SENDING,
                    Subscriber.Status.CONFIRMED,
                ],
            )
            return cursor.fetchone() is not None

    def mark_sent(self, delivery):
        with connection.cursor() as cursor:
            cursor.execute(
                _MARK_SENT.sql(),
                [
                    Delivery.Status.SENT,
                    connection.ops.adapt_datetimefield_value(timezone.now()),
                    delivery.pk,
                ],
            )

    def send_one(self, delivery, stop):
        if not self.still_wanted(delivery):
            if not Campaign.objects.filter(
                pk=self.campaign.pk, status=Campaign.Status.SENDING
            ).exists():
                return "stop"  # paused or cancelled
            Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.QUEUED).update(
                status=Delivery.Status.SKIPPED,
                error=SKIPPED_LEFT,
                lease_token=None,
                leased_until=None,
            )
            return "skipped"
        self.pace.wait(stop)
        if stop.requested:
            return "stop"
        subscriber = delivery.subscriber
        try:
            self.transmit(delivery, subscriber)
        except (OSError, AnymailError) as error:  # smtplib's errors are OSErrors
            return self.failed(delivery, subscriber, error)
        self.mark_sent(delivery)
        return "sent"

    def mail(self, language):
        if language not in self.mails:
            self.mails[language] = mail_for(self.version(language))
        return self.mails[language]

    def transmit(self, delivery, subscriber):
        mail = self.mail(delivery.language)
        links = mail.links_for(subscriber)
        message_id = mail.message_id(f"{self.campaign.pk}.{subscriber.pk}")
        to = _address(subscriber.email)
        if self.raw_smtp:
            if self.connection.connection is None:
                self.connection.open()
            smtp = self.connection.connection
            smtp.ehlo_or_helo_if_needed()
            if smtp.has_extn("pipelining"):
                send_pipelined(smtp, mail.envelope_from, to, mail.smtp_data(to, message_id, links))
            else:
                smtp.sendmail(mail.envelope_from, [to], mail.message_bytes(to, message_id, links))
        else:
            self.connection.send_messages([mail.email_message(to, message_id, links)])

    def failed(self, delivery, subscriber, error):
        answer = smtp_answer(error)
        attempts = delivery.attempts + 1
        refused = is_refused(error)
        if refused or is_permanent(error) or attempts >= settings.EMAIL_SEND_ATTEMPTS:
            logger.warning("Delivery %s failed: %s", delivery.pk, answer)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.FAILED,
                attempts=attempts,
                error=answer,
                lease_token=None,
                leased_until=None,
            )
            if refused:
                hard_bounce(subscriber)
        else:
            retry_at = timezone.now() + retry_delay(attempts)
            Delivery.objects.filter(pk=delivery.pk).update(
                attempts=attempts, error=answer, lease_token=None, leased_until=retry_at
            )
            self.retry_at = min(self.retry_at or retry_at, retry_at)
        if self.raw_smtp and (
            not isinstance(error, ANSWERS) or getattr(error, "smtp_code", None) == 421
        ):
            # The connection is gone: open another for the next message, or give up the batch.
            self.connection.close()
            try:
                self.connection.open()
            except OSError:
                logger.warning("Campaign %s: cannot reconnect, batch given back", self.campaign.pk)
                return "stop"
        return "failed"


# Answers of a working connection; anything else (a timeout, a reset) means the connection is gone.
ANSWERS = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)


def send_pipelined(smtp, sender, recipient, data):
    """Send one message in two round trips instead of smtplib's four: MAIL, RCPT and DATA in
    one write, as the server offered (PIPELINING, RFC 2920), then the content. ``data`` is
    ready for the wire (``BulletinMail.smtp_data``). Raises what ``SMTP.sendmail`` raises."""
    commands = (
        f"MAIL FROM:{smtplib.quoteaddr(sender)}\r\n"
        f"RCPT TO:{smtplib.quoteaddr(recipient)}\r\n"
        "DATA\r\n"
    )
    smtp.send(commands.encode(smtp.command_encoding))
    (mail_code, mail_reply), (rcpt_code, rcpt_reply), (data_code, data_reply) = (
        smtp.getreply(),
        smtp.getreply(),
        smtp.getreply(),
    )
    accepted = mail_code == 250 and rcpt_code in (250, 251)
    if data_code == 354 and not accepted:
        smtp.send(b".\r\n")  # a server that took DATA anyway gets an empty message back
        smtp.getreply()
    if not accepted or data_code != 354:
        smtp.rset()
        if mail_code != 250:
            raise smtplib.SMTPSenderRefused(mail_code, mail_reply, sender)
        if rcpt_code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({recipient: (rcpt_code, rcpt_reply)})
        raise smtplib.SMTPDataError(data_code, data_reply)
    smtp.send(data)
    code, reply = smtp.getreply()
    if code != 250:
        if code == 421:
            smtp.close()
        else:
            smtp.rset()
        raise smtplib.SMTPDataError(code, reply)


def is_refused(error):
    """The address itself was refused for good (a hard bounce)."""
    if isinstance(error, AnymailRecipientsRefused):
        return True
    return isinstance(error, smtplib.SMTPRecipientsRefused) and is_permanent(error)


def _address(email):
    try:
        email.encode("ascii")
    except UnicodeEncodeError:
        return sanitize_address(email, "utf-8")
    return email


def hard_bounce(subscriber):
    """Count a permanent refusal of the address; enough of them mark it bounced."""
    Subscriber.objects.filter(pk=subscriber.pk).update(hard_bounces=F("hard_bounces") + 1)
    Subscriber.objects.filter(
        pk=subscriber.pk,
        status=Subscriber.Status.CONFIRMED,
        hard_bounces__gte=settings.NEWSLETTER_HARD_BOUNCES,
    ).update(status=Subscriber.Status.BOUNCED)


def send_batch(campaign_id):
    """Claim a batch of the campaign's deliveries and send it; queue the next batch first so
    that another worker can take it meanwhile. Returns how many messages were sent."""
    from . import tasks

    campaign = (
        Campaign.objects.select_related("page")
        .filter(pk=campaign_id, status=Campaign.Status.SENDING)
        .first()
    )
    if campaign is None:
        return 0
    token, deliveries = claim_batch(campaign_id)
    if not deliveries:
        finish_if_done(campaign_id)
        return 0
    if more_to_claim(campaign_id):
        tasks.send_batch.enqueue(campaign_id)
    sender = BatchSender(campaign, token)
    sent = sender.send(deliveries)
    if sender.retry_at is not None and tasks.send_batch.get_backend().supports_defer:
        tasks.send_batch.using(run_after=sender.retry_at).enqueue(campaign_id)
    finish_if_done(campaign_id)
    return sent
