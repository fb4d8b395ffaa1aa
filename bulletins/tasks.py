"""Background tasks of sending a bulletin (see ``bulletins.sending`` for the whole pipeline)."""

import uuid

from django_tasks import task

from portal.mail import email_builder

from . import sending
from .models import BulletinPage, Subscriber
from .rendering import BulletinMail, language_versions, render_bulletin, version_for


@task()
def start_campaign(campaign_id):
    """Write the campaign's deliveries and start sending (nothing if it was started already,
    paused, cancelled or is not due yet)."""
    campaign = sending.start(campaign_id)
    if campaign is None:
        return 0
    sending.schedule_watchdog()
    send_batch.enqueue(campaign_id)
    return campaign.deliveries.count()


@task()
def send_batch(campaign_id):
    return sending.send_batch(campaign_id)


@task()
def watch_campaigns():
    """Take over deliveries whose worker died and start campaigns that are due; while any
    campaign is scheduled or sending, run again one period later."""
    if sending.requeue_stalled():
        sending.schedule_watchdog()


@email_builder
def test_message(page_id, language, to):
    """A test of the bulletin's ``language`` version (its latest revision, published or not)
    to any address, marked as a test in the subject."""
    page = BulletinPage.objects.filter(pk=page_id).first()
    if page is None:
        return None
    version = version_for(page, language, language_versions(page, live=False))
    mail = BulletinMail(render_bulletin(version, draft=True), test=True)
    subscriber = Subscriber.objects.filter(email=to).first()
    return mail.email_message(
        to, mail.message_id(f"test.{uuid.uuid4().hex}"), mail.links_for(subscriber)
    )
