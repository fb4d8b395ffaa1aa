from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage
from portal.navigation import page_versions, remember
from portal.sanitise import clean_html
from portal.validators import validate_single_line

from .taxonomy import REGISTRY_CODE_PREFIX, County, LegalForm, WorkingLanguage
from .validators import (
    social_link_lines,
    validate_founding_year,
    validate_phone,
    validate_registry_code,
    validate_social_links,
)


class ConceptQuerySet(models.QuerySet):
    def canonical(self):
        """The one record per concept that organisations and calls point to: the instance in
        the default language. The instances in other languages are its translations (names
        and keywords only)."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class Concept(TranslatableMixin, index.Indexed, models.Model):
    """An entry of a shared vocabulary. Each language has a translated instance (wagtail-
    localize); the slug is synchronised, the same in all of them, and is what facets, the CSV
    import and search use. Organisations and calls point to the canonical instance."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Latin letters, the same in every language."),
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "Other words and phrases people use for this, one per line, in this language. "
            "Search matches them in every language."
        ),
    )

    objects = ConceptQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("keywords")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("keywords"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("keywords"),
        SynchronizedField("slug", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActivityField(Concept):
    """A field of activity ("youth work", "culture"...)."""

    class Meta(Concept.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_activity_field_slug"),
        ]


class TargetGroup(Concept):
    """Who an organisation works for, or who may benefit from a call ("youth", "refugees")."""

    class Meta(Concept.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_target_group_slug"),
        ]


def _default_locale_fields():
    """Organisations and calls point to the canonical instances (the default language's): one
    record per concept, whatever the language of the page."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


NO_WORKING_LANGUAGE = _("Tick at least one working language.")
PUBLISHED_EMAIL_MISSING = _("Enter the e-mail address you want to show.")


class Organisation(models.Model):
    """The language-neutral facts of one organisation, shared by every language version of its
    profile (each ``OrganisationPage`` points here). Editing them once changes every version.

    The ``field_slugs``, ``is_listed`` and ``sort_name_*`` columns and the ``SearchTerm`` rows
    are derived from the facts and the live profile versions (``directory.indexing``)."""

    registered_name = models.CharField(
        _("registered name"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("The name in the register, e.g. MTÜ Narva Noortekeskus."),
    )
    registry_code = models.CharField(
        _("registry code"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_registry_code],
        help_text=_("Eight digits from the Estonian register; informal groups leave it empty."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.NON_PROFIT
    )
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[validate_founding_year]
    )
    county = models.CharField(_("county"), max_length=20, choices=County.choices)
    town = models.CharField(
        _("town or village"),
        max_length=100,
        blank=True,
        help_text=_("As written in Estonian, e.g. Jõhvi. Search finds it in Cyrillic too."),
    )
    activity_fields = models.ManyToManyField(
        ActivityField,
        verbose_name=_("fields of activity"),
        blank=True,
        related_name="organisations",
        limit_choices_to=_default_locale_fields,
    )
    target_groups = models.ManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="organisations",
        limit_choices_to=_default_locale_fields,
    )
    works_in_russian = models.BooleanField(_("works in Russian"), default=False)
    works_in_estonian = models.BooleanField(_("works in Estonian"), default=False)
    works_in_english = models.BooleanField(_("works in English"), default=False)
    other_languages = models.CharField(
        _("other working languages"),
        max_length=100,
        blank=True,
        help_text=_("For example: Ukrainian, Finnish."),
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Messages from the contact form are sent here."),
    )
    publish_email = models.BooleanField(
        _("show the e-mail address on the profile"),
        default=False,
        help_text=_("Otherwise visitors write through the contact form and never see it."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True, max_length=300)
    social_links = models.TextField(
        _("social media links"),
        blank=True,
        validators=[MaxLengthValidator(1000), validate_social_links],
        help_text=_("One address per line: Facebook, Instagram, LinkedIn..."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    looking_for_partners = models.BooleanField(
        _("looking for partners"),
        default=False,
        help_text=_("Each language version says what kind of partner and for what."),
    )
    partner_call = models.ForeignKey(
        "calls.CallPage",
        verbose_name=_("call the partnership is for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the call's page then lists this organisation, in every language."),
    )
    review_member_edits = models.BooleanField(
        _("review the members' edits"),
        default=False,
        help_text=_(
            "Profile versions saved by the organisation's members then wait for an editor's "
            "approval, and its shared facts cannot be changed by them."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Derived, kept up to date by directory.indexing.
    field_slugs = models.CharField(max_length=500, default=" ", editable=False)
    target_group_slugs = models.CharField(max_length=500, default=" ", editable=False)
    is_listed = models.BooleanField(default=False, editable=False, db_index=True)
    sort_name_ru = models.CharField(max_length=200, blank=True, editable=False)
    sort_name_et = models.CharField(max_length=200, blank=True, editable=False)
    sort_name_en = models.CharField(max_length=200, blank=True, editable=False)
    indexed_at = models.DateTimeField(null=True, editable=False, db_index=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("registered_name"),
                FieldRowPanel([FieldPanel("registry_code"), FieldPanel("legal_form")]),
                FieldPanel("founding_year"),
                FieldPanel("logo"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("county"), FieldPanel("town")])],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("activity_fields", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel(
                    [
                        FieldPanel("works_in_russian"),
                        FieldPanel("works_in_estonian"),
                        FieldPanel("works_in_english"),
                    ]
                ),
                FieldPanel("other_languages"),
                FieldPanel("looking_for_partners"),
                FieldPanel("partner_call"),
            ],
            heading=_("Activity and languages"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("publish_email")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("website")]),
                FieldPanel("social_links"),
            ],
            heading=_("Contacts"),
        ),
        FieldPanel("review_member_edits"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["registered_name"]
        # The rules of clean() that the database can keep as well.
        constraints = [
            models.CheckConstraint(
                condition=Q(works_in_russian=True)
                | Q(works_in_estonian=True)
                | Q(works_in_english=True)
                | ~Q(other_languages=""),
                name="directory_organisation_has_working_language",
                violation_error_message=NO_WORKING_LANGUAGE,
            ),
            models.CheckConstraint(
                condition=Q(publish_email=False) | ~Q(email=""),
                name="directory_organisation_published_email_present",
                violation_error_message=PUBLISHED_EMAIL_MISSING,
            ),
        ]

    def __str__(self):
        return self.registered_name

    def save(self, *args, **kwargs):
        if self.registry_code == "":
            self.registry_code = None
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.registry_code == "":
            self.registry_code = None
        prefix = REGISTRY_CODE_PREFIX.get(self.legal_form)
        if prefix and not self.registry_code:
            errors["registry_code"] = _(
                "Registered associations and foundations have a registry code: enter it."
            )
        elif prefix and self.registry_code and not self.registry_code.startswith(prefix):
            errors["registry_code"] = (
                _("The registry codes of non-profit associations begin with 8.")
                if self.legal_form == LegalForm.NON_PROFIT
                else _("The registry codes of foundations begin with 9.")
            )
        if not (
            self.works_in_russian
            or self.works_in_estonian
            or self.works_in_english
            or self.other_languages
        ):
            errors["works_in_russian"] = NO_WORKING_LANGUAGE
        if self.publish_email and not self.email:
            errors["publish_email"] = PUBLISHED_EMAIL_MISSING
        if errors:
            raise ValidationError(errors)

    @property
    def working_languages(self):
        """Codes of the working languages, for badges and facets."""
        flags = [
            (WorkingLanguage.RUSSIAN, self.works_in_russian),
            (WorkingLanguage.ESTONIAN, self.works_in_estonian),
            (WorkingLanguage.ENGLISH, self.works_in_english),
            (WorkingLanguage.OTHER, bool(self.other_languages)),
        ]
        return [language for language, flag in flags if flag]

    @property
    def county_label(self):
        # Django's get_county_display() rebuilds a dict of every choice, translating each
        # label, on every call: a page of twenty cards paid for three hundred translations.
        try:
            return str(County(self.county).label)
        except ValueError:
            return self.county

    @property
    def working_language_labels(self):
        return [WorkingLanguage(code).label for code in self.working_languages]

    @property
    def slugs(self):
        return self.field_slugs.split()

    @property
    def group_slugs(self):
        return self.target_group_slugs.split()

    @property
    def social_link_list(self):
        return social_link_lines(self.social_links)


class JointProjectBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    partners = blocks.CharBlock(
        label=_("Partners"), max_length=300, required=False, help_text=_("Organisations")
    )
    year = blocks.IntegerBlock(label=_("Year"), required=False, min_value=1990, max_value=2100)
    description = blocks.TextBlock(label=_("What you did together"), max_length=1000)
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "group"
        label = _("Joint project")
        template = "directory/blocks/joint_project.html"
        preview_value = {
            "title": "Ühine suvelaager",
            "partners": "MTÜ Tartu Noored",
            "year": 2025,
            "description": "Kakskeelne laager Narva ja Tartu noortele.",
        }


class DirectoryIndexPage(BasePage):
    """``organisations/``: search over every organisation, whatever its language."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.OrganisationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("organisation directory")
        verbose_name_plural = _("organisation directories")

    def get_context(self, request, *args, **kwargs):
        from .search import DirectorySearch

        context = super().get_context(request, *args, **kwargs)
        search = DirectorySearch.from_request(request)
        context["directory"] = search
        context["search_query"] = search.query
        context["results"] = search.results_page(request.GET.get("page"))
        return context


class OrganisationPage(RoutablePageMixin, BasePage):
    """One language version of an organisation's profile: the texts in that language. The
    neutral facts live on ``organisation``, shared with the other versions."""

    route_select_related = ("organisation",)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_(
            "Registry code, contacts, county, fields and languages: the same in every "
            "language version. Edit them under Organisations."
        ),
    )
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(
        _("description"),
        max_length=5000,
        validators=[MaxLengthValidator(5000)],
        help_text=_("What the organisation does, for whom and where. Up to 5,000 characters."),
    )
    target_groups = models.CharField(
        _("target groups"),
        max_length=300,
        blank=True,
        help_text=_("For example: young people aged 13–26, elderly people, families."),
    )
    partner_wanted = models.TextField(
        _("what partner are you looking for"),
        max_length=800,
        validators=[MaxLengthValidator(800)],
        blank=True,
        help_text=_("What kind of partner, and for what project. Shown when looking for partners."),
    )
    joint_projects = StreamField(
        [("project", JointProjectBlock())], blank=True, verbose_name=_("joint projects")
    )
    machine_translated_from = models.CharField(
        _("machine-translated from"),
        max_length=8,
        blank=True,
        choices=WorkingLanguage.choices[:3],
        help_text=_(
            "Set while the texts are a machine translation that nobody has checked: the public "
            "page says so. Cleared when a member edits and saves them; clear it once you have "
            "checked them."
        ),
    )

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    content_panels = [
        FieldPanel("title", heading=_("Name")),
        FieldPanel("short_name"),
        FieldPanel("organisation"),
        HelpPanel(
            content=_(
                "Each language version of a profile is edited on its own; the facts of the "
                "organisation above are shared by all of them."
            )
        ),
        FieldPanel("introduction"),
        FieldPanel("description"),
        FieldPanel("target_groups"),
        FieldPanel("partner_wanted"),
        FieldPanel("joint_projects"),
        FieldPanel("machine_translated_from"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("description"),
        index.SearchField("target_groups"),
    ]

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profiles")

    def clean(self):
        super().clean()
        if self.organisation_id:
            clash = (
                OrganisationPage.objects.filter(
                    organisation_id=self.organisation_id, locale_id=self.locale_id
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if clash:
                raise ValidationError(
                    {"organisation": _("This organisation already has a profile in this language.")}
                )

    def save(self, *args, **kwargs):
        if self.pk is None and self.organisation_id:
            # A version written from scratch joins the other versions of the organisation, so
            # that the language switcher and hreflang link them.
            sibling = (
                OrganisationPage.objects.filter(organisation_id=self.organisation_id)
                .exclude(locale_id=self.locale_id)
                .values_list("translation_key", flat=True)
                .first()
            )
            if (
                sibling
                and not OrganisationPage.objects.filter(
                    translation_key=sibling, locale_id=self.locale_id
                ).exists()
            ):
                self.translation_key = sibling
        return super().save(*args, **kwargs)

    @property
    def language_code(self):
        return self.locale.language_code

    @property
    def machine_translated_from_name(self):
        return self.get_machine_translated_from_display() if self.machine_translated_from else ""

    @cached_property
    def field_names(self):
        """The names of the organisation's fields in the reader's language."""
        from .vocabularies import activity_field_names

        names = activity_field_names(get_language())
        return [names[slug] for slug in self.organisation.slugs if slug in names]

    @cached_property
    def target_group_names(self):
        """The organisation's target groups in the reader's language."""
        from .vocabularies import target_group_names

        names = target_group_names(get_language())
        return [names[slug] for slug in self.organisation.group_slugs if slug in names]

    def get_context(self, request, *args, contact_form=None, **kwargs):
        from .forms import ContactForm

        context = super().get_context(request, *args, **kwargs)
        context["contact_form"] = contact_form or ContactForm()
        context.update(self.members_writing(request))
        context["other_versions"] = [
            version
            for code, version in page_versions(request, self).items()
            if code != self.locale.language_code
        ]
        context["structured_data"] = self.structured_data(request)
        return context

    def members_writing(self, request):
        """The organisation's approved news and confirmed joint projects, read once per
        generation of the content (approving news or confirming a project starts a new one,
        see ``portal.page_cache.CONTENT_MODELS``)."""
        from .news import organisation_news
        from .projects import profile_projects

        organisation_id = self.organisation_id
        return {
            "news_items": remember(
                request,
                f"profile-news:{organisation_id}",
                lambda site: organisation_news(organisation_id),
            ),
            "projects": remember(
                request,
                f"profile-projects:{organisation_id}",
                lambda site: profile_projects(organisation_id),
            ),
        }

    def structured_data(self, request):
        organisation = self.organisation
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.title,
            "legalName": organisation.registered_name,
            "url": self.full_url or request.build_absolute_uri(self.url),
            "description": self.introduction or self.description[:300],
            "address": {
                "@type": "PostalAddress",
                "addressLocality": organisation.town,
                "addressRegion": organisation.county_label,
                "addressCountry": "EE",
            },
            "knowsLanguage": [
                code for code in organisation.working_languages if code != WorkingLanguage.OTHER
            ],
        }
        if self.short_name:
            data["alternateName"] = self.short_name
        if organisation.registry_code:
            data["identifier"] = organisation.registry_code
        if organisation.founding_year:
            data["foundingDate"] = str(organisation.founding_year)
        if organisation.website or organisation.social_link_list:
            data["sameAs"] = [
                link for link in [organisation.website, *organisation.social_link_list] if link
            ]
        if organisation.publish_email and organisation.email:
            data["email"] = organisation.email
        if organisation.phone:
            data["telephone"] = organisation.phone
        return data

    @path("")
    def profile(self, request):
        return self.render(request)

    @path("contact/", name="contact")
    def contact(self, request):
        from .contact import handle_contact

        if request.method != "POST":
            return redirect(self.get_url(request))
        outcome = handle_contact(self, request)
        if outcome.redirect:
            return redirect(outcome.redirect)
        return TemplateResponse(
            request,
            self.get_template(request),
            self.get_context(request, contact_form=outcome.form),
            status=outcome.status,
        )


class ContactRecord(models.Model):
    """One message sent through a profile's contact form, for the impact figures. The message
    itself and the sender's address are not kept."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    sender_language = models.CharField(_("sender's language"), max_length=8)
    profile_language = models.CharField(_("profile language"), max_length=8)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("contact through the directory")
        verbose_name_plural = _("contacts through the directory")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} · {self.created_at:%Y-%m-%d}"


class SearchTerm(models.Model):
    """One normalised key (``portal.search_text.key``) under which an organisation is found,
    with a weight for ranking: the directory's own inverted index, the same on SQLite and on
    PostgreSQL. Concepts of the shared vocabularies are stored as ``~slug`` (fields of
    activity) and ``~~slug`` (target groups), see ``directory.vocabularies``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="search_terms"
    )
    term = models.CharField(max_length=41, db_index=True)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term"], name="unique_directory_search_term"
            )
        ]
        indexes = [
            # Covers the text match: range scans on term read organisation and weight from
            # the index alone.
            models.Index(fields=["term", "organisation", "weight"], name="directory_term_covering")
        ]

    def __str__(self):
        return self.term


