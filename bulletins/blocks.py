"""The sections of a bulletin.

Each section is one block with its own heading and a list of items: funding calls chosen from
calls/, news, trainings and events, news from organisations, and a closing note. A section
has a web template (``bulletins/blocks/<type>.html``) and, for the e-mail, an HTML and a plain
text template (``bulletins/email/blocks/<type>.html|.txt``).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from calls.models import CallPage
from events.models import EventPage
from home.blocks import ParagraphBlock

HEADING_HELP = _("Leave empty to use the usual heading of this section.")
EVENT_ENDS_BEFORE_START = _("The last day cannot be before the first.")
EVENTS_SECTION_EMPTY = _("Choose an event from the calendar or type one in.")


def section_heading():
    return blocks.CharBlock(
        label=_("Heading"), required=False, max_length=120, help_text=HEADING_HELP
    )


class TypedPageChooserBlock(blocks.PageChooserBlock):
    """A chooser of one page type whose button speaks each editor's language. Wagtail joins
    "Choose a page" and the type's name into one string when it first builds the widget, which
    the block keeps for the life of the process: an Estonian editor would read the Russian of
    whoever opened a bulletin first."""

    @cached_property
    def widget(self):
        chooser = super().widget
        if len(self.target_models) == 1:
            type_name = capfirst(self.target_models[0]._meta.verbose_name)
            chooser.choose_one_text = format_lazy("{} ({})", _("Choose a page"), type_name)
        return chooser


class CallChooserBlock(TypedPageChooserBlock):
    """A funding call. The chosen calls of a whole bulletin come with their funders in one
    query, however many there are."""

    def __init__(self, **kwargs):
        kwargs.setdefault("page_type", "calls.CallPage")
        super().__init__(**kwargs)

    def bulk_to_python(self, values):
        values = list(values)
        calls = CallPage.objects.select_related("funder", "locale").in_bulk(values)
        return [calls.get(value) for value in values]

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {
            "id": value.pk,
            "title": value.title,
            "deadline": value.deadline.isoformat() if value.deadline else None,
        }


def localized_pages(pages, locale_id, queryset):
    """{id of each page in ``pages``: the live version of that page in the language
    ``locale_id`` (looked up in ``queryset``), else the page itself if it is live, else None}.
    A bulletin links the calls and events of its own language even when the editor chose them
    in another (a translated bulletin keeps the source's choice). One query at most."""
    foreign = {page.translation_key for page in pages if page.locale_id != locale_id}
    translations = {}
    if foreign:
        translations = {
            page.translation_key: page
            for page in queryset.live().filter(locale_id=locale_id, translation_key__in=foreign)
        }
    shown = {}
    for page in pages:
        own = page if page.locale_id == locale_id else translations.get(page.translation_key)
        shown[page.pk] = own if own is not None and own.live else (page if page.live else None)
    return shown


def localized_calls(calls, locale_id):
    return localized_pages(calls, locale_id, CallPage.objects.select_related("funder", "locale"))


def localized_events(events, locale_id):
    return localized_pages(events, locale_id, EventPage.objects.select_related("locale"))


class FundingCallBlock(blocks.StructBlock):
    call = CallChooserBlock(label=_("Funding call"))
    note = blocks.TextBlock(
        label=_("Editor's note"),
        required=False,
        max_length=600,
        help_text=_("Optional: who should apply, or what is new about this call."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Funding call")


class FundingCallsBlock(blocks.StructBlock):
    """Calls shown with their funder, deadline and grant; each reader sees the call in the
    language of the bulletin when it has been translated."""

    heading = section_heading()
    calls = blocks.ListBlock(FundingCallBlock(), label=_("Calls"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Funding calls")
        template = "bulletins/blocks/calls.html"


class NewsItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = ParagraphBlock(label=_("Text"))
    link = blocks.URLBlock(label=_("Link to read more"), required=False)

    class Meta:
        icon = "pilcrow"
        label = _("News item")


class NewsBlock(blocks.StructBlock):
    heading = section_heading()
    items = blocks.ListBlock(NewsItemBlock(), label=_("News items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("News")
        template = "bulletins/blocks/news.html"
        preview_value = {
            "items": [
                {
                    "title": "Вышел новый отчёт о русскоязычных НКО",
                    "text": "<p>Обзор показывает, что число совместных проектов выросло.</p>",
                    "link": "https://example.org/aruanne",
                }
            ]
        }


class EventChooserBlock(TypedPageChooserBlock):
    """A training or event of events/. The chosen events of a whole bulletin come in one
    query, however many there are."""

    def __init__(self, **kwargs):
        kwargs.setdefault("page_type", "events.EventPage")
        super().__init__(**kwargs)

    def bulk_to_python(self, values):
        values = list(values)
        events = EventPage.objects.select_related("locale").in_bulk(values)
        return [events.get(value) for value in values]

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {
            "id": value.pk,
            "title": value.title,
            "starts_at": value.starts_at.isoformat() if value.starts_at else None,
            "ends_at": value.ends_at.isoformat() if value.ends_at else None,
        }


class ChosenEventBlock(blocks.StructBlock):
    event = EventChooserBlock(label=_("Training or event"))
    note = blocks.TextBlock(
        label=_("Editor's note"),
        required=False,
        max_length=600,
        help_text=_("Optional: who it is for, or why it is worth going."),
    )

    class Meta:
        icon = "date"
        label = _("Training or event from the calendar")


class EventBlock(blocks.StructBlock):
    """A training or an event that is not in the portal's calendar, typed in."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    date = blocks.DateBlock(label=_("Date"))
    end_date = blocks.DateBlock(
        label=_("Last day"), required=False, help_text=_("For events of several days.")
    )
    time = blocks.CharBlock(
        label=_("Time"), required=False, max_length=40, help_text=_("For example 10:00–16:00.")
    )
    place = blocks.CharBlock(
        label=_("Place"),
        max_length=200,
        help_text=_("A town and an address, or “online”."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=1000)
    link = blocks.URLBlock(label=_("Link to register or read more"), required=False)

    class Meta:
        icon = "date"
        label = _("Training or event")

    def clean(self, value):
        value = super().clean(value)
        if value.get("end_date") and value.get("date") and value["end_date"] < value["date"]:
            raise StructBlockValidationError(
                block_errors={"end_date": ValidationError(EVENT_ENDS_BEFORE_START)}
            )
        return value


class EventsBlock(blocks.StructBlock):
    """Events chosen from the portal's calendar (shown with their date, place and language, in
    the language of the bulletin when translated), then events typed in."""

    heading = section_heading()
    events = blocks.ListBlock(
        ChosenEventBlock(), label=_("Trainings and events from the calendar"), min_num=0
    )
    items = blocks.ListBlock(
        EventBlock(),
        label=_("Other trainings and events"),
        min_num=0,
        help_text=_("For events that are not in the portal's calendar."),
    )

    class Meta:
        icon = "calendar-alt"
        label = _("Trainings and events")
        template = "bulletins/blocks/events.html"
        preview_value = {
            "items": [
                {
                    "title": "Годовой отчёт НКО: как составить и сдать без ошибок",
                    "date": date(2026, 3, 12),
                    "time": "10:00–13:00",
                    "place": "Онлайн, Zoom",
                    "description": "Практическое занятие для бухгалтеров небольших объединений.",
                }
            ]
        }

    def clean(self, value):
        value = super().clean(value)
        if not any(item["event"] for item in value["events"]) and not value["items"]:
            raise StructBlockValidationError(
                block_errors={"events": ValidationError(EVENTS_SECTION_EMPTY)}
            )
        return value


class OrganisationNewsItemBlock(blocks.StructBlock):
    """News sent in by an organisation. (Approved member submissions come later; for now the
    editor copies them in.)"""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), max_length=2000)
    link = blocks.URLBlock(label=_("Link to read more"), required=False)

    class Meta:
        icon = "group"
        label = _("News from an organisation")


class OrganisationNewsBlock(blocks.StructBlock):
    heading = section_heading()
    items = blocks.ListBlock(OrganisationNewsItemBlock(), label=_("News items"), min_num=1)

    class Meta:
        icon = "group"
        label = _("News from organisations")
        template = "bulletins/blocks/organisation_news.html"
        preview_value = {
            "items": [
                {
                    "title": "Подростки из Нарвы и Вильянди сняли общий фильм",
                    "organisation": "Нарвский молодёжный центр",
                    "text": "Фильм с субтитрами можно посмотреть на сайте центра.",
                }
            ]
        }


class ClosingNoteBlock(blocks.StructBlock):
    text = ParagraphBlock(label=_("Text"))
    signature = blocks.CharBlock(
        label=_("Signature"), required=False, max_length=200, help_text=_("For example the team.")
    )

    class Meta:
        icon = "mail"
        label = _("Closing note")
        template = "bulletins/blocks/closing_note.html"
        preview_value = {
            "text": "<p>Хорошей недели! Пишите нам, если хотите рассказать о своём проекте.</p>",
            "signature": "Команда «Силда»",
        }


class BulletinBodyBlock(blocks.StreamBlock):
    """The sections of a bulletin, in the order the editor puts them."""

    calls = FundingCallsBlock()
    news = NewsBlock()
    events = EventsBlock()
    organisation_news = OrganisationNewsBlock()
    paragraph = ParagraphBlock()
    closing_note = ClosingNoteBlock()

    class Meta:
        label = _("Sections")
