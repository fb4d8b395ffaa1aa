from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from portal.formats import format_datetime, format_period
from portal.navigation import site_navigation, translation_urls

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


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per interface language to the page being read, in that language."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    page = context.get("page")
    links = []
    if isinstance(page, Page) and page.pk:
        translations = translation_urls(request, page)
        home_urls = site_navigation(request).home_urls
        for code, name in settings.LANGUAGES:
            if code in translations:
                links.append(LanguageLink(code, name, translations[code], code == current, True))
            else:
                url = home_urls.get(code, f"/{code}/")
                links.append(LanguageLink(code, name, url, code == current, False))
    else:
        path = request.get_full_path()
        for code, name in settings.LANGUAGES:
            links.append(LanguageLink(code, name, translate_url(path, code), code == current, True))
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
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return [
        MenuItem(entry.title, entry.url, current_path.startswith(entry.path))
        for entry in site_navigation(request).menus.get(get_language(), [])
    ]


@register.simple_tag(takes_context=True)
def language_home_url(context):
    request = context.get("request")
    code = get_language()
    if request is None:
        return f"/{code}/"
    return site_navigation(request).home_urls.get(code, f"/{code}/")


@register.filter
def datetime_local(value):
    return format_datetime(value)


@register.simple_tag
def period_local(start, end):
    """From ``start`` to ``end`` in the reader's language and Tallinn time."""
    return format_period(start, end)
