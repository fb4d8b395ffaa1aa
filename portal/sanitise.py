"""Rich text typed by people outside the editorial team (organisation members), made safe
with nh3 (the Ammonia sanitiser): a few formatting tags, links to http(s) and mailto only,
every attribute but ``href`` dropped (so no event handlers, no styles). Plain text becomes
paragraphs."""

import nh3
from django.utils.html import escape, linebreaks

TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(text):
    text = (text or "").strip()
    if not text:
        return ""
    if "<" not in text:
        return linebreaks(escape(text))
    return nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    ).strip()


def visible_text(html):
    """The words a reader would see, to tell whether anything is left after cleaning."""
    return nh3.clean(html or "", tags=set()).strip()
