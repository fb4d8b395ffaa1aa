"""What every page needs of the page tree, kept in the cache between requests: the Wagtail site
of the request, the home page of each language, the main menu, the language versions of a page
and the addresses of pages.

These change only when an editor publishes, unpublishes, moves or deletes a page, or changes a
site or a view restriction. Every such change starts a new "generation" of the page tree;
cached entries carry the generation they were computed in, so a change makes all of them stale
at once and no request reads a menu older than the last publication.

The page cache (``portal.page_cache``) keys its entries by the same generation, and starts a
new one when something else that pages show changes (an organisation's facts, a funder, the
vocabularies): one counter, in the shared cache, for every process.
"""

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

GENERATION_KEY = "sild:page-tree-generation"
NO_SITE = "no-site"
# A safety net only: entries are replaced as soon as the page tree changes.
TIMEOUT = 60 * 60


@dataclass(frozen=True)
class MenuEntry:
    title: str
    url: str
    path: str


@dataclass(frozen=True)
class SiteNavigation:
    # language code -> URL of that language's home page
    home_urls: dict
    # language code -> the home page's children shown in menus, in tree order
    menus: dict


def generation(request):
    """The current generation of the page tree, read from the cache once per request."""
    memo = _memo(request)
    current = memo.get("generation")
    if current is None:
        current = cache.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            current = cache.get(GENERATION_KEY)
        memo["generation"] = current
    return current


def _memo(request):
    return request.__dict__.setdefault("_sild_navigation", {})


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def page_tree_changed(**kwargs):
    _new_generation()
    # Again once the change is visible to other requests: one of them may have cached the tree
    # as it was before the commit, under the generation started above.
    transaction.on_commit(_new_generation)


def site_for_request(request):
    """The Wagtail site that answers ``request``, as ``Site.find_for_request`` finds it (Wagtail
    asks the database on every request), or None when no site matches."""
    try:
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()
    except DisallowedHost:
        return None
    key = f"sild:navigation:{generation(request)}:site:{hostname}:{port}"
    found = cache.get(key)
    if found is None:
        try:
            found = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            found = NO_SITE
        cache.set(key, found, TIMEOUT)
    return None if found == NO_SITE else found


def _cached(request, name, compute):
    """``compute(site)``'s value for this request's site and the current generation of the
    tree; remembered on the request too, so a page asks the cache once per name."""
    memo = _memo(request)
    if name in memo:
        return memo[name]
    site = Site.find_for_request(request)
    key = f"sild:navigation:{generation(request)}:{site.pk if site else 0}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute(site)
        cache.set(key, value, TIMEOUT)
    memo[name] = value
    return value


def site_navigation(request):
    def compute(site):
        home_urls, menus = {}, {}
        if site is None:
            return SiteNavigation(home_urls, menus)
        homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
        for home in homes:
            code = home.locale.language_code
            home_urls[code] = home.get_url(request)
            menus[code] = [
                MenuEntry(child.title, child.get_url(request), child.path)
                for child in home.get_children().live().public().in_menu()
            ]
        return SiteNavigation(home_urls, menus)

    return _cached(request, "site", compute)


def translation_urls(request, page):
    """Language code -> URL of each live, public version of ``page``."""

    def compute(site):
        return {
            translation.locale.language_code: translation.get_url(request)
            for translation in page.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
        }

    return _cached(request, f"translations:{page.translation_key}", compute)


def page_urls(request, paths):
    """``{path: URL}`` of the pages at the given tree paths (``Page.path``)."""

    def compute(wanted):
        return {page.path: page.get_url(request) for page in Page.objects.filter(path__in=wanted)}

    if request is None:
        return compute(paths)
    site = Site.find_for_request(request)
    prefix = f"sild:navigation:{generation(request)}:{site.pk if site else 0}:url:"
    cached = cache.get_many([prefix + path for path in paths])
    found = {key.removeprefix(prefix): url for key, url in cached.items()}
    missing = set(paths) - set(found)
    if missing:
        computed = compute(missing)
        cache.set_many({prefix + path: url for path, url in computed.items()}, TIMEOUT)
        found.update(computed)
    return found


@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, Page | Site | PageViewRestriction):
        page_tree_changed()


page_published.connect(page_tree_changed, dispatch_uid="sild-navigation-published")
page_unpublished.connect(page_tree_changed, dispatch_uid="sild-navigation-unpublished")
post_page_move.connect(page_tree_changed, dispatch_uid="sild-navigation-moved")
page_slug_changed.connect(page_tree_changed, dispatch_uid="sild-navigation-slug")