# --- Members: the people who keep an organisation's profile (directory.my) ----------------


class Membership(models.Model):
    """A person's place in an organisation: owners manage the members, editors (and owners)
    keep the profile, news and joint projects. Only an ``active`` membership gives access;
    a ``pending`` one waits for an owner (join requests) or for a portal editor (the first
    owner of an organisation)."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        EDITOR = "editor", _("editor")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        ACTIVE = "active", _("active")
        DECLINED = "declined", _("declined")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    message = models.TextField(
        _("message"), blank=True, max_length=500, validators=[MaxLengthValidator(500)]
    )
    founded = models.BooleanField(
        _("added the organisation to the portal"),
        default=False,
        help_text=_("Until confirmed, a founder may only prepare the first profile version."),
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "-role", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="unique_membership_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation}"

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @property
    def is_owner(self):
        return self.is_active and self.role == self.Role.OWNER

    @property
    def awaits_portal_editor(self):
        """The first owner of an organisation is confirmed by the portal's editors, everyone
        after by an owner."""
        return self.status == self.Status.PENDING and self.role == self.Role.OWNER


class RegisterEntry(models.Model):
    """One non-profit from the Estonian business register's open data (``import_register``):
    a new organisation whose code is here is pre-filled and marked as registered; an unknown or
    deleted code is flagged for the editors who confirm it."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        LIQUIDATION = "liquidation", _("in liquidation")
        DELETED = "deleted", _("deleted from the register")
        OTHER = "other", _("other")

    registry_code = models.CharField(_("registry code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.OTHER
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["registry_code"]

    def __str__(self):
        return f"{self.registry_code} {self.name}"

    @property
    def is_registered(self):
        return self.status == self.Status.REGISTERED


class NewsItem(models.Model):
    """A news item an organisation submits for the bulletin. Editors approve or reject it in
    the admin (News submissions); approved items show on the profile and are offered to the
    next bulletin (``directory.news.approved_news_since``)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for the editors")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("not accepted")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="news_items",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"),
        max_length=5000,
        validators=[MaxLengthValidator(5000)],
        help_text=_("Up to 5,000 characters. Bold, italics, lists and links are kept."),
    )
    link = models.URLField(_("link"), blank=True, max_length=300)
    event_date = models.DateField(_("event date"), null=True, blank=True)
    event_place = models.CharField(_("event place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    moderator_comment = models.TextField(
        _("comment to the organisation"),
        blank=True,
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
        help_text=_("Sent to the member with the decision."),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("news submission")
        verbose_name_plural = _("news submissions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Whoever wrote it (a member, or an editor in the admin), only clean HTML is stored.
        self.text = clean_html(self.text)
        super().save(*args, **kwargs)


class JointProject(models.Model):
    """A project an organisation did with others on the portal, recorded by one of its
    members. It counts (on the profiles, in the impact figures) once a partner confirms it."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("recorded by organisation"),
        on_delete=models.CASCADE,
        related_name="recorded_projects",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    description = models.TextField(
        _("short description"), max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title


class ProjectPartner(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the partner")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    project = models.ForeignKey(
        JointProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="project_partnerships",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="unique_project_partner"
            )
        ]

    def __str__(self):
        return f"{self.project} · {self.organisation}"
