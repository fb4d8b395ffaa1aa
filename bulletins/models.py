"""The weekly bulletin: its pages, the subscribers, and the campaigns that send it.

BulletinPage (one per week, per locale) → Campaign (an audience: languages, topics) → one
Delivery per recipient, unique per campaign and subscriber, claimed with a lease
(``portal.leases``) and ended ``sent`` or ``failed`` with the reason.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail_localize.fields import SynchronizedField

from calls.fields import MultipleChoiceListField
from home.models import BasePage
from portal.leases import Leased

from .blocks import BulletinBodyBlock


class Topic(models.TextChoices):
    CALLS = "calls", _("Funding calls")
    TRAININGS = "trainings", _("Trainings and events")
    NETWORK = "network", _("Network news")
    ORGANISATIONS = "organisations", _("News from organisations")


class BulletinIndexPage(RoutablePageMixin, BasePage):
    """bulletins/: the archive of one language, newest first, and its RSS feed."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["bulletins.BulletinPage"]

    class Meta:
        verbose_name = _("bulletin archive")
        verbose_name_plural = _("bulletin archives")


class BulletinPage(BasePage):
    """One weekly issue. The Russian version is the main one; the others are translations."""

    issue_number = models.PositiveIntegerField(_("issue number"))
    issue_date = models.DateField(_("date of the issue"))
    body = StreamField(BulletinBodyBlock(), blank=True, verbose_name=_("sections"))

    parent_page_types = ["bulletins.BulletinIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels[:1] + [
        FieldRowPanel([FieldPanel("issue_number"), FieldPanel("issue_date")]),
        *BasePage.content_panels[1:],
        FieldPanel("body"),
    ]

    override_translatable_fields = [
        SynchronizedField("issue_number", overridable=False),
        SynchronizedField("issue_date", overridable=False),
    ]

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")


class Subscriber(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Private person")
        JOURNALIST = "journalist", _("Journalist")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Address does not work")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    topics = MultipleChoiceListField(_("topics"), choices=Topic.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    secret = models.CharField(max_length=43, default=secrets.token_urlsafe, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # The consent record: when, what the person was shown, and where.
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_text = models.TextField(_("wording of the consent"), blank=True)
    consent_source = models.CharField(_("source of the consent"), max_length=200, blank=True)
    hard_bounces = models.PositiveSmallIntegerField(_("hard bounces"), default=0)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email


class Campaign(models.Model):
    """Sending one bulletin to an audience."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        PAUSED = "paused", _("Paused")
        CANCELLED = "cancelled", _("Cancelled")
        DONE = "done", _("Sent")

    page = models.ForeignKey(
        BulletinPage,
        verbose_name=_("bulletin"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    languages = MultipleChoiceListField(_("languages"), choices=settings.LANGUAGES)
    topics = MultipleChoiceListField(_("topics"), choices=Topic.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    allow_stale = models.BooleanField(_("sent with stale translations"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The key of the send form the campaign came from: a second click on "Send", or the form
    # submitted again, finds this campaign instead of starting another.
    send_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page} · {self.created_at:%Y-%m-%d %H:%M}"


class Delivery(Leased):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("reason"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subscriber"], name="unique_delivery_per_subscriber"
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="delivery_campaign_status")]

    def __str__(self):
        return f"{self.campaign_id} → {self.subscriber_id}: {self.status}"
