import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from directory.models import ActivityField, TargetGroup
from directory.taxonomy import County, WorkingLanguage
from directory.vocabularies import activity_field_names, target_group_names
from home.models import BasePage
from portal import ical
from portal.leases import Leased
from portal.navigation import remember
from portal.sections import CALL_PAGE_SECTIONS, collect_sections

from .blocks import CallBodyBlock
from .fields import MultipleChoiceListField
from .status import CLOSING_SOON_WINDOW, CallStatus, countdown, status_at, utc

CALLS_PER_PAGE = 20
ALL_OF_ESTONIA = "all"
REGION_CHOICES = [(ALL_OF_ESTONIA, _("All of Estonia")), *County.choices]


class ApplicantType(models.TextChoices):
    NGO = "ngo", _("Non-profit associations")
    FOUNDATION = "foundation", _("Foundations")
    INFORMAL_GROUP = "informal-group", _("Informal groups")
    INDIVIDUAL = "individual", _("Individuals")
    LOCAL_GOVERNMENT = "local-government", _("Local governments")
    COMPANY = "company", _("Companies")


def default_regions():
    return [ALL_OF_ESTONIA]


def default_application_languages():
    return [WorkingLanguage.ESTONIAN]


class Funder(TranslatableMixin, index.Indexed, models.Model):
    """Who gives the money: a foundation, a ministry, a municipality, an EU programme."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Latin letters, the same in every language. Used in the calls filter."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("short description"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences about the funder."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_funder_slug"),
        ]

    def __str__(self):
        return self.name


class CallPageQuerySet(PageQuerySet):
    """Status filters, all taking an optional ``now`` so that tests can stop the clock."""

    def upcoming(self, now=None):
        return self.filter(opens_at__gt=utc(now))

    def accepting(self, now=None):
        """Open for applications: open or closing soon."""
        now = utc(now)
        return self.filter(opens_at__lte=now, deadline__gt=now)

    def open(self, now=None):
        now = utc(now)
        return self.accepting(now).filter(deadline__gt=now + CLOSING_SOON_WINDOW)

    def closing_soon(self, now=None):
        now = utc(now)
        return self.accepting(now).filter(deadline__lte=now + CLOSING_SOON_WINDOW)

    def closed(self, now=None):
        return self.filter(deadline__lte=utc(now))

    def not_closed(self, now=None):
        """Open, closing soon or upcoming: what a calendar subscriber wants."""
        return self.filter(deadline__gt=utc(now))

    def with_status(self, status, now=None):
        return {
            CallStatus.UPCOMING: self.upcoming,
            CallStatus.OPEN: self.open,
            CallStatus.CLOSING_SOON: self.closing_soon,
            CallStatus.CLOSED: self.closed,
        }[status](now)

    def for_topic(self, slug):
        return self.filter(topics__slug=slug).distinct()

    def for_funder(self, slug):
        return self.filter(funder__slug=slug)

    def for_applicant(self, applicant_type):
        return self.filter(CallPage._meta.get_field("eligible_applicants").contains(applicant_type))

    def for_county(self, county):
        """Calls open to organisations of ``county``: those for that county or all of Estonia."""
        regions = CallPage._meta.get_field("regions")
        return self.filter(regions.contains(county) | regions.contains(ALL_OF_ESTONIA))

    def for_listing(self):
        return self.select_related("funder", "locale").prefetch_related("topics")

    def for_cards(self):
        """``for_listing()`` reading only what a card of the list shows (calls/includes/
        call_card.html): building and reading the query of every column of a call and its page
        was about a third of the list's time."""
        return (
            self.select_related("funder", "locale")
            .prefetch_related(
                models.Prefetch("topics", queryset=ActivityField.objects.only("slug", "name"))
            )
            .only(*CARD_FIELDS)
        )

    def for_card_keys(self):
        """Only what tells a call's card apart (its page, and the dates its status and
        countdown come from): the list's cards are kept once rendered (calls_tags.call_cards),
        which reads the rest, ``for_cards()``, for the cards it has to render."""
        return self.only("opens_at", "deadline")


CallPageManager = PageManager.from_queryset(CallPageQuerySet)

