from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from portal.formats import format_datetime

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    # False when the page has no version in this language and the link leads to that
    # language's home page instead.
    has_translation: bool


def _site_roots_by_language(request):
    """The home page of every language of the current site, looked up once per request."""
    cached = getattr(request, "_sild_site_roots", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = {}
        if site is not None:
            for root in (
                site.root_page.get_translations(inclusive=True).live().select_related("locale")
            ):
                cached[root.locale.language_code] = root
        request._sild_site_roots = cached
    return cached


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per interface language to the page being read, in that language."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_sild_language_links", None)
    if cached is not None:
        return cached
    current = get_language()
    page = context.get("page")
    links = []
    if isinstance(page, Page) and page.pk:
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
        }
        roots = None
        for code, name in settings.LANGUAGES:
            target = translations.get(code)
            if target is not None:
                url = target.get_url(request)
                links.append(LanguageLink(code, name, url, code == current, True))
                continue
            roots = roots if roots is not None else _site_roots_by_language(request)
            root = roots.get(code)
            url = root.get_url(request) if root is not None else f"/{code}/"
            links.append(LanguageLink(code, name, url, code == current, False))
    else:
        path = request.get_full_path()
        for code, name in settings.LANGUAGES:
            links.append(LanguageLink(code, name, translate_url(path, code), code == current, True))
    request._sild_language_links = links
    return links


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    is_active: bool


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The top-level pages of the current language flagged "show in menus"."""
    request = context.get("request")
    if request is None:
        return []
    root = _site_roots_by_language(request).get(get_language())
    if root is None:
        return []
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return [
        MenuItem(child.title, child.get_url(request), current_path.startswith(child.path))
        for child in root.get_children().live().public().in_menu()
    ]


@register.simple_tag(takes_context=True)
def language_home_url(context):
    request = context.get("request")
    code = get_language()
    root = _site_roots_by_language(request).get(code) if request else None
    return root.get_url(request) if root is not None else f"/{code}/"


@register.filter
def datetime_local(value):
    return format_datetime(value)
