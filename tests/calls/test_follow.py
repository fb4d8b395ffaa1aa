"""Following a call: double opt-in, reminders 7 days and 1 day before the deadline in the
page's language through a real SMTP server, never twice, and a one-click way out."""

import io
import re
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.core.management import call_command

from calls.models import CallFollower, CallReminder
from calls.reminders import send_due_reminders
from calls.tasks import send_call_reminders

from .conftest import tallinn

pytestmark = pytest.mark.django_db


def link(message, pattern):
    body = message.body if hasattr(message, "body") else message.get_payload()
    return re.search(pattern, body).group(0)


def text_part(message):
    return message.get_payload()[0].get_payload(decode=True).decode()


@pytest.fixture
def call(make_call, clock):
    clock.now = tallinn(2026, 11, 2, 9, 0)
    return make_call(
        language="ru",
        title="Конкурс совместных проектов",
        slug="sovmestnye-proekty",
        opens_at=tallinn(2026, 10, 1, 10, 0),
        deadline=tallinn(2026, 11, 20, 16, 0),
    )


def follow(client, call, email, **extra):
    return client.post(f"{call.url}follow/", {"email": email, "homepage": "", **extra})


def test_follow_sends_a_confirmation_link_in_the_page_language(client, call):
    response = follow(client, call, " Olga@NGO.example ")

    assert response.status_code == 302
    assert response["Location"] == call.url
    follower = CallFollower.objects.get()
    assert follower.email == "olga@ngo.example"
    assert follower.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["olga@ngo.example"]
    assert "Конкурс совместных проектов" in message.subject
    confirm = link(message, r"http://testserver/ru/calls/follow/confirm/\S+/")

    # A mail scanner opening the link confirms nothing: the page asks for a button press.
    page = client.get(confirm)

    assert page.status_code == 200
    assert '<html lang="ru">' in page.content.decode()
    assert '<form method="post">' in page.content.decode()
    follower.refresh_from_db()
    assert follower.confirmed_at is None

    assert client.post(confirm).status_code == 200
    follower.refresh_from_db()
    assert follower.confirmed_at is not None
    # The link can be used again without harm.
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 200


def test_invalid_email_is_refused_with_a_message_and_kept(client, call):
    response = follow(client, call, "olga@")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="olga@"' in page
    assert 'aria-invalid="true"' in page
    assert "errorlist" in page
    assert CallFollower.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_pretends_success_and_does_nothing(client, call):
    response = follow(client, call, "bot@spam.example", homepage="http://spam.example")

    assert response.status_code == 302
    assert CallFollower.objects.count() == 0
    assert mail.outbox == []


def test_following_twice_sends_one_confirmation_and_reveals_nothing(client, call):
    first = follow(client, call, "olga@ngo.example")
    second = follow(client, call, "olga@ngo.example")

    assert first.status_code == second.status_code == 302
    assert CallFollower.objects.count() == 1
    assert len(mail.outbox) == 1


def test_rate_limit_per_address(client, call):
    for number in range(20):
        follow(client, call, f"person{number}@ngo.example")

    response = follow(client, call, "one-more@ngo.example")

    assert response.status_code == 200
    assert 'value="one-more@ngo.example"' in response.content.decode()
    assert not CallFollower.objects.filter(email="one-more@ngo.example").exists()


def test_an_address_gets_a_few_confirmations_a_day_across_all_calls(
    client, make_call, clock, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "follow": {"ip": "100/h", "recipient": "3/d"}}
    calls = [
        make_call(opens_at=clock.now - timedelta(days=1), deadline=clock.now + timedelta(days=30))
        for _number in range(5)
    ]

    answers = [
        follow(client, call, "victim@ngo.example", REMOTE_ADDR=f"192.0.2.{number}")
        for number, call in enumerate(calls)
    ]

    # Every request gets the same answer; only three confirmations go out.
    assert [answer.status_code for answer in answers] == [302] * 5
    assert len(mail.outbox) == 3