# What calls/includes/call_card.html reads of a call; its address needs the page's path and
# language.
CARD_FIELDS = (
    "title",
    "url_path",
    "locale",
    "funder__name",
    "programme",
    "introduction",
    "opens_at",
    "deadline",
    "grant_min",
    "grant_max",
)


@dataclass(frozen=True)
class OtherLanguageList:
    code: str
    name: str
    url: str
    count: int


def other_language_lists(index_page, count, request=None):
    """The translations of ``index_page`` whose ``count(translation)`` is not zero, most
    items first: the lists in other languages that a reader of an empty one can turn to."""
    names = dict(settings.LANGUAGES)
    lists = []
    for translation in (
        index_page.get_translations().live().public().select_related("locale").specific()
    ):
        number = count(translation)
        code = translation.locale.language_code
        if number and code in names:
            lists.append(OtherLanguageList(code, names[code], translation.get_url(request), number))
    return sorted(lists, key=lambda item: -item.count)


class CallIndexPage(RoutablePageMixin, BasePage):
    """calls/: the list of calls in one language, with its iCal and RSS feeds."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["calls.CallPage"]

    class Meta:
        verbose_name = _("calls index page")
        verbose_name_plural = _("calls index pages")

    def calls(self):
        return CallPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from .filters import CallFilterForm, funder_choices

        context = super().get_context(request, *args, **kwargs)
        funders = remember(
            request, f"call-funders:{self.locale_id}", lambda site: funder_choices(self.locale)
        )
        form = CallFilterForm(request.GET or None, locale=self.locale, funders=funders)
        calls = form.filter(self.calls().for_card_keys())
        page_obj = _paginate(calls, request.GET.get("page"))
        context.update(
            {
                "filter_form": form,
                "calls": page_obj,
                "page_obj": page_obj,
                "filters_applied": form.has_filters(),
                "calendar_url": self.calendar_url(request),
                "now": timezone.now(),
            }
        )
        if not page_obj.paginator.count and not form.has_filters():
            context["other_language_lists"] = self.other_language_lists(request)
        return context

    def other_language_lists(self, request=None):
        """The call lists of the other languages that have calls still open or upcoming: what
        a reader of an empty list (often the English one) can turn to."""
        return other_language_lists(self, lambda index: index.calls().not_closed().count(), request)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from .ical import calendar_response

        calls = self.calls().not_closed().select_related("funder", "locale").order_by("deadline")
        # Calendar apps poll this often and serialising hundreds of events costs about a
        # millisecond each: cache it until a call is published, withdrawn or closes.
        key = ical.cache_key(
            f"calls:ics:{self.pk}",
            request,
            calls.order_by().aggregate(
                count=models.Count("pk"),
                published=models.Max("last_published_at"),
                next_deadline=models.Min("deadline"),
            ),
        )
        return calendar_response(
            request, calls, filename="calls.ics", name=self.title, cache_key=key
        )

    def calendar_url(self, request=None):
        return calendar_url(self, request)

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import NewCallsFeed

        return NewCallsFeed()(request, index_page=self)


def calendar_url(page, request=None):
    """The page's ``.ics`` address when calls/urls.py is mounted, else its ``calendar/`` route."""
    if isinstance(page, CallIndexPage):
        return ical.calendar_url(page, "calls:calendar", request=request)
    return ical.calendar_url(page, "calls:call_calendar", [page.slug], request)


def _paginate(queryset, number):
    from django.core.paginator import Paginator

    return Paginator(queryset, CALLS_PER_PAGE).get_page(number)


def _list_serializer():
    return serializers.ListField(child=serializers.CharField(), read_only=True)


NEGATIVE_AMOUNT = _("An amount cannot be negative.")
DEADLINE_BEFORE_OPENING = _("The deadline must be later than the opening date.")
GRANT_MIN_ABOVE_MAX = _("The smallest grant cannot be larger than the largest grant.")
GRANT_MAX_ABOVE_BUDGET = _("The largest grant cannot be larger than the total budget.")


def euro_amount_validators():
    return [MinValueValidator(Decimal(0), message=NEGATIVE_AMOUNT)]


def _unset(*names):
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__isnull": True})
    return condition


