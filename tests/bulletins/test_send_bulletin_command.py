"""manage.py send_bulletin PAGE_ID: queues and returns, never prompts."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from wagtail_localize.models import TranslationSource

from bulletins.models import Campaign, Topic
from bulletins.tasks import start_campaign

from . import fixtures_sending
from .fixtures_sending import ESTONIAN, campaign_done, make_subscribers, recipients, run_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.bulletins.urls")]

bulletin = fixtures_sending.bulletin
db_tasks = fixtures_sending.db_tasks


def run(*args):
    out = io.StringIO()
    with translation.override("en"):
        call_command("send_bulletin", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def test_queues_the_campaign_for_every_confirmed_subscriber_and_returns(
    bulletin, db_tasks, smtp_server, django_capture_on_commit_callbacks
):
    readers = make_subscribers(3) + make_subscribers(2, language="et")

    with django_capture_on_commit_callbacks(execute=True):
        output = run(bulletin.pk)

    campaign = Campaign.objects.get()
    assert f"Campaign {campaign.pk}" in output
    assert "5 subscriber(s) (ru: 3, et: 2, en: 0)" in output
    # Queued, not sent: the worker does that.
    assert smtp_server.messages == []
    assert DBTaskResult.objects.filter(task_path=start_campaign.module_path).count() == 1
    run_tasks(campaign_done(campaign))
    assert recipients(smtp_server) == sorted(r.email for r in readers)


def test_language_and_topic_narrow_the_audience(
    bulletin, smtp_server, django_capture_on_commit_callbacks
):
    calls = make_subscribers(2, topics=[Topic.CALLS], prefix="calls")
    make_subscribers(2, topics=[Topic.NETWORK], prefix="network")
    make_subscribers(2, language="et", topics=[Topic.CALLS], prefix="et")

    with django_capture_on_commit_callbacks(execute=True):
        run(bulletin.pk, "--language", "ru", "--topic", "calls")

    assert recipients(smtp_server) == sorted(r.email for r in calls)


def test_test_to_sends_only_a_test(bulletin, smtp_server, django_capture_on_commit_callbacks):
    make_subscribers(3)

    with django_capture_on_commit_callbacks(execute=True):
        output = run(bulletin.pk, "--test-to", "editor@example.org")

    assert "editor@example.org" in output
    assert recipients(smtp_server) == ["editor@example.org"]
    assert not Campaign.objects.exists()
    assert fixtures_sending.subject(smtp_server.messages[0]).endswith(bulletin.title)


def test_bad_arguments_are_refused_without_prompting(bulletin):
    with pytest.raises(CommandError, match="No bulletin with id 999999"):
        run(999999)
    with pytest.raises(CommandError, match="not an e-mail address"):
        run(bulletin.pk, "--test-to", "not-an-address")
    with pytest.raises(CommandError):
        run(bulletin.pk, "--language", "de")
    with pytest.raises(CommandError, match="not a date"):
        run(bulletin.pk, "--at", "next tuesday")
    assert not Campaign.objects.exists()


def synchronised_translation(page, locale):
    """An Estonian translation made with wagtail-localize, as the editor does."""
    from wagtail_localize.operations import TranslationCreator

    TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
    estonian = page.get_translation(locale)
    estonian.title = ESTONIAN["title"]
    estonian.save_revision().publish()
    return estonian


def test_a_stale_translation_needs_allow_stale(
    bulletin, locales, smtp_server, django_capture_on_commit_callbacks
):
    synchronised_translation(bulletin, locales["et"])
    make_subscribers(1, language="et")
    # The Russian source changes after the translation was made.
    bulletin.introduction = "Исправленное введение."
    bulletin.save_revision().publish()
    assert TranslationSource.objects.filter(object_id=bulletin.translation_key).exists()

    with pytest.raises(CommandError, match="older than their source"):
        run(bulletin.pk)
    assert not Campaign.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        run(bulletin.pk, "--allow-stale")
    assert Campaign.objects.get().allow_stale
    assert len(smtp_server.messages) == 1
