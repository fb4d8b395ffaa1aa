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

import contextvars
import hashlib
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.query import PageQuerySet
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


def remember(request, name, compute):
    """``compute(site)`` for this request's site, kept until the next generation: until the
    page tree or a model whose rows pages show (``portal.page_cache.CONTENT_MODELS``) changes.
    For what depends on those alone, such as the address of a section's index page or the
    news on a profile; never for what depends on the clock or the visitor. ``compute`` must
    not return None (it would be computed again on every request)."""
    return _cached(request, name, compute)


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


@dataclass(frozen=True)
class PageVersion:
    language_code: str
    title: str
    url: str


def page_versions(request, page):
    """Language code -> ``PageVersion`` of each live, public version of ``page``, itself
    included."""

    def compute(site):
        return {
            version.locale.language_code: PageVersion(
                version.locale.language_code, version.title, version.get_url(request)
            )
            for version in page.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
        }

    return _cached(request, f"versions:{page.translation_key}", compute)


def translation_urls(request, page):
    """Language code -> URL of each live, public version of ``page``."""
    return {code: version.url for code, version in page_versions(request, page).items()}


def page_urls(request, paths):
    """``{path: URL}`` of the pages at the given tree paths (``Page.path``)."""

    def compute(wanted):
        return {page.path: page.get_url(request) for page in Page.objects.filter(path__in=wanted)}

    if request is None:
        return compute(paths)
    return remember_many(request, "url", paths, compute)


def remember_many(request, name, ids, compute):
    """``{id: value}`` for each of ``ids`` (strings), kept until the next generation like
    ``remember``: one round trip to the cache for all of them, and ``compute(missing_ids)``
    (a dict) for those it did not have."""
    site = Site.find_for_request(request)
    prefix = f"sild:navigation:{generation(request)}:{site.pk if site else 0}:{name}:"
    cached = cache.get_many([prefix + id_ for id_ in ids])
    found = {key.removeprefix(prefix): value for key, value in cached.items()}
    missing = set(ids) - set(found)
    if missing:
        computed = compute(missing)
        cache.set_many({prefix + id_: value for id_, value in computed.items()}, TIMEOUT)
        found.update(computed)
    return found


def route_for_request(request, path):
    """Wagtail's ``Page.route_for_request(request, path)``, with the page the path leads to
    remembered per language and generation of the tree. Wagtail walks the tree from the
    site's root, a query for each level and another for its specific page; a remembered route
    costs one query for the specific page, whose own ``route`` then resolves what remains of
    the path (a routable page's sub-route) exactly as Wagtail would."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = Site.find_for_request(request)
    if site is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    # A digest: the path is the visitor's, of any length (memcached refuses keys over 250).
    digest = hashlib.blake2b(
        "/".join(components).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()
    key = f"sild:navigation:{generation(request)}:{site.pk}:route:{get_language()}:{digest}"
    found = cache.get(key)
    if found is not None:
        content_type_id, pk, consumed = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        # Without the managers' ORDER BY path and first()'s LIMIT: one row by primary key.
        page = model and next(
            iter(
                model.objects.select_related("locale", *getattr(model, "route_select_related", ()))
                .filter(pk=pk)
                .order_by()
            ),
            None,
        )
        if page is not None:
            try:
                result = page.route(request, components[consumed:])
            except Http404:
                result = None
            request._wagtail_route_for_request = result
            return result
    result = Page.route_for_request(request, path)
    if result is not None:
        consumed = result.page.depth - site.root_page.depth
        if 0 <= consumed <= len(components):
            cache.set(key, (result.page.content_type_id, result.page.pk, consumed), TIMEOUT)
    return result


@dataclass(frozen=True)
class ViewRestrictions:
    # (path, depth) in the tree of each page that carries a view restriction
    pages: tuple
    # whether any page is an alias (Wagtail then checks the restrictions of its original)
    aliases: bool

    def none_above(self, page):
        """True when neither ``page`` nor any of its ancestors is restricted."""
        return not self.aliases and not any(page.path.startswith(path) for path, _ in self.pages)

    def private_q(self):
        """Wagtail's ``PageQuerySet.private_q()``, from these restrictions."""
        condition = Q()
        for path, depth in self.pages:
            condition |= Q(path__startswith=path, depth__gte=depth)
        return condition if condition else Q(pk__in=[])


def view_restrictions(request):
    def compute(site):
        return ViewRestrictions(
            pages=tuple(
                PageViewRestriction.objects.values_list("page__path", "page__depth")
                .distinct()
                .order_by("page__path")
            ),
            aliases=Page.objects.filter(alias_of__isnull=False).exists(),
        )

    return _cached(request, "view-restrictions", compute)


# The request being served, while a page or list is read (GET or HEAD outside the admin):
# its restrictions come from the cache, not from a query in every ``.public()``.
_reading = contextvars.ContextVar("sild_reading_request", default=None)


@contextmanager
def reading(request):
    token = _reading.set(request)
    try:
        yield
    finally:
        _reading.reset(token)


def _private_q(queryset):
    request = _reading.get()
    if request is None:
        return _wagtail_private_q(queryset)
    return view_restrictions(request).private_q()


_wagtail_private_q = PageQuerySet.private_q
PageQuerySet.private_q = _private_q


@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, Page | Site | PageViewRestriction):
        page_tree_changed()


page_published.connect(page_tree_changed, dispatch_uid="sild-navigation-published")
page_unpublished.connect(page_tree_changed, dispatch_uid="sild-navigation-unpublished")
post_page_move.connect(page_tree_changed, dispatch_uid="sild-navigation-moved")
page_slug_changed.connect(page_tree_changed, dispatch_uid="sild-navigation-slug")