def _call_constraints():
    """The rules of ``CallPage.clean`` that the database can keep as well (checked only when
    the values are there: a draft may leave them empty)."""
    constraints = [
        models.CheckConstraint(
            condition=_unset(field) | Q(**{f"{field}__gte": 0}),
            name=f"calls_callpage_{field}_not_negative",
            violation_error_message=NEGATIVE_AMOUNT,
        )
        for field in ("budget_total", "grant_min", "grant_max")
    ]
    return constraints + [
        models.CheckConstraint(
            condition=_unset("opens_at", "deadline") | Q(deadline__gt=F("opens_at")),
            name="calls_callpage_deadline_after_opening",
            violation_error_message=DEADLINE_BEFORE_OPENING,
        ),
        models.CheckConstraint(
            condition=_unset("grant_min", "grant_max") | Q(grant_min__lte=F("grant_max")),
            name="calls_callpage_grant_min_not_above_max",
            violation_error_message=GRANT_MIN_ABOVE_MAX,
        ),
        models.CheckConstraint(
            condition=_unset("grant_max", "budget_total") | Q(grant_max__lte=F("budget_total")),
            name="calls_callpage_grant_max_not_above_budget",
            violation_error_message=GRANT_MAX_ABOVE_BUDGET,
        ),
    ]


OFFICIAL_URL_MISSING = _(
    "Add the link to the official call: applicants apply there, so a call cannot be "
    "published without it."
)


class CanonicalConceptsPageForm(WagtailAdminPageForm):
    """Offers the canonical concepts of the shared vocabularies (one record per concept,
    whatever the page's language) for the page's ``topics`` and ``target_groups``."""

    concept_fields = {"topics": ActivityField, "target_groups": TargetGroup}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in self.concept_fields.items():
            if name in self.fields:
                self.fields[name].queryset = model.objects.canonical()


