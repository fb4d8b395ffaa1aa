"""Bulletins and subscribers to send to, built directly (the editor's and subscribers' own
flows are tested elsewhere)."""

import time
from datetime import date
from email.header import decode_header, make_header

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.users.models import UserProfile

from bulletins.models import BulletinIndexPage, BulletinPage, Campaign, Subscriber

RUSSIAN = {
    "title": "Бюллетень №12: гранты на декабрь",
    "introduction": "Конкурсы, обучение и новости сети за неделю.",
    "body": [
        (
            "paragraph",
            '<p>Фонд гражданского общества открыл <a href="https://kysk.ee/">новый конкурс</a> '
            "для молодёжных организаций Ида-Вирумаа.</p>",
        ),
        ("paragraph", "<p>Обучение по написанию заявок пройдёт в Нарве 10 декабря.</p>"),
    ],
}
ESTONIAN = {
    "title": "Infokiri nr 12: detsembri toetused",
    "introduction": "Taotlusvoorud, koolitused ja võrgustiku uudised.",
    "body": [("paragraph", "<p>Kodanikuühiskonna Sihtkapital avas uue taotlusvooru.</p>")],
}


def bulletin_index(home):
    index = BulletinIndexPage.objects.child_of(home).first()
    if index is None:
        index = BulletinIndexPage(title="Bulletins", slug="bulletins")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def publish_bulletin(home, *, number=12, slug="issue-12", content=RUSSIAN):
    page = BulletinPage(slug=slug, issue_number=number, issue_date=date(2026, 12, 1), **content)
    bulletin_index(home).add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, locale, content):
    """An independent translation (not synchronised by wagtail-localize), published."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    parent = translation.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    translation = BulletinPage.objects.get(pk=translation.pk)
    for name, value in content.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return BulletinPage.objects.get(pk=translation.pk)


def make_subscribers(
    count, *, language="ru", topics=(), status=Subscriber.Status.CONFIRMED, prefix="reader"
):
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"{prefix}{number}.{language}@example.org",
            language=language,
            topics=list(topics),
            status=status,
        )
        for number in range(count)
    )
    return list(
        Subscriber.objects.filter(email__startswith=prefix, language=language).order_by("pk")
    )


@pytest.fixture
def bulletin(site_tree):
    return publish_bulletin(site_tree["homes"]["ru"])


@pytest.fixture
def editor(site_tree):
    return get_user_model().objects.get(username="editor")


@pytest.fixture
def editor_client(client, editor):
    """The editor, signed in, with the admin in English (the assertions read English)."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    return client


@pytest.fixture
def db_tasks(settings):
    """The real task queue (django-tasks' database backend) instead of running tasks at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_tasks(until, timeout=60):
    """Run queued tasks one at a time in this process, as ``db_worker`` does (without closing
    the connection between tasks, which would end the test's transaction), until ``until()``
    holds; tasks queued for later run once their time has come."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, "the queued tasks did not finish in time"
        with transaction.atomic():
            result = DBTaskResult.objects.ready().get_locked()
            if result is not None:
                result.claim(worker.worker_id)
        if result is None:
            time.sleep(0.05)
        else:
            worker.run_task(result)


def campaign_done(campaign):
    def done():
        campaign.refresh_from_db()
        return campaign.status == Campaign.Status.DONE

    return done


def recipients(smtp_server):
    return sorted(address for message in smtp_server.messages for address in message["to"])


def subject(message):
    """The decoded subject of a message the SMTP server received."""
    return str(make_header(decode_header(message["message"]["Subject"])))
