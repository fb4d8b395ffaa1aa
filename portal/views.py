from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, Page

from .search_text import clean_query, wagtail_query
from .sitemap import TranslatedPagesSitemap

SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results_page = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active())
        results = pages.search(wagtail_query(query, operator="and"))
        results_page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "portal/search.html",
        {"search_query": query, "results": results_page},
    )


def _database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _task_queue_reachable():
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, DatabaseBackend):
        try:
            DBTaskResult.objects.only("pk").first()
        except DatabaseError:
            return False
    # Immediate and dummy backends (tests, one-off scripts) have nothing to reach.
    return True


def _cache_reachable():
    try:
        cache.set("healthz", "ok", 5)
        return cache.get("healthz") == "ok"
    except Exception:  # noqa: BLE001 - any cache client error means "not reachable"
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": _database_reachable(),
        "task_queue": _task_queue_reachable(),
        "cache": _cache_reachable(),
    }
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return TemplateResponse(
        request,
        "portal/robots.txt",
        {
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
            "private_prefixes": [f"/{code}/my/" for code, _name in settings.LANGUAGES]
            + [f"/{code}/accounts/" for code, _name in settings.LANGUAGES],
        },
        content_type="text/plain; charset=utf-8",
    )


def admin_login(request):
    """/admin/login/ leads to the site's sign-in (allauth), which comes back to the admin."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("wagtailadmin_home")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": TranslatedPagesSitemap(request)})


def server_error(request):
    # Rendered without context processors: the database or a template tag may be the
    # very thing that failed.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))