class CallPageForm(CanonicalConceptsPageForm):
    """Offers only the funders of the page's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if "official_url" in self.fields:
            self.fields["official_url"].error_messages["required"] = OFFICIAL_URL_MISSING
        if locale_id is not None and "funder" in self.fields:
            self.fields["funder"].queryset = Funder.objects.filter(
                Q(locale_id=locale_id) | Q(pk=self.instance.funder_id)
            )


class CallPage(RoutablePageMixin, BasePage):
    """One funding call. Written in Estonian as a rule, translated with wagtail-localize; the
    facts (dates, amounts, funder, taxonomy, link) are synchronised, never retyped."""

    route_select_related = ("funder",)

    programme = models.CharField(
        _("programme"),
        max_length=200,
        blank=True,
        help_text=_("The funding programme or measure this call belongs to."),
    )
    funder = models.ForeignKey(
        Funder,
        verbose_name=_("funder"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="calls",
    )
    body = StreamField(CallBodyBlock(), blank=True, verbose_name=_("body"))
    opens_at = models.DateTimeField(
        _("opens"),
        null=True,
        blank=False,
        help_text=_("Date and time in Estonia when applications may first be submitted."),
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=False,
        help_text=_("Date and time in Estonia when the call closes."),
    )
    budget_total = models.DecimalField(
        _("total budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=euro_amount_validators(),
    )
    grant_min = models.DecimalField(
        _("smallest grant (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=euro_amount_validators(),
    )
    grant_max = models.DecimalField(
        _("largest grant (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=euro_amount_validators(),
    )
    eligible_applicants = MultipleChoiceListField(
        _("eligible applicants"), choices=ApplicantType.choices
    )
    topics = ParentalManyToManyField(
        ActivityField, verbose_name=_("topics"), blank=True, related_name="calls"
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("who may benefit"),
        blank=True,
        related_name="calls",
        help_text=_("The target groups the funded projects are meant for, if the call says."),
    )
    regions = MultipleChoiceListField(
        _("regions"),
        choices=REGION_CHOICES,
        default=default_regions,
        help_text=_("“All of Estonia”, or the counties whose organisations may apply."),
    )
    application_languages = MultipleChoiceListField(
        _("application languages"),
        choices=WorkingLanguage.choices,
        default=default_application_languages,
        help_text=_("Languages in which an application may be written."),
    )
    official_url = models.URLField(
        _("link to the official call"),
        max_length=500,
        blank=False,
        error_messages={"blank": OFFICIAL_URL_MISSING},
    )

    objects = CallPageManager()

    parent_page_types = ["calls.CallIndexPage"]
    subpage_types = []
    base_form_class = CallPageForm

    content_panels = [
        *BasePage.content_panels[:1],
        FieldPanel("introduction", heading=_("Summary")),
        FieldPanel("funder"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
                FieldPanel("official_url"),
            ],
            heading=_("Dates and link"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("budget_total"),
                FieldRowPanel([FieldPanel("grant_min"), FieldPanel("grant_max")]),
            ],
            heading=_("Money"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("eligible_applicants"),
                FieldPanel("topics"),
                FieldPanel("target_groups"),
                FieldPanel("regions"),
                FieldPanel("application_languages"),
            ],
            heading=_("Who and where"),
        ),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("programme"),
        index.AutocompleteField("programme"),
        index.RelatedFields("funder", [index.SearchField("name")]),
        index.SearchField("body"),
        index.FilterField("deadline"),
        index.FilterField("opens_at"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("summary"),
        APIField("funder_name", serializer=serializers.CharField(source="funder.name")),
        APIField("programme"),
        APIField("opens_at"),
        APIField("deadline"),
        APIField("status"),
        APIField("budget_total"),
        APIField("grant_min"),
        APIField("grant_max"),
        APIField("eligible_applicants", serializer=_list_serializer()),
        APIField(
            "topic_slugs",
            serializer=_list_serializer(),
        ),
        APIField("regions", serializer=_list_serializer()),
        APIField("application_languages", serializer=_list_serializer()),
        APIField("official_url"),
        APIField("body"),
    ]

    # Text is translated; the facts are copied from the source at every synchronisation and
    # cannot be overridden in the translation, except the official link (some funders publish
    # a Russian version of the call).
    override_translatable_fields = [
        TranslatableField("programme"),
        SynchronizedField("funder", overridable=False),
        SynchronizedField("opens_at", overridable=False),
        SynchronizedField("deadline", overridable=False),
        SynchronizedField("budget_total", overridable=False),
        SynchronizedField("grant_min", overridable=False),
        SynchronizedField("grant_max", overridable=False),
        SynchronizedField("eligible_applicants", overridable=False),
        SynchronizedField("topics", overridable=False),
        SynchronizedField("target_groups", overridable=False),
        SynchronizedField("regions", overridable=False),
        SynchronizedField("application_languages", overridable=False),
        SynchronizedField("official_url"),
    ]

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        indexes = [models.Index(fields=["deadline"], name="calls_callpage_deadline")]
        constraints = _call_constraints()

    # Derived facts ----------------------------------------------------------------------

    @property
    def summary(self):
        return self.introduction

    def status_at(self, now=None):
        return status_at(self.opens_at, self.deadline, now)

    @property
    def status(self):
        return self.status_at()

    @cached_property
    def status_label(self):
        status = self.status
        return CallStatus(status).label if status else ""

    def countdown(self, now=None):
        return countdown(self.opens_at, self.deadline, now)

    @property
    def topic_slugs(self):
        return [topic.slug for topic in self.topics.all()]

    @property
    def topic_names(self):
        """The topics' names in the language being shown."""
        return _names(self.topics.all(), activity_field_names)

    @property
    def target_group_names(self):
        return _names(self.target_groups.all(), target_group_names)

    def vocabulary_names(self, request):
        """``(topic_names, target_group_names)`` for the call page. The published call's
        topics and groups are read once per generation of the content (publishing the call or
        changing a vocabulary starts a new one); a preview shows the draft's own."""
        if getattr(request, "is_preview", False):
            return self.topic_names, self.target_group_names
        topics, groups = remember(
            request,
            f"call-vocabulary:{self.pk}",
            lambda site: (list(self.topics.all()), list(self.target_groups.all())),
        )
        return _names(topics, activity_field_names), _names(groups, target_group_names)

    def _labels(self, field_name):
        choices = dict(self._meta.get_field(field_name).flatchoices)
        return [choices.get(value, value) for value in getattr(self, field_name)]

    @property
    def eligible_applicant_labels(self):
        return self._labels("eligible_applicants")

    @property
    def region_labels(self):
        return self._labels("regions")

    @property
    def application_language_labels(self):
        return self._labels("application_languages")

    # Validation -------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.deadline and utc(self.deadline) <= utc(self.opens_at):
            errors["deadline"] = DEADLINE_BEFORE_OPENING
        if (
            self.grant_min is not None
            and self.grant_max is not None
            and self.grant_min > self.grant_max
        ):
            errors["grant_min"] = GRANT_MIN_ABOVE_MAX
        if (
            self.grant_max is not None
            and self.budget_total is not None
            and self.grant_max > self.budget_total
        ):
            errors["grant_max"] = GRANT_MAX_ABOVE_BUDGET
        if ALL_OF_ESTONIA in (self.regions or []) and len(self.regions) > 1:
            errors["regions"] = _("Choose either “All of Estonia” or some counties, not both.")
        if errors:
            raise ValidationError(errors)

    # Translations keep the facts of the source but point at their own language's funder
    # whenever there is one (matched by translation key, then by slug). Topics and target
    # groups need nothing: every page points to the same canonical concepts.

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.locale_id and (update_fields is None or "funder" in update_fields):
            self._use_own_language_funder()
        return super().save(*args, **kwargs)

    def _use_own_language_funder(self):
        if not self.funder_id:
            return
        funder = self.funder
        if funder.locale_id != self.locale_id:
            own = (
                Funder.objects.filter(locale_id=self.locale_id)
                .filter(Q(translation_key=funder.translation_key) | Q(slug=funder.slug))
                .order_by("-translation_key")
                .first()
            )
            if own is not None:
                self.funder = own

    # Rendering --------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from .forms import FollowForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("follow_form", FollowForm())
        context["sections"] = collect_sections(CALL_PAGE_SECTIONS, self, request)
        context["topic_names"], context["target_group_names"] = self.vocabulary_names(request)
        context["calendar_url"] = self.calendar_url(request)
        context["now"] = timezone.now()
        return context

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from .ical import calendar_response

        if self.deadline is None:
            raise Http404
        return calendar_response(request, [self], filename=f"{self.slug}.ics", name=self.title)

    def calendar_url(self, request=None):
        return calendar_url(self, request)

    @path("follow/", name="follow")
    def follow(self, request):
        from .follow import handle_follow_request

        if request.method != "POST":
            return HttpResponseRedirect(self.get_url(request))
        return handle_follow_request(self, request)