def test_a_refused_confirmation_is_no_error_for_the_visitor(client, call, smtp_server):
    smtp_server.refuse = {"olga@ngo.example": "550 5.1.1 No such user"}

    response = follow(client, call, "olga@ngo.example")

    assert response.status_code == 302
    assert smtp_server.messages == []
    assert CallFollower.objects.filter(email="olga@ngo.example").exists()


def test_a_temporary_smtp_failure_is_retried_by_the_worker(client, call, smtp_server):
    refusals = iter(["451 4.3.0 Try again later", "421 4.7.0 Busy"])
    smtp_server.answer_data = lambda envelope: next(refusals, None)

    response = follow(client, call, "olga@ngo.example")

    assert response.status_code == 302
    (delivered,) = smtp_server.messages
    assert delivered["to"] == ["olga@ngo.example"]


def test_bad_tokens_give_a_page_not_an_error(client):
    for path, message in (
        ("/ru/calls/follow/confirm/garbage/", "Эта ссылка не работает"),
        ("/ru/calls/follow/stop/garbage/", "Эта ссылка не работает"),
        ("/et/calls/follow/confirm/" + "x" * 500 + "/", "See link ei tööta"),
        ("/en/calls/follow/stop/garbage/", "This link does not work"),
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert message in response.content.decode()


def test_reminders_seven_days_and_one_day_before_through_smtp(client, call, clock, smtp_server):
    follow(client, call, "olga@ngo.example")
    # The confirmation goes through the SMTP server too.
    (confirmation,) = smtp_server.messages
    confirm = re.search(
        r"http://testserver/ru/calls/follow/confirm/\S+/", text_part(confirmation["message"])
    ).group(0)
    client.post(confirm)

    # Eight days before: nothing yet.
    clock.now = tallinn(2026, 11, 12, 16, 0)
    assert send_due_reminders() == 0

    # Seven days before: the weekly reminder, once, however often the task runs.
    clock.now = tallinn(2026, 11, 13, 16, 0)
    assert send_call_reminders.enqueue().return_value == 1
    assert send_due_reminders() == 0
    output = io.StringIO()
    call_command("send_call_reminders", stdout=output)
    assert output.getvalue() == "Sent 0 reminder(s).\n"
    assert len(smtp_server.messages) == 2
    week = smtp_server.messages[1]
    assert week["to"] == ["olga@ngo.example"]
    message = week["message"]
    subject = str(make_header(decode_header(message["Subject"])))
    assert subject.startswith("Reminder: “Конкурс совместных проектов”") or (
        "Конкурс совместных проектов" in subject
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = re.search(
        r"<(http://testserver/ru/calls/follow/stop/\S+/)>", message["List-Unsubscribe"]
    )
    assert stop
    text = text_part(message)
    assert "20 ноября 2026 г., 16:00" in text
    assert stop.group(1) in text

    # One day before: the last reminder.
    clock.now = tallinn(2026, 11, 19, 16, 30)
    assert send_due_reminders() == 1
    assert send_due_reminders() == 0
    assert len(smtp_server.messages) == 3
    assert CallReminder.objects.filter(sent_at__isnull=False).count() == 2

    # After the deadline: silence.
    clock.now = tallinn(2026, 11, 21, 9, 0)
    assert send_due_reminders() == 0


def test_unconfirmed_followers_get_no_reminders(client, call, clock):
    follow(client, call, "olga@ngo.example")
    mail.outbox.clear()

    clock.now = tallinn(2026, 11, 19, 17, 0)

    assert send_due_reminders() == 0
    assert mail.outbox == []


def test_late_followers_get_only_the_reminders_still_ahead(call, clock):
    from calls.factories import CallFollowerFactory

    CallFollowerFactory(call=call, confirmed_at=tallinn(2026, 11, 17, 12, 0))

    clock.now = tallinn(2026, 11, 18, 12, 0)
    assert send_due_reminders() == 0  # the 7-day moment had passed before they followed
    clock.now = tallinn(2026, 11, 19, 16, 0)
    assert send_due_reminders() == 1
    assert list(CallReminder.objects.values_list("kind", flat=True)) == ["1d"]


def test_a_claimed_reminder_is_never_sent_again(call, clock):
    from calls.factories import CallFollowerFactory

    follower = CallFollowerFactory(call=call, confirmed_at=tallinn(2026, 11, 1, 12, 0))
    clock.now = tallinn(2026, 11, 13, 17, 0)
    # Another worker claimed it a moment ago (and may still be sending).
    CallReminder.objects.create(
        follower=follower, kind="7d", leased_until=clock.now + timedelta(seconds=30)
    )

    assert send_due_reminders() == 0
    assert mail.outbox == []


def test_a_claim_left_by_a_dead_worker_is_taken_again_when_its_lease_expires(call, clock, settings):
    from calls.factories import CallFollowerFactory

    settings.NEWSLETTER_LEASE_SECONDS = 60
    follower = CallFollowerFactory(call=call, confirmed_at=tallinn(2026, 11, 1, 12, 0))
    clock.now = tallinn(2026, 11, 13, 17, 0)
    # A worker claimed the reminder and was killed before sending it.
    CallReminder.objects.create(
        follower=follower, kind="7d", leased_until=clock.now + timedelta(seconds=60)
    )
    assert send_due_reminders() == 0

    clock.now += timedelta(seconds=61)

    assert send_due_reminders() == 1
    assert len(mail.outbox) == 1
    assert send_due_reminders() == 0


def test_a_running_reminder_task_queues_a_safety_run_after_its_leases(call, clock, settings):
    from django_tasks_db.models import DBTaskResult

    from calls.factories import CallFollowerFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    CallFollowerFactory(call=call, confirmed_at=tallinn(2026, 11, 1, 12, 0))
    clock.now = tallinn(2026, 11, 13, 17, 0)

    send_call_reminders.call()

    runs = list(DBTaskResult.objects.values_list("run_after", flat=True))
    assert runs == [clock.now + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)]
    assert len(mail.outbox) == 1


def test_stop_following_get_asks_and_post_stops(client, call, clock):
    from calls.emails import stop_url
    from calls.factories import CallFollowerFactory

    follower = CallFollowerFactory(call=call, confirmed_at=tallinn(2026, 11, 1, 12, 0))
    url = stop_url(follower)

    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert '<html lang="ru">' in content
    assert '<form method="post">' in content
    assert CallFollower.objects.filter(pk=follower.pk).exists()

    stopped = client.post(url)
    assert stopped.status_code == 200
    assert not CallFollower.objects.filter(pk=follower.pk).exists()
    # Again: still a friendly page.
    assert client.post(url).status_code == 200

    clock.now = tallinn(2026, 11, 19, 17, 0)
    assert send_due_reminders() == 0


def test_one_click_unsubscribe_post_needs_no_csrf_token(call):
    from django.test import Client

    from calls.emails import stop_url
    from calls.factories import CallFollowerFactory

    follower = CallFollowerFactory(call=call)
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(stop_url(follower), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not CallFollower.objects.filter(pk=follower.pk).exists()


def test_closed_call_cannot_be_followed(client, make_call, clock):
    closed = make_call(
        opens_at=clock.now - timedelta(days=30), deadline=clock.now - timedelta(days=1)
    )

    response = client.post(f"{closed.url}follow/", {"email": "olga@ngo.example"})

    assert response.status_code == 200
    assert CallFollower.objects.count() == 0


def test_confirming_queues_the_reminder_runs_on_the_database_queue(client, call, settings):
    from django_tasks_db.models import DBTaskResult

    from calls.emails import confirm_url
    from calls.factories import CallFollowerFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    confirm = confirm_url(CallFollowerFactory(call=call, confirmed_at=None))

    client.post(confirm)
    client.post(confirm)

    runs = sorted(DBTaskResult.objects.values_list("run_after", flat=True))
    assert runs == [tallinn(2026, 11, 13, 16, 0), tallinn(2026, 11, 19, 16, 0)]
