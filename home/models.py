from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.sections import HOME_SECTIONS, collect_sections
from portal.validators import validate_single_line

from .blocks import StoryBlock


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


class BasePage(IntroductionMixin, Page):
    """Every Sild page type derives from this; it is never created on its own."""

    show_in_menus_default = False

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
        "bulletins.BulletinIndexPage",
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
