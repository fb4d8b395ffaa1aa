"""Sild's read-only API: Wagtail's API v2 (live, public pages, images and documents), with
what a client sends checked first. A bad parameter is a 400 with a JSON message, an unknown
path a JSON 404; search text is cleaned and parsed as the site search does."""

import re

from django.conf import settings
from django.http import JsonResponse
from wagtail.api.v2 import filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from .search_text import wagtail_query

# Far beyond any listing of Sild, and far inside the 64-bit integers of SQL's OFFSET.
MAX_OFFSET = 1_000_000
SEARCH_OPERATORS = ("and", "or")
DIGITS_RE = re.compile(r"[0-9]+")


class Pagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if DIGITS_RE.fullmatch(offset) and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class SearchFilter(filters.SearchFilter):
    """Wagtail's ``?search=`` with the text cleaned and parsed (``wagtail_query``): Wagtail
    hands the raw text to the backend, where NUL, an open quote or thousands of words fail."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        operator = request.GET.get("search_operator") or None
        if operator not in (None, *SEARCH_OPERATORS):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        query = wagtail_query(request.GET["search"], operator=operator)
        if query is None:
            raise BadRequestError("search must contain a word")
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        try:
            return get_search_backend().search(
                query, queryset, order_by_relevance="order" not in request.GET
            )
        except FilterFieldError as error:
            raise BadRequestError(
                f"cannot filter by '{error.field_name}' while searching (field is not indexed)"
            ) from error
        except OrderByFieldError as error:
            raise BadRequestError(
                f"cannot order by '{error.field_name}' while searching (field is not indexed)"
            ) from error


class LocaleFilter(filters.LocaleFilter):
    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is not None and (
            "\x00" in code or not Locale.objects.filter(language_code=code).exists()
        ):
            raise BadRequestError("locale doesn't exist")
        return super().filter_queryset(request, queryset, view)


OUR_FILTERS = {filters.SearchFilter: SearchFilter, filters.LocaleFilter: LocaleFilter}


class CheckedEndpoint:
    pagination_class = Pagination

    def find_object(self, queryset, request):
        # ``find/?id=`` goes to the database as it is: a non-number is a 500 in Wagtail.
        if "id" in request.GET and not DIGITS_RE.fullmatch(request.GET["id"]):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


def _checked(viewset):
    """``viewset`` with Sild's checks, pagination and filters in place of Wagtail's."""
    return type(
        viewset.__name__,
        (CheckedEndpoint, viewset),
        {"filter_backends": [OUR_FILTERS.get(f, f) for f in viewset.filter_backends]},
    )


def not_found(request, *args, **kwargs):
    """Any other path under /api/: the API's own JSON 404."""
    return JsonResponse({"message": "not found"}, status=404)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", _checked(PagesAPIViewSet))
api_router.register_endpoint("images", _checked(ImagesAPIViewSet))
api_router.register_endpoint("documents", _checked(DocumentsAPIViewSet))
