"""Trainings, seminars, information days and network events.

An event has a start and an end, a place (a town and an address, or a link to join online, or
both) and the languages it is held in; a funding call has a deadline and a funder. The two
share the taxonomy, the list filters' shape, the iCalendar and feed machinery and the
translation workflow, but not their dates, so events are pages of their own.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from calls.fields import MultipleChoiceListField
from calls.models import CanonicalConceptsPageForm, other_language_lists
from calls.status import deadline_countdown, utc
from directory.indexing import closest_version
from directory.models import ActivityField, Organisation, OrganisationPage, TargetGroup
from directory.taxonomy import County, WorkingLanguage
from directory.vocabularies import activity_field_names, target_group_names
from home.models import BasePage
from portal import ical

from .blocks import EventBodyBlock

EVENTS_PER_PAGE = 20
ONLINE = "online"


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    SEMINAR = "seminar", _("Seminar")
    INFO_DAY = "info-day", _("Information day")
    NETWORK = "network", _("Network event")
    OTHER = "other", _("Other event")


class Attendance(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = ONLINE, _("Online")
    MIXED = "mixed", _("In person and online")


def default_languages():
    return [WorkingLanguage.ESTONIAN]


class EventPageQuerySet(PageQuerySet):
    """Filters of the list, each taking an optional ``now`` so that tests can stop the clock."""

    def upcoming(self, now=None):
        """Not over yet: coming, or running now."""
        return self.filter(ends_at__gt=utc(now))

    def past(self, now=None):
        return self.filter(ends_at__lte=utc(now))

    def in_month(self, year, month):
        """Events held at least partly in that month (Estonian time)."""
        zone = timezone.get_default_timezone()
        first = datetime(year, month, 1, tzinfo=zone)
        following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
        return self.filter(starts_at__lt=following, ends_at__gte=first)

    def for_place(self, value):
        """``online``: events one can join online; a county: events held there in person."""
        if value == ONLINE:
            return self.exclude(attendance=Attendance.IN_PERSON)
        return self.filter(county=value).exclude(attendance=Attendance.ONLINE)

    def for_language(self, code):
        return self.filter(EventPage._meta.get_field("languages").contains(code))

    def for_topic(self, slug):
        return self.filter(topics__slug=slug).distinct()

    def for_group(self, slug):
        return self.filter(target_groups__slug=slug).distinct()

    def for_listing(self):
        """What a card shows, in a fixed number of queries however many events there are."""
        return self.select_related("organisation", "locale").prefetch_related(
            organiser_pages(), "topics"
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


def organiser_pages():
    """The live profile versions of each event's organisation, as ``organisation.versions``."""
    return Prefetch(
        "organisation__pages",
        queryset=OrganisationPage.objects.live().public().select_related("locale"),
        to_attr="versions",
    )


