"""The weekly bulletin: its pages, the subscribers, and the campaigns that send it.

BulletinPage (one per week, per locale) → Campaign (an audience: languages, topics) → one
Delivery per recipient, unique per campaign and subscriber, claimed with a lease
(``portal.leases``) and ended ``sent`` or ``failed`` with the reason.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from calls.fields import MultipleChoiceListField
from calls.models import CallPage, OtherLanguageList
from events.models import EventPage
from home.models import BasePage
from portal.leases import Leased
from portal.navigation import remember

from .blocks import BulletinBodyBlock, localized_calls, localized_events
from .feeds import BulletinFeed

ISSUES_PER_PAGE = 20


class Topic(models.TextChoices):
    CALLS = "calls", _("Funding calls")
    TRAININGS = "trainings", _("Trainings and events")
    NETWORK = "network", _("Network news")
    ORGANISATIONS = "organisations", _("News from organisations")


class BulletinIndexPage(RoutablePageMixin, BasePage):
    """bulletins/: the archive of one language, newest first, by year, and its RSS feed."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["bulletins.BulletinPage"]

    class Meta:
        verbose_name = _("bulletin archive")
        verbose_name_plural = _("bulletin archives")

    def issues(self):
        """The published issues of this archive, newest first."""
        return (
            BulletinPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-issue_date", "-issue_number", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = self.issues().defer_streamfields()
        years = [day.year for day in issues.dates("issue_date", "year", order="DESC")]
        year = _chosen_year(request.GET.get("year"), years)
        if year is not None:
            issues = issues.filter(issue_date__year=year)
        page_obj = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
        context.update({"issues": page_obj, "page_obj": page_obj, "years": years, "year": year})
        if not years:
            context["other_language_archives"] = self.other_language_archives(request)
        return context

    def other_language_archives(self, request=None):
        """The archives of the other languages that have issues: what a reader of an empty
        archive (the English one, mostly) can turn to."""
        names = dict(settings.LANGUAGES)
        archives = []
        for archive in self.get_translations().live().public().select_related("locale"):
            archive = archive.specific_deferred
            count = archive.issues().count()
            code = archive.locale.language_code
            if count and code in names:
                url = archive.get_url(request)
                archives.append(OtherLanguageList(code, names[code], url, count))
        return sorted(archives, key=lambda archive: -archive.count)

    @path("feed/", name="feed")
    def feed(self, request):
        return BulletinFeed()(request, index_page=self)

    # Assembling the next issue --------------------------------------------------------

    def next_issue(self, today=None):
        """What "Assemble the next issue" would create: the next number (issue numbers are
        one sequence shared by every language), today's date and the calls of this language
        published since the last issue's date, still open or upcoming and not already in it.
        ``draft`` is the newest issue when it was never published: assembling again opens it
        instead of creating a second one."""
        today = today or timezone.localdate()
        newest = BulletinPage.objects.child_of(self).order_by("-issue_number", "-pk").first()
        published = (
            BulletinPage.objects.child_of(self)
            .exclude(first_published_at=None)
            .order_by("-issue_date", "-issue_number")
            .first()
        )
        if published is not None:
            since = published.issue_date
            already = {call.translation_key for call in published.chosen_calls()}
            already_events = {event.translation_key for event in published.chosen_events()}
        else:
            since = today - timedelta(days=7)
            already, already_events = set(), set()
        new = {
            "locale_id": self.locale_id,
            "first_published_at__gte": timezone.make_aware(datetime.combine(since, time.min)),
        }
        calls = list(
            CallPage.objects.live()
            .public()
            .filter(**new)
            .not_closed()
            .exclude(translation_key__in=already)
            .select_related("funder")
            .order_by("deadline", "pk")
        )
        events = list(
            EventPage.objects.live()
            .public()
            .filter(**new)
            .upcoming()
            .exclude(translation_key__in=already_events)
            .order_by("starts_at", "pk")
        )
        number = (BulletinPage.objects.aggregate(last=Max("issue_number"))["last"] or 0) + 1
        draft = newest if newest is not None and newest.first_published_at is None else None
        return NextIssue(
            number=number, date=today, since=since, calls=calls, draft=draft, events=events
        )

    def assemble_next_issue(self, user=None, today=None):
        """Create the draft of the next issue, pre-filled with the new calls and events; return
        it and whether it was created (False: the existing unpublished draft is returned)."""
        with transaction.atomic():
            # One assembly at a time per archive: a double click gets the same draft.
            list(Page.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
            plan = self.next_issue(today)
            if plan.draft is not None:
                return plan.draft, False
            with translation.override(self.locale.language_code):
                title = gettext("Bulletin No. %(number)s") % {"number": plan.number}
            body = []
            if plan.calls:
                calls = [{"call": call, "note": ""} for call in plan.calls]
                body.append(("calls", {"heading": "", "calls": calls}))
            if plan.events:
                events = [{"event": event, "note": ""} for event in plan.events]
                body.append(("events", {"heading": "", "events": events, "items": []}))
            bulletin = BulletinPage(
                title=title,
                slug=find_available_slug(self, str(plan.number)),
                issue_number=plan.number,
                issue_date=plan.date,
                body=body,
                live=False,
                owner=user,
            )
            self.add_child(instance=bulletin)
            bulletin.save_revision(user=user, log_action=True)
        return bulletin, True


@dataclass(frozen=True)
class NextIssue:
    number: int
    date: date
    since: date
    calls: list
    draft: "BulletinPage | None"
    events: list = ()


def _chosen_year(value, years):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if year in years else None


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

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("issue_date"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("issue_number"),
        APIField("issue_date"),
        APIField("body"),
    ]

    override_translatable_fields = [
        SynchronizedField("issue_number", overridable=False),
        SynchronizedField("issue_date", overridable=False),
    ]

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        indexes = [models.Index(fields=["issue_date"], name="bulletin_issue_date")]

    def chosen_calls(self):
        """The calls chosen in the sections, as the editor chose them (any language)."""
        return [
            item["call"]
            for block in self.body
            if block.block_type == "calls"
            for item in block.value["calls"]
            if item["call"] is not None
        ]

    @cached_property
    def shown_calls(self):
        """{id of a chosen call: the call to show in this bulletin's language}, for every call
        of every section at once."""
        return localized_calls(self.chosen_calls(), self.locale_id)

    def chosen_events(self):
        """The events chosen from the calendar in the sections, as the editor chose them."""
        return [
            item["event"]
            for block in self.body
            if block.block_type == "events"
            for item in block.value["events"]
            if item["event"] is not None
        ]

    @cached_property
    def shown_events(self):
        """{id of a chosen event: the event to show in this bulletin's language}."""
        return localized_events(self.chosen_events(), self.locale_id)

    def pager(self):
        """``{"previous_issue", "next_issue", "archive"}``: the published issues before and
        after this one (or None) and the index of all issues."""
        siblings = (
            BulletinPage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .defer_streamfields()
        )
        return {
            "previous_issue": siblings.filter(issue_number__lt=self.issue_number)
            .order_by("-issue_number")
            .first(),
            "next_issue": siblings.filter(issue_number__gt=self.issue_number)
            .order_by("issue_number")
            .first(),
            "archive": self.get_parent(),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context.update(self.pager())
        else:
            # The issues around this one change only with a publication: a new generation.
            context.update(
                remember(request, f"bulletin-pager:{self.pk}", lambda site: self.pager())
            )
        return context


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

    def save(self, *args, **kwargs):
        """Keep the address normalised and the dates in step with the status, however the row
        is saved (sign-up, import, the admin)."""
        changed = {"email"}
        self.email = self.normalise_email(self.email)
        if self.status == self.Status.CONFIRMED and self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            changed.add("confirmed_at")
        if self.status == self.Status.UNSUBSCRIBED and self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            changed.add("unsubscribed_at")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *changed}
        super().save(*args, **kwargs)

    @staticmethod
    def normalise_email(value):
        """One address, one row: "  Olga@NGO.example " and "olga@ngo.example" are the same."""
        return (value or "").strip().lower()

    def clean(self):
        # Before the unique check of a model form, so that a differently written duplicate is
        # reported as a duplicate rather than failing on the database's constraint.
        self.email = self.normalise_email(self.email)


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
