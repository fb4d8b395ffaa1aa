"""Sending a campaign through a real SMTP server: everybody once, in their language, nobody who
left; temporary refusals retried, permanent ones recorded; pause, resume, cancel."""

import os
import re
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bulletins import sending
from bulletins.models import Campaign, Delivery, Subscriber, Topic
from bulletins.sending import CannotSend, queue_campaign
from portal.leases import take

from . import fixtures_sending
from .fixtures_sending import (
    ESTONIAN,
    campaign_done,
    make_subscribers,
    recipients,
    run_tasks,
    subject,
    translate,
)
from .urls import real_views

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.bulletins.urls")]

bulletin = fixtures_sending.bulletin
db_tasks = fixtures_sending.db_tasks


def send(page, django_capture_on_commit_callbacks, **options):
    options.setdefault("languages", ["ru", "et", "en"])
    with django_capture_on_commit_callbacks(execute=True):
        campaign, _created = queue_campaign(page, **options)
    campaign.refresh_from_db()
    return campaign


def test_every_confirmed_subscriber_gets_the_bulletin_once_in_their_language(
    bulletin, locales, smtp_server, django_capture_on_commit_callbacks
):
    translate(bulletin, locales["et"], ESTONIAN)
    russian = make_subscribers(3, language="ru")
    estonian = make_subscribers(2, language="et")
    english = make_subscribers(1, language="en")
    make_subscribers(1, prefix="pending", status=Subscriber.Status.PENDING)
    make_subscribers(1, prefix="left", status=Subscriber.Status.UNSUBSCRIBED)
    make_subscribers(1, prefix="bounced", status=Subscriber.Status.BOUNCED)

    campaign = send(bulletin, django_capture_on_commit_callbacks)

    expected = sorted(s.email for s in russian + estonian + english)
    assert recipients(smtp_server) == expected
    subjects = {m["to"][0]: subject(m) for m in smtp_server.messages}
    assert {subjects[s.email] for s in estonian} == {ESTONIAN["title"]}
    # No English version: English readers get the Russian one.
    assert {subjects[s.email] for s in russian + english} == {bulletin.title}
    assert campaign.status == Campaign.Status.DONE
    assert campaign.finished_at is not None
    assert set(campaign.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert sending.progress(campaign)["percent"] == 100


def test_the_audience_is_chosen_by_language_and_topic(
    bulletin, smtp_server, django_capture_on_commit_callbacks
):
    calls = make_subscribers(2, topics=[Topic.CALLS], prefix="calls")
    everything = make_subscribers(1, topics=[], prefix="all")
    make_subscribers(2, topics=[Topic.TRAININGS], prefix="trainings")
    make_subscribers(2, language="et", topics=[Topic.CALLS], prefix="et-calls")

    send(bulletin, django_capture_on_commit_callbacks, languages=["ru"], topics=[Topic.CALLS])

    assert recipients(smtp_server) == sorted(s.email for s in calls + everything)


def test_nobody_gets_the_same_bulletin_twice_from_two_campaigns(
    bulletin, smtp_server, django_capture_on_commit_callbacks
):
    make_subscribers(3)
    send(bulletin, django_capture_on_commit_callbacks)
    newcomer = make_subscribers(1, prefix="newcomer")

    second = send(bulletin, django_capture_on_commit_callbacks)

    assert len(smtp_server.messages) == 4
    assert [d.subscriber for d in second.deliveries.all()] == newcomer


def test_a_refused_address_fails_with_the_servers_answer_and_the_rest_are_sent(
    bulletin, smtp_server, django_capture_on_commit_callbacks
):
    readers = make_subscribers(5)
    smtp_server.refuse = {readers[2].email: "550 5.1.1 No such user here"}

    campaign = send(bulletin, django_capture_on_commit_callbacks)

    assert recipients(smtp_server) == sorted(r.email for i, r in enumerate(readers) if i != 2)
    failed = campaign.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber == readers[2]
    assert failed.error == "550 5.1.1 No such user here"
    assert campaign.status == Campaign.Status.DONE
    readers[2].refresh_from_db()
    assert readers[2].hard_bounces == 1
    assert readers[2].status == Subscriber.Status.CONFIRMED


def test_repeated_hard_bounces_mark_the_subscriber_bounced(
    site_tree, smtp_server, django_capture_on_commit_callbacks, settings
):
    (reader,) = make_subscribers(1)
    smtp_server.refuse = {reader.email: "550 5.1.1 Mailbox unavailable"}
    home = site_tree["homes"]["ru"]
    for number in range(settings.NEWSLETTER_HARD_BOUNCES):
        page = fixtures_sending.publish_bulletin(home, number=number, slug=f"issue-{number}")
        send(page, django_capture_on_commit_callbacks)

    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCED
    later = fixtures_sending.publish_bulletin(home, number=99, slug="issue-99")
    assert send(later, django_capture_on_commit_callbacks).deliveries.count() == 0


def test_temporary_refusals_are_retried_until_every_message_arrived_once(
    bulletin, smtp_server, db_tasks, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_RETRY_SECONDS = 0.2
    settings.NEWSLETTER_BATCH_SIZE = 25
    readers = make_subscribers(100)
    attempts = []

    def every_tenth_for_a_while(envelope):
        attempts.append(envelope.rcpt_tos[0])
        if len(attempts) <= 120 and len(attempts) % 10 == 0:
            return "451 4.3.0 Try again later"
        return None

    smtp_server.answer_data = every_tenth_for_a_while

    campaign = send(bulletin, django_capture_on_commit_callbacks)
    run_tasks(campaign_done(campaign))

    assert recipients(smtp_server) == sorted(r.email for r in readers)
    assert len(attempts) > len(readers)  # some were refused at first
    retried = campaign.deliveries.filter(attempts__gt=1)
    assert retried.exists()
    assert set(retried.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_subscriber_who_leaves_before_their_turn_gets_nothing(
    bulletin, smtp_server, db_tasks, django_capture_on_commit_callbacks
):
    readers = make_subscribers(4)
    campaign = send(bulletin, django_capture_on_commit_callbacks)
    run_tasks(lambda: Delivery.objects.filter(campaign=campaign).count() == 4)
    Subscriber.objects.filter(pk=readers[3].pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    run_tasks(campaign_done(campaign))

    assert recipients(smtp_server) == sorted(r.email for r in readers[:3])
    skipped = campaign.deliveries.get(subscriber=readers[3])
    assert skipped.status == Delivery.Status.SKIPPED


def test_pause_resume_and_cancel(
    bulletin, smtp_server, db_tasks, django_capture_on_commit_callbacks
):
    make_subscribers(6)
    campaign = send(bulletin, django_capture_on_commit_callbacks)
    run_tasks(lambda: campaign.deliveries.count() == 6)  # started: deliveries written
    assert sending.pause(campaign)

    run_tasks(lambda: not DBTaskResult.objects.ready().exists())
    assert smtp_server.messages == []
    assert sending.progress(campaign)["queued"] == 6

    with django_capture_on_commit_callbacks(execute=True):
        assert sending.resume(campaign)
    run_tasks(campaign_done(campaign))
    assert len(smtp_server.messages) == 6

    other = fixtures_sending.publish_bulletin(
        bulletin.get_parent().get_parent(), number=13, slug="issue-13"
    )
    cancelled = send(other, django_capture_on_commit_callbacks)
    run_tasks(lambda: cancelled.deliveries.count() == 6)
    assert sending.cancel(cancelled)
    run_tasks(lambda: not DBTaskResult.objects.ready().exists())
    assert len(smtp_server.messages) == 6
    assert set(cancelled.deliveries.values_list("status", flat=True)) == {Delivery.Status.SKIPPED}
    cancelled.refresh_from_db()
    assert cancelled.status == Campaign.Status.CANCELLED


def test_deliveries_of_a_worker_that_died_are_taken_over_when_their_lease_expires(
    bulletin, smtp_server, db_tasks, settings, django_capture_on_commit_callbacks
):
    readers = make_subscribers(5)
    campaign = send(bulletin, django_capture_on_commit_callbacks)
    run_tasks(lambda: campaign.deliveries.count() == 5)
    DBTaskResult.objects.filter(status="READY").delete()  # the dead worker's queue is gone too
    _token, held = take(campaign.deliveries.order_by("pk"), seconds=60, limit=2)
    assert len(held) == 2

    # While a worker holds a lease it is taken to be alive: nothing is queued for now.
    assert sending.requeue_stalled()
    assert not DBTaskResult.objects.ready().exists()

    # A minute later its lease has expired: the watchdog queues a batch that sends them all.
    later = timezone.now() + timedelta(seconds=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        sending.requeue_stalled()
        run_tasks(campaign_done(campaign))
    assert recipients(smtp_server) == sorted(r.email for r in readers)


def test_a_rolled_back_transaction_queues_nothing_and_sends_nothing(
    bulletin, smtp_server, db_tasks, django_capture_on_commit_callbacks
):
    make_subscribers(3)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_campaign(bulletin, languages=["ru"])
        raise RuntimeError("the request failed after queueing")

    assert callbacks == []
    assert not Campaign.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert smtp_server.messages == []


def test_the_same_send_key_gives_the_same_campaign(
    bulletin, smtp_server, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    key = "0f8e0a5e-3a53-4f33-8a39-3b8f0c0f4b1d"
    with django_capture_on_commit_callbacks(execute=True):
        first, created_first = queue_campaign(bulletin, languages=["ru"], send_key=key)
        second, created_second = queue_campaign(bulletin, languages=["ru"], send_key=key)

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert len(smtp_server.messages) == 2


def test_an_unpublished_bulletin_cannot_be_sent(site_tree, django_capture_on_commit_callbacks):
    page = fixtures_sending.publish_bulletin(site_tree["homes"]["ru"])
    page.unpublish()

    with pytest.raises(CannotSend):
        send(page, django_capture_on_commit_callbacks)
    assert not Campaign.objects.exists()


def test_a_campaign_at_a_chosen_time_waits_for_it(
    bulletin, smtp_server, db_tasks, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    at = timezone.now() + timedelta(hours=2)
    campaign = send(bulletin, django_capture_on_commit_callbacks, send_at=at)

    run_tasks(lambda: not DBTaskResult.objects.ready().exists())
    assert smtp_server.messages == []
    assert campaign.status == Campaign.Status.SCHEDULED

    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        run_tasks(campaign_done(campaign))
    assert len(smtp_server.messages) == 2


def test_one_smtp_connection_per_batch(
    bulletin, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 10
    make_subscribers(30)
    sessions = []
    original = smtp_server.handle_DATA

    async def counting(server, session, envelope):
        sessions.append(id(session))
        return await original(server, session, envelope)

    smtp_server.handle_DATA = counting

    send(bulletin, django_capture_on_commit_callbacks)

    assert len(sessions) == 30
    assert len(set(sessions)) == 3


def test_through_an_email_service_the_message_keeps_its_headers(
    bulletin, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    (reader,) = make_subscribers(1)

    campaign = send(bulletin, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/newsletter/unsubscribe/"
    )
    assert message.extra_headers["Message-ID"] == f"<bulletin.{campaign.pk}.{reader.pk}@testserver>"
    html, _type = message.alternatives[0]
    assert "Фонд гражданского общества" in html
    assert campaign.deliveries.get().status == Delivery.Status.SENT


@pytest.mark.skipif(
    not real_views(), reason="the unsubscribe view comes with the subscribers' work"
)
def test_a_reader_unsubscribes_with_one_click_from_the_message_received(
    bulletin, smtp_server, django_capture_on_commit_callbacks
):
    (reader,) = make_subscribers(1)
    send(bulletin, django_capture_on_commit_callbacks)
    header = smtp_server.messages[0]["message"]["List-Unsubscribe"]
    https = re.findall(r"<(https?://[^>]+)>", header)[0]
    path = urlsplit(https).path

    # What a mail client does (RFC 8058): one POST, no cookies, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})

    assert 200 <= response.status_code < 300
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


@pytest.fixture
def pipelining(smtp_server):
    """The SMTP server offers PIPELINING (RFC 2920), as Postfix does."""

    async def handle_EHLO(server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]

    smtp_server.handle_EHLO = handle_EHLO
    return smtp_server


def test_with_pipelining_answers_are_read_the_same_and_dots_survive(
    site_tree, pipelining, django_capture_on_commit_callbacks
):
    page = fixtures_sending.publish_bulletin(
        site_tree["homes"]["ru"],
        content={"title": "Точки", "body": [("paragraph", "<p>.NET для НКО</p><p>.</p>")]},
    )
    readers = make_subscribers(5)
    pipelining.refuse = {readers[1].email: "550 5.1.1 No such user"}
    pipelining.answer_data = lambda envelope: (
        "451 4.7.1 Greylisted" if envelope.rcpt_tos == [readers[3].email] else None
    )

    campaign = send(page, django_capture_on_commit_callbacks)

    delivered = {m["to"][0]: m["message"] for m in pipelining.messages}
    assert sorted(delivered) == sorted(r.email for r in (readers[0], readers[2], readers[4]))
    text = delivered[readers[0].email].get_payload()[0].get_payload(decode=True).decode()
    assert "\n.NET для НКО\n" in text.replace("\r\n", "\n")
    statuses = {d.subscriber_id: d for d in campaign.deliveries.all()}
    assert statuses[readers[1].pk].status == Delivery.Status.FAILED
    assert statuses[readers[1].pk].error == "550 5.1.1 No such user"
    assert statuses[readers[3].pk].status == Delivery.Status.QUEUED  # to be tried again
    assert statuses[readers[3].pk].error == "451 4.7.1 Greylisted"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the RQ backend needs REDIS_URL")
def test_the_rq_backend_sends_a_campaign(
    bulletin, smtp_server, settings, django_capture_on_commit_callbacks
):
    """With TASKS_BACKEND=rq the same tasks run on RQ workers (here one, in this process)."""
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker
    from rq.registry import ScheduledJobRegistry

    settings.RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"]}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    readers = make_subscribers(3)
    try:
        campaign = send(bulletin, django_capture_on_commit_callbacks)
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    finally:
        queue.empty()
        registry = ScheduledJobRegistry(queue=queue)
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE
    assert recipients(smtp_server) == sorted(r.email for r in readers)
