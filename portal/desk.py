"""The editors' desk: the Wagtail admin's home page shows the editor's week in panels, each
contributed by the area that owns the work (calls closing, what the next bulletin will carry,
translations to do, profiles and news to moderate, consultations to answer) through Wagtail's
``construct_homepage_panels`` hook, all drawn by the one ``DeskPanel``."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from wagtail.admin.ui.components import Component

DESK_ITEMS = 8


@dataclass(frozen=True)
class DeskItem:
    label: str
    url: str
    meta: str = ""
    language: str = ""


@dataclass(frozen=True)
class DeskLink:
    label: str
    url: str


class DeskPanel(Component):
    """A panel of the desk: a heading, what waits (at most ``DESK_ITEMS`` lines, with the total
    when there are more), what to say when nothing does, and links to where the work is done.
    ``order`` places it among Wagtail's own panels (theirs start at 100)."""

    template_name = "portal/admin/desk_panel.html"

    def __init__(self, name, heading, items, *, order, empty, total=None, links=(), note=""):
        self.name = name
        self.heading = heading
        self.items = list(items)[:DESK_ITEMS]
        self.total = len(items) if total is None else total
        self.order = order
        self.empty = empty
        self.links = [link for link in links if link is not None]
        self.note = note

    def get_context_data(self, parent_context):
        return {"panel": self, "more": max(self.total - len(self.items), 0)}


def one_per_translation(pages):
    """``[(page, [language codes])]``: each page once with the languages it exists in, in the
    order of ``pages`` (whose ``locale`` should be loaded)."""
    seen = {}
    for page in pages:
        if page.translation_key in seen:
            seen[page.translation_key][1].append(page.locale.language_code)
        else:
            seen[page.translation_key] = (page, [page.locale.language_code])
    return list(seen.values())


def pages_of_type(content_type):
    """The admin's list of the pages of one type (``"calls.callpage"``), every language."""
    return reverse("wagtailadmin_pages:search") + "?" + urlencode({"content_type": content_type})
