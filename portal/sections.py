"""Page sections contributed by other apps through Wagtail hooks.

A page that shows blocks owned by other areas (the home page shows closing calls and new
organisations; a call page shows organisations looking for partners) asks for them by hook
name instead of importing those apps. A hook receives ``(page, request)`` and returns a dict
with at least ``"template"`` (rendered with the dict as ``section``) and optionally ``"order"``
(smaller first, default 100), or None.
"""

from wagtail import hooks

HOME_SECTIONS = "home_sections"
CALL_PAGE_SECTIONS = "call_page_sections"


def collect_sections(hook_name, page, request):
    sections = [
        section
        for hook in hooks.get_hooks(hook_name)
        if (section := hook(page, request)) is not None
    ]
    return sorted(sections, key=lambda section: section.get("order", 100))