class EventIndexPage(RoutablePageMixin, BasePage):
    """events/: coming events of one language first, the archive of past ones, and the
    calendar and RSS feeds."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("events index page")
        verbose_name_plural = _("events index pages")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from .filters import EventFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = EventFilterForm(request.GET or None, index_page=self)
        # The cards are kept once rendered (events_tags.event_cards), which reads the events it
        # has to render.
        events = form.filter(self.events().only("starts_at"))
        page_obj = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            {
                "filter_form": form,
                "events": page_obj,
                "page_obj": page_obj,
                "archive": form.archive,
                "filters_applied": form.has_filters(),
                "calendar_url": self.calendar_url(request),
            }
        )
        if not page_obj.paginator.count and not form.has_filters():
            context["other_language_lists"] = other_language_lists(
                self, lambda index: index.events().upcoming().count(), request
            )
        return context

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from .ical import build_calendar

        events = self.events().upcoming().for_listing().order_by("starts_at", "pk")
        key = ical.cache_key(
            f"events:ics:{self.pk}",
            request,
            events.order_by().aggregate(
                count=models.Count("pk"),
                published=models.Max("last_published_at"),
                next_end=models.Min("ends_at"),
            ),
        )
        return ical.calendar_response(
            request, lambda: build_calendar(events, request, self.title), "events.ics", key
        )

    def calendar_url(self, request=None):
        return ical.calendar_url(self, "events:calendar", request=request)

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import EventsFeed

        return EventsFeed()(request, index_page=self)


ENDS_BEFORE_START = _("The end must be later than the start.")
REGISTRATION_AFTER_END = _("Registration cannot close after the event has ended.")
TOWN_MISSING = _("Say in which town the event takes place, or choose “Online”.")
COST_MISSING = _("Say what taking part costs, or tick “free of charge”.")


def _event_constraints():
    return [
        models.CheckConstraint(
            condition=Q(starts_at__isnull=True)
            | Q(ends_at__isnull=True)
            | Q(ends_at__gt=F("starts_at")),
            name="events_eventpage_ends_after_start",
            violation_error_message=ENDS_BEFORE_START,
        ),
        models.CheckConstraint(
            condition=Q(registration_deadline__isnull=True)
            | Q(ends_at__isnull=True)
            | Q(registration_deadline__lte=F("ends_at")),
            name="events_eventpage_registration_before_end",
            violation_error_message=REGISTRATION_AFTER_END,
        ),
    ]


class EventPage(RoutablePageMixin, BasePage):
    """One training or event. Written in Estonian as a rule, translated with wagtail-localize;
    dates, place, languages and links are synchronised, never retyped."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.TRAINING
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The page then links to the organiser's profile, in the reader's language."),
    )
    organiser_name = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("The organiser's name when it is not in the directory (or to add partners)."),
    )
    starts_at = models.DateTimeField(
        _("starts"), null=True, blank=False, help_text=_("Date and time in Estonia.")
    )
    ends_at = models.DateTimeField(
        _("ends"), null=True, blank=False, help_text=_("Date and time in Estonia.")
    )
    attendance = models.CharField(
        _("how to take part"),
        max_length=20,
        choices=Attendance.choices,
        default=Attendance.IN_PERSON,
    )
    county = models.CharField(_("county"), max_length=20, choices=County.choices, blank=True)
    town = models.CharField(
        _("town or village"),
        max_length=100,
        blank=True,
        help_text=_("As written in Estonian, e.g. Jõhvi."),
    )
    address = models.CharField(
        _("address and room"),
        max_length=200,
        blank=True,
        help_text=_("For example: Puškini 13, 3rd floor, room 305."),
    )
    online_url = models.URLField(
        _("link to join online"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty when the link is sent to registered participants."),
    )
    languages = MultipleChoiceListField(
        _("languages of the event"),
        choices=WorkingLanguage.choices,
        default=default_languages,
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost = models.CharField(
        _("cost"),
        max_length=200,
        blank=True,
        help_text=_("For example: 25 €, members of the network 10 €."),
    )
    registration_url = models.URLField(_("registration link"), max_length=500, blank=True)
    registration_deadline = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Date and time in Estonia.")
    )
    topics = ParentalManyToManyField(
        ActivityField, verbose_name=_("fields of activity"), blank=True, related_name="events"
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="events"
    )
    body = StreamField(EventBodyBlock(), blank=True, verbose_name=_("body"))

    objects = EventPageManager()

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = CanonicalConceptsPageForm

    content_panels = [
        *BasePage.content_panels[:1],
        FieldPanel("introduction", heading=_("Summary")),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("languages")]),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("organiser_name")],
            heading=_("Organiser"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldRowPanel([FieldPanel("county"), FieldPanel("town")]),
                FieldPanel("address"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("cost")]),
                FieldRowPanel(
                    [FieldPanel("registration_url"), FieldPanel("registration_deadline")]
                ),
            ],
            heading=_("Cost and registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("target_groups")],
            heading=_("For whom"),
        ),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("organiser_name"),
        index.SearchField("town"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("kind"),
        APIField("organiser"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("attendance"),
        APIField("county"),
        APIField("town"),
        APIField("address"),
        APIField("online_url"),
        APIField(
            "languages",
            serializer=serializers.ListField(child=serializers.CharField(), read_only=True),
        ),
        APIField("is_free"),
        APIField("cost"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("body"),
    ]

    # Text is translated; the facts are copied from the source at every synchronisation. A
    # translator may write the town and the address in their language, and point to a
    # registration form in it.
    override_translatable_fields = [
        TranslatableField("organiser_name"),
        TranslatableField("cost"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("organisation", overridable=False),
        SynchronizedField("starts_at", overridable=False),
        SynchronizedField("ends_at", overridable=False),
        SynchronizedField("attendance", overridable=False),
        SynchronizedField("county", overridable=False),
        SynchronizedField("town"),
        SynchronizedField("address"),
        SynchronizedField("online_url", overridable=False),
        SynchronizedField("languages", overridable=False),
        SynchronizedField("is_free", overridable=False),
        SynchronizedField("registration_url"),
        SynchronizedField("registration_deadline", overridable=False),
        SynchronizedField("topics", overridable=False),
        SynchronizedField("target_groups", overridable=False),
    ]

    class Meta:
        verbose_name = _("training or event")
        verbose_name_plural = _("trainings and events")
        indexes = [models.Index(fields=["starts_at"], name="events_eventpage_starts_at")]
        constraints = _event_constraints()

    # Derived facts ----------------------------------------------------------------------

    @property
    def in_person(self):
        return self.attendance != Attendance.ONLINE

    @property
    def online(self):
        return self.attendance != Attendance.IN_PERSON

    def is_past(self, now=None):
        return self.ends_at is not None and utc(self.ends_at) <= utc(now)

    def registration_open(self, now=None):
        if not self.registration_url or self.is_past(now):
            return False
        return self.registration_deadline is None or utc(now) < utc(self.registration_deadline)

    def registration_countdown(self, now=None):
        if self.registration_deadline is None:
            return ""
        return deadline_countdown(self.registration_deadline, now)

    @property
    def place(self):
        """Where, in a few words: "Narva, Puškini 13", "Online", "Tartu and online"."""
        where = ", ".join(part for part in (self.town, self.address) if part)
        if self.attendance == Attendance.ONLINE or not where:
            return str(Attendance.ONLINE.label) if self.online else where
        if self.attendance == Attendance.MIXED:
            return gettext("%(place)s and online") % {"place": where}
        return where

    @cached_property
    def organiser_profile(self):
        """The organiser's profile in the version closest to the event page's language."""
        if self.organisation_id is None:
            return None
        organisation = self.organisation
        versions = getattr(organisation, "versions", None)
        if versions is None:
            versions = organisation.pages.live().public().select_related("locale")
        by_language = {version.locale.language_code: version for version in versions}
        return closest_version(by_language, self.locale.language_code)

    @property
    def organiser(self):
        """The organiser's name as the reader sees it."""
        if self.organiser_name:
            return self.organiser_name
        profile = self.organiser_profile
        if profile is not None:
            return profile.title
        return self.organisation.registered_name if self.organisation_id else ""

    @property
    def kind_label(self):
        return EventKind(self.kind).label if self.kind in EventKind.values else ""

    @property
    def language_labels(self):
        """The languages' names in the language being shown (strings, for plain-text joins)."""
        choices = dict(WorkingLanguage.choices)
        return [str(choices.get(code, code)) for code in self.languages]

    @property
    def county_label(self):
        return self.get_county_display() if self.county else ""

    @property
    def topic_names(self):
        names = activity_field_names(get_language())
        return [names.get(topic.slug, topic.name) for topic in self.topics.all()]

    @property
    def target_group_names(self):
        names = target_group_names(get_language())
        return [names.get(group.slug, group.name) for group in self.target_groups.all()]

    # Validation -------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and utc(self.ends_at) <= utc(self.starts_at):
            errors["ends_at"] = ENDS_BEFORE_START
        if (
            self.registration_deadline
            and self.ends_at
            and utc(self.registration_deadline) > utc(self.ends_at)
        ):
            errors["registration_deadline"] = REGISTRATION_AFTER_END
        if self.in_person and not self.town.strip():
            errors["town"] = TOWN_MISSING
        if not self.is_free and not self.cost.strip():
            errors["cost"] = COST_MISSING
        if errors:
            raise ValidationError(errors)

    # Rendering --------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            {
                "now": now,
                "calendar_url": self.calendar_url(request),
                "registration_open": self.registration_open(now),
                "is_past": self.is_past(now),
                "structured_data": self.structured_data(request),
            }
        )
        return context

    def structured_data(self, request):
        """schema.org ``Event`` (https://schema.org/Event), for search engines."""
        from .schema import event_structured_data

        return event_structured_data(self, request)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from .ical import build_calendar

        if self.starts_at is None or self.ends_at is None:
            raise Http404
        return ical.calendar_response(
            request, lambda: build_calendar([self], request, self.title), f"{self.slug}.ics"
        )

    def calendar_url(self, request=None):
        return ical.calendar_url(self, "events:event_calendar", [self.slug], request)
