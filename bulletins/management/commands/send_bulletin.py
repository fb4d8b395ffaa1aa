from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from bulletins.models import BulletinPage, Topic
from bulletins.sending import CannotSend, audience_counts, queue_campaign
from bulletins.tasks import test_message
from portal.mail import send_email_on_commit

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class Command(BaseCommand):
    help = (
        "Queue the bulletin PAGE_ID (any of its language versions) for every confirmed "
        "subscriber, each in their language (Russian when their language has no version), "
        "and return; the task worker sends it. Never prompts."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int)
        parser.add_argument(
            "--test-to", metavar="EMAIL", help="only send a test of the bulletin to EMAIL"
        )
        parser.add_argument(
            "--language",
            action="append",
            choices=LANGUAGE_CODES,
            help="only subscribers reading this language (repeatable; default: all)",
        )
        parser.add_argument(
            "--topic",
            action="append",
            choices=Topic.values,
            help="only subscribers who chose this topic or none (repeatable; default: all)",
        )
        parser.add_argument(
            "--allow-stale",
            action="store_true",
            help="send even if a translation is older than its source",
        )
        parser.add_argument("--at", metavar="DATETIME", help="send at this time (ISO 8601)")

    def handle(self, *args, page_id, test_to, language, topic, allow_stale, at, **options):
        page = BulletinPage.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No bulletin with id {page_id}.")
        languages = language or LANGUAGE_CODES
        if test_to:
            try:
                validate_email(test_to)
            except ValidationError as error:
                raise CommandError(f"--test-to: {test_to} is not an e-mail address.") from error
            for code in language or [page.locale.language_code]:
                send_email_on_commit(test_message, page_id=page.pk, language=code, to=test_to)
            self.stdout.write(f"Test of “{page.title}” queued for {test_to}.")
            return
        send_at = None
        if at:
            send_at = parse_datetime(at)
            if send_at is None:
                raise CommandError(f"--at: {at} is not a date and time (2026-12-01T09:00).")
            if timezone.is_naive(send_at):
                send_at = timezone.make_aware(send_at)
        try:
            campaign, _created = queue_campaign(
                page,
                languages=languages,
                topics=topic or [],
                send_at=send_at,
                allow_stale=allow_stale,
            )
        except CannotSend as error:
            raise CommandError(str(error)) from error
        counts = audience_counts(campaign.languages, campaign.topics)
        by_language = ", ".join(f"{code}: {count}" for code, count in counts.items())
        when = f" at {timezone.localtime(send_at):%Y-%m-%d %H:%M}" if send_at else ""
        self.stdout.write(
            f"Campaign {campaign.pk} of “{page.title}” queued{when} for "
            f"{sum(counts.values())} subscriber(s) ({by_language})."
        )
