"""Directory search: one query over the organisations' index, facets with counts, and each
organisation shown in the version closest to the reader's language.

The text goes through ``portal.search_text`` (the same code that built the index), the
taxonomy expands query words to field slugs in any language, and the SQL is plain
comparisons and ``IN`` subqueries over ``SearchTerm``: the same results on SQLite and on
PostgreSQL. A page of results costs a fixed number of queries: one aggregate for the total
and every facet count, one for the page of organisations (ranked), one for their versions.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import get_language

from portal.search_text import TaxonomyExpander, clean_query, query_terms

from .indexing import closest_version, language_preference
from .models import ActivityField, Organisation, OrganisationPage, SearchTerm
from .taxonomy import County, WorkingLanguage

RESULTS_PER_PAGE = 20
TAXONOMY_CACHE_KEY = "directory:taxonomy:1"
TAXONOMY_CACHE_SECONDS = 3600

LANGUAGE_FILTERS = {
    WorkingLanguage.RUSSIAN: Q(works_in_russian=True),
    WorkingLanguage.ESTONIAN: Q(works_in_estonian=True),
    WorkingLanguage.ENGLISH: Q(works_in_english=True),
    WorkingLanguage.OTHER: ~Q(other_languages=""),
}


# --- taxonomy --------------------------------------------------------------------------------


def taxonomy_rows():
    """``(slug, language, name, keywords)`` of every field of activity, cached."""
    rows = cache.get(TAXONOMY_CACHE_KEY)
    if rows is None:
        rows = list(
            ActivityField.objects.order_by("slug", "locale__language_code").values_list(
                "slug", "locale__language_code", "name", "keywords"
            )
        )
        cache.set(TAXONOMY_CACHE_KEY, rows, TAXONOMY_CACHE_SECONDS)
    return rows


def forget_taxonomy():
    cache.delete(TAXONOMY_CACHE_KEY)


def taxonomy_expander():
    entries = []
    for slug, _language, name, keywords in taxonomy_rows():
        entries.append((slug, name))
        entries.extend((slug, line) for line in keywords.splitlines() if line.strip())
    return TaxonomyExpander(entries)


def activity_field_names(language):
    """``{slug: name}`` in ``language``, falling back to the closest language available."""
    by_slug = {}
    for slug, row_language, name, _keywords in taxonomy_rows():
        by_slug.setdefault(slug, {})[row_language] = name
    preference = language_preference(language)
    names = {}
    for slug, translations in by_slug.items():
        names[slug] = next(
            (translations[code] for code in preference if code in translations),
            next(iter(translations.values())),
        )
    return names


# --- SQL helpers -----------------------------------------------------------------------------


def _prefix_q(prefix):
    if connection.vendor == "postgresql":
        # LIKE 'prefix%' uses the varchar_pattern_ops index Django makes for db_index columns,
        # whatever the database's collation.
        return Q(term__startswith=prefix)
    # SQLite compares text byte by byte: a range over the index. Keys are [a-z0-9] only.
    return Q(term__gte=prefix, term__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1))


def _word_q(query_word):
    condition = Q()
    for prefix in sorted(query_word.prefixes):
        condition |= _prefix_q(prefix)
    if query_word.exact:
        condition |= Q(term__in=sorted(query_word.exact))
    if query_word.taxonomy:
        condition |= Q(term__in=sorted("~" + slug for slug in query_word.taxonomy))
    return condition


def _field_q(slug):
    return Q(field_slugs__contains=f" {slug} ")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Result:
    organisation: Organisation
    version: OrganisationPage
    field_names: list
    other_language: bool

    @property
    def language_code(self):
        return self.version.locale.language_code

    @property
    def language_label(self):
        return WorkingLanguage(self.language_code).label


class DirectorySearch:
    """A directory query: text, facet selections and the reader's language."""

    def __init__(
        self, query="", field="", county="", language="", partners=False, reader_language=None
    ):
        self.reader_language = reader_language or get_language() or "ru"
        self.query = clean_query(query or "")
        self.field_names = activity_field_names(self.reader_language)
        # Unknown facet values are ignored, not errors: old links keep working.
        self.field = field if field in self.field_names else ""
        self.county = county if county in County.values else ""
        self.language = language if language in WorkingLanguage.values else ""
        self.partners = bool(partners)
        self.words = query_terms(self.query, taxonomy_expander()) if self.query else []

    @classmethod
    def from_request(cls, request):
        params = request.GET
        return cls(
            query=params.get("q", ""),
            field=params.get("field", ""),
            county=params.get("county", ""),
            language=params.get("language", ""),
            partners=params.get("partners") == "1",
        )

    # --- filters ---

    @property
    def has_query(self):
        return bool(self.query)

    @property
    def is_filtered(self):
        return bool(self.query or self.field or self.county or self.language or self.partners)

    def _facet_filters(self, skip=None):
        condition = Q()
        if self.field and skip != "field":
            condition &= _field_q(self.field)
        if self.county and skip != "county":
            condition &= Q(county=self.county)
        if self.language and skip != "language":
            condition &= LANGUAGE_FILTERS[self.language]
        if self.partners and skip != "partners":
            condition &= Q(looking_for_partners=True)
        return condition

    def _matching(self):
        """Listed organisations that match every word of the query (no facets)."""
        queryset = Organisation.objects.filter(is_listed=True)
        if self.query and not self.words:
            # Only stop words or symbols: nothing to look for.
            return queryset.none()
        for word in self.words:
            queryset = queryset.filter(
                pk__in=SearchTerm.objects.filter(_word_q(word)).values("organisation_id")
            )
        return queryset

    @cached_property
    def _counts(self):
        aggregates = {"total": Count("pk", filter=self._facet_filters() or None)}
        for index, slug in enumerate(self.field_names):
            aggregates[f"field{index}"] = Count(
                "pk", filter=_field_q(slug) & self._facet_filters("field")
            )
        for index, county in enumerate(County.values):
            aggregates[f"county{index}"] = Count(
                "pk", filter=Q(county=county) & self._facet_filters("county")
            )
        for index, language in enumerate(WorkingLanguage.values):
            aggregates[f"language{index}"] = Count(
                "pk", filter=LANGUAGE_FILTERS[language] & self._facet_filters("language")
            )
        aggregates["partners"] = Count(
            "pk", filter=Q(looking_for_partners=True) & self._facet_filters("partners")
        )
        counts = self._matching().aggregate(**aggregates)
        return {name: value or 0 for name, value in counts.items()}

    @property
    def total(self):
        return self._counts["total"]

    # --- facets ---

    def _facet(self, prefix, values_labels, selected):
        facet = []
        for index, (value, label) in enumerate(values_labels):
            count = self._counts[f"{prefix}{index}"]
            if count or value == selected:
                facet.append(FacetValue(value, str(label), count, value == selected))
        return facet

    @cached_property
    def field_facet(self):
        values = list(self.field_names.items())
        facet = self._facet("field", values, self.field)
        return sorted(facet, key=lambda item: item.label.casefold())

    @cached_property
    def county_facet(self):
        return self._facet("county", County.choices, self.county)

    @cached_property
    def language_facet(self):
        return self._facet("language", WorkingLanguage.choices, self.language)

    @property
    def partners_count(self):
        return self._counts["partners"]

    # --- results ---

    def _ordered(self):
        queryset = self._matching().filter(self._facet_filters())
        sort_name = f"sort_name_{self.reader_language}"
        if sort_name not in {"sort_name_ru", "sort_name_et", "sort_name_en"}:
            sort_name = "sort_name_ru"
        if not self.words:
            return queryset.order_by(sort_name, "pk")
        any_word = Q()
        for word in self.words:
            any_word |= _word_q(word)
        rank = (
            SearchTerm.objects.filter(any_word, organisation_id=OuterRef("pk"))
            .order_by()
            .values("organisation_id")
            .annotate(total=Sum("weight"))
            .values("total")[:1]
        )
        return queryset.annotate(
            rank=Coalesce(Subquery(rank, output_field=IntegerField()), Value(0))
        ).order_by("-rank", sort_name, "pk")

    def results_page(self, number):
        paginator = Paginator(self._ordered(), RESULTS_PER_PAGE)
        # The aggregate already counted the results: no second COUNT query.
        paginator.__dict__["count"] = self.total
        page = paginator.get_page(number)
        organisations = list(page.object_list) if self.total else []
        page.object_list = self._results(organisations)
        return page

    def _results(self, organisations):
        if not organisations:
            return []
        versions = {}
        for version in (
            OrganisationPage.objects.live()
            .public()
            .filter(organisation_id__in=[organisation.pk for organisation in organisations])
            .select_related("locale")
            .defer_streamfields()
        ):
            versions.setdefault(version.organisation_id, {})[version.locale.language_code] = version
        results = []
        for organisation in organisations:
            version = closest_version(versions.get(organisation.pk, {}), self.reader_language)
            if version is None:
                continue
            results.append(
                Result(
                    organisation=organisation,
                    version=version,
                    field_names=[
                        self.field_names[slug]
                        for slug in organisation.slugs
                        if slug in self.field_names
                    ],
                    other_language=version.locale.language_code != self.reader_language,
                )
            )
        return results


def newest_organisations(language, limit=6):
    """The most recently published profiles in ``language``, for the home page."""
    return list(
        OrganisationPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .select_related("organisation", "locale")
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:limit]
    )