class CallFollower(models.Model):
    """An e-mail address that wants reminders about one call, in the language of its page."""

    call = models.ForeignKey(
        CallPage, verbose_name=_("call"), on_delete=models.CASCADE, related_name="followers"
    )
    email = models.EmailField(_("e-mail"))
    secret = models.CharField(max_length=43, default=secrets.token_urlsafe, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("call follower")
        verbose_name_plural = _("call followers")
        constraints = [
            models.UniqueConstraint(fields=["call", "email"], name="unique_call_follower"),
        ]

    def __str__(self):
        return self.email

    @property
    def language(self):
        return self.call.locale.language_code


class CallReminder(Leased):
    """One reminder to one follower. The row is claimed (inserted, with a lease) before the
    message is sent, and the unique constraint makes a second claim fail: nobody gets the same
    reminder twice. A claim whose sender died unsent is taken again once its lease expires."""

    class Kind(models.TextChoices):
        WEEK = "7d", _("7 days before the deadline")
        DAY = "1d", _("1 day before the deadline")

    follower = models.ForeignKey(CallFollower, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=2, choices=Kind.choices)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("call reminder")
        verbose_name_plural = _("call reminders")
        constraints = [
            models.UniqueConstraint(fields=["follower", "kind"], name="unique_call_reminder"),
        ]

    def __str__(self):
        return f"{self.follower} {self.kind}"


def _names(terms, names_in):
    """The names of vocabulary ``terms`` (topics, target groups) in the language being shown."""
    names = names_in(get_language())
    return [names.get(term.slug, term.name) for term in terms]
