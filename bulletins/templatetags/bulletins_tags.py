import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale

from bulletins.blocks import localized_calls, localized_events
from portal.navigation import generation, remember
from portal.page_cache import clock_stable_until

register = template.Library()


@register.simple_tag(takes_context=True)
def bulletin_body(context, page):
    """The sections of a published bulletin, rendered once and kept until the next generation
    of the content (a publication, a changed funder...) or until a call it shows changes its
    status, per language; a preview renders the draft every time."""
    request = context.get("request")

    def render(site=None):
        return str(page.body.render_as_block(context=context.flatten()))

    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())  # noqa: S308 - the blocks' templates escape what they show
    until = clock_stable_until(generation(request), timezone.now())
    html = remember(request, f"bulletin-body:{page.pk}:{get_language()}:{until}", render)
    return mark_safe(html)  # noqa: S308 - as above


@register.simple_tag
def funding_calls(value, page=None):
    """The items of a calls section that can be shown, each ``{"call", "note"}``, the call in
    the language of the bulletin ``page``. A section of the page's own body costs no query:
    the page has resolved the calls of all its sections at once."""
    return _shown_items(value["calls"], "call", page, "shown_calls", localized_calls)


@register.simple_tag
def chosen_events(value, page=None):
    """The events chosen from the calendar in an events section that can be shown, each
    ``{"event", "note"}``, in the language of the bulletin ``page``, as ``funding_calls``."""
    return _shown_items(value.get("events", []), "event", page, "shown_events", localized_events)


def _shown_items(items, key, page, resolved, localize):
    shown = dict(getattr(page, resolved, None) or {})
    missing = [item[key] for item in items if item[key] is not None and item[key].pk not in shown]
    if missing:
        locale_id = page.locale_id if page is not None else Locale.get_active().pk
        shown.update(localize(missing, locale_id))
    return [
        {key: shown[item[key].pk], "note": item["note"]}
        for item in items
        if item[key] is not None and shown.get(item[key].pk) is not None
    ]


@register.filter
def absolute(url, base_url):
    """``url`` made absolute against ``base_url`` (e-mails need absolute links)."""
    if not url:
        return ""
    return urljoin(base_url or "", url)


@register.filter
def absolute_links(html, base_url):
    """Rich text with its links and images made absolute against ``base_url``, for e-mail."""
    return mark_safe(  # noqa: S308 - the rich text is already HTML; only attributes change
        LOCAL_URL.sub(lambda match: f'{match[1]}="{urljoin(base_url or "", match[2])}"', str(html))
    )


@register.filter
def plain_text(html, base_url=""):
    """Rich text as plain text for the text part of an e-mail: one paragraph per block,
    "- " before list items, each link's address after its text."""
    parser = _PlainText(base_url)
    parser.feed(str(html))
    parser.close()
    return parser.text()


LOCAL_URL = re.compile(r'\b(href|src)="(/[^"]*)"')


class _PlainText(HTMLParser):
    BLOCKS = {"p", "div", "h2", "h3", "h4", "ol", "ul", "blockquote"}

    def __init__(self, base_url):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.out = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.out.append("\n\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.out.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                self.out.append(f" <{urljoin(self.base_url or '', href)}>")

    def handle_data(self, data):
        self.out.append(re.sub(r"\s+", " ", data))

    def text(self):
        lines = [" ".join(line.split()) for line in "".join(self.out).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
