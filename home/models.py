from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.forms import HONEYPOT, is_spam
from portal.ratelimit import allow
from portal.sections import HOME_SECTIONS, collect_sections
from portal.validators import validate_single_line

from .blocks import StoryBlock
from .survey import SurveyFormBuilder


class IntroductionMixin(models.Model):
    """A short plain-text lead shown under the title, in listings and in search results."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences that say what the page is about."),
    )

    panels = [FieldPanel("introduction")]

    class Meta:
        abstract = True


# BasePage.get_url_parts: (site root path, language, script prefix, url_path) -> URL parts.
_url_parts = {}
URL_PARTS_KEPT = 20_000


class BasePage(IntroductionMixin, Page):
    """Every Sild page type derives from this; it is never created on its own."""

    show_in_menus_default = False
    # What the page's own template always reads through a foreign key: loaded with the page
    # when a request is routed to it (portal.navigation.route_for_request), not by a query of
    # its own.
    route_select_related = ()

    content_panels = Page.content_panels + IntroductionMixin.panels
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.AutocompleteField("introduction"),
    ]
    api_fields = [APIField("introduction")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        # Titles go into e-mail subjects (contact relay, call reminders) and feed titles.
        try:
            validate_single_line(self.title)
        except ValidationError as error:
            raise ValidationError({"title": error}) from None

    def get_url_parts(self, request=None):
        # Wagtail reverses the page's path with the page's language activated every time a
        # card links to it; the result depends only on the site's root paths, the language
        # shown, the script prefix, the URL configuration and the page's own path, so a process
        # keeps it.
        possible_sites = self._get_relevant_site_root_paths(request)
        if len({site[0] for site in possible_sites}) != 1:
            return super().get_url_parts(request)
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        key = (possible_sites[0], get_language(), get_script_prefix(), urlconf, self.url_path)
        parts = _url_parts.get(key)
        if parts is None:
            parts = super().get_url_parts(request)
            if len(_url_parts) >= URL_PARTS_KEPT:
                _url_parts.clear()
            _url_parts[key] = parts
        return parts

    def get_view_restrictions(self):
        # portal.middleware.CachedSiteMiddleware knows from the cache that no restriction
        # applies to the page being served: no need to ask the database.
        if getattr(self, "unrestricted", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def lead(self):
        return self.introduction or self.search_description


class HomePage(BasePage):
    """The root of one language's tree: /ru/, /et/ or /en/."""

    body = StreamField(StoryBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "directory.DirectoryIndexPage",
        "calls.CallIndexPage",
        "events.EventIndexPage",
        "bulletins.BulletinIndexPage",
        "home.FormPage",
    ]

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = collect_sections(HOME_SECTIONS, self, request)
        return context


class StandardPage(BasePage):
    """An editorial page: about the network, privacy, how consultations work..."""

    body = StreamField(StoryBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class FormField(TranslatableMixin, AbstractFormField):
    """A question of a survey. Translated with its page; the name under which answers are
    stored (``clean_name``) stays that of the source, so every language's answers line up."""

    page = ParentalKey("home.FormPage", on_delete=models.CASCADE, related_name="form_fields")

    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class FormPage(FormMixin, BasePage):
    """A survey built by editors with Wagtail's form builder (the network's needs survey).

    Each choice question's answers are drawn as a chart above the submissions in the admin,
    counted over every language version of the survey (``home.survey``)."""

    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown after someone has sent their answers."),
    )

    form_builder = SurveyFormBuilder

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def get_submissions_list_view_class(self):
        # Imported here, as Wagtail does: admin views cannot load while models are loading.
        from .views import SurveySubmissionsView

        return SurveySubmissionsView

    def process_form_submission(self, form):
        form.cleaned_data.pop(HONEYPOT, None)
        return super().process_form_submission(form)

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if is_spam(form):
            # The same answer as for real answers; nothing is kept.
            return self.render_landing_page(request)
        status = 400
        if form.is_valid():
            if allow(request, "survey"):
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission)
            form.add_error(
                None,
                _("Many answers have come from your network. Please try again in an hour."),
            )
            status = 429
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)
