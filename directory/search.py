"""Directory search: text, facets with counts, and each organisation shown in the version
closest to the reader's language.

* The text goes through ``portal.search_text`` (the code that built the index) and the
  taxonomy expands query words to field slugs in every language. One SQL query over
  ``SearchTerm`` (index range scans, the same on SQLite and PostgreSQL) returns, per matching
  organisation, the best weight of each query word; an organisation matches when every word
  does, and its relevance is the sum.
* Facets and ordering work on a compact table of every listed organisation's facts (county,
  fields, languages, partner flag, sort names), loaded once per process and reloaded when the
  index changes (a one-row stamp query tells). Counting facets over 10,000 organisations in
  Python is a few milliseconds; the same as conditional aggregates in SQL is ten times slower
  on SQLite.
* A page of results then costs a fixed number of queries whatever it lists: the stamp, the
  text match, the page of organisations and their versions.
"""

import threading
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Q, When
from django.utils.functional import cached_property
from django.utils.translation import get_language

from portal.search_text import TaxonomyExpander, clean_query, query_terms

from .indexing import closest_version, language_preference
from .models import ActivityField, Organisation, OrganisationPage, SearchTerm
from .taxonomy import County, WorkingLanguage

RESULTS_PER_PAGE = 20
TAXONOMY_CACHE_KEY = "directory:taxonomy:2"
TAXONOMY_CACHE_SECONDS = 3600
SORT_LANGUAGES = ("ru", "et", "en")


# --- taxonomy --------------------------------------------------------------------------------

_expanders = {}


def taxonomy_rows():
    """``(version, rows)``: ``(slug, language, name, keywords)`` of every field of activity."""
    cached = cache.get(TAXONOMY_CACHE_KEY)
    if cached is None:
        rows = tuple(
            ActivityField.objects.order_by("slug", "locale__language_code").values_list(
                "slug", "locale__language_code", "name", "keywords"
            )
        )
        cached = (hash(rows), rows)
        cache.set(TAXONOMY_CACHE_KEY, cached, TAXONOMY_CACHE_SECONDS)
    return cached


def forget_taxonomy():
    cache.delete(TAXONOMY_CACHE_KEY)


def taxonomy_expander():
    version, rows = taxonomy_rows()
    expander = _expanders.get(version)
    if expander is None:
        entries = []
        for slug, _language, name, keywords in rows:
            entries.append((slug, name))
            entries.extend((slug, line) for line in keywords.splitlines() if line.strip())
        expander = TaxonomyExpander(entries)
        _expanders.clear()
        _expanders[version] = expander
    return expander


def activity_field_names(language):
    """``{slug: name}`` in ``language``, falling back to the closest language available."""
    by_slug = {}
    for slug, row_language, name, _keywords in taxonomy_rows()[1]:
        by_slug.setdefault(slug, {})[row_language] = name
    preference = language_preference(language)
    return {
        slug: next(
            (translations[code] for code in preference if code in translations),
            next(iter(translations.values())),
        )
        for slug, translations in by_slug.items()
    }


# --- the facet table -------------------------------------------------------------------------

LANGUAGE_COLUMNS = {
    WorkingLanguage.RUSSIAN: "works_in_russian",
    WorkingLanguage.ESTONIAN: "works_in_estonian",
    WorkingLanguage.ENGLISH: "works_in_english",
}


@dataclass(frozen=True)
class Row:
    county: str
    fields: frozenset
    languages: frozenset
    partners: bool


class FacetTable:
    """Facts of every listed organisation needed for facets and ordering, by id."""

    def __init__(self, stamp):
        self.stamp = stamp
        self.rows = {}
        self.order = {language: [] for language in SORT_LANGUAGES}
        columns = ["pk", "county", "field_slugs", "other_languages", "looking_for_partners"]
        columns += list(LANGUAGE_COLUMNS.values())
        columns += [f"sort_name_{language}" for language in SORT_LANGUAGES]
        names = {}
        for values in (
            Organisation.objects.filter(is_listed=True).values(*columns).iterator(chunk_size=5000)
        ):
            languages = {code for code, column in LANGUAGE_COLUMNS.items() if values[column]}
            if values["other_languages"]:
                languages.add(WorkingLanguage.OTHER)
            self.rows[values["pk"]] = Row(
                county=values["county"],
                fields=frozenset(values["field_slugs"].split()),
                languages=frozenset(languages),
                partners=values["looking_for_partners"],
            )
            names[values["pk"]] = values
        for language in SORT_LANGUAGES:
            key = f"sort_name_{language}"
            self.order[language] = sorted(names, key=lambda pk, key=key: (names[pk][key], pk))
        self.position = {
            language: {pk: index for index, pk in enumerate(order)}
            for language, order in self.order.items()
        }


_table_lock = threading.Lock()
_table = None


def facet_table():
    """The facet table, reloaded when the index has changed since it was loaded."""
    global _table
    stamp = tuple(
        Organisation.objects.aggregate(
            count=Count("pk", filter=Q(is_listed=True)), last=Max("indexed_at")
        ).values()
    )
    table = _table
    if table is None or table.stamp != stamp:
        with _table_lock:
            table = _table = FacetTable(stamp)
    return table


# --- text match ------------------------------------------------------------------------------


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


def text_matches(words):
    """``{organisation id: relevance}`` of the organisations matching every word."""
    if not words:
        return {}
    any_word = Q()
    per_word = {}
    for index, word in enumerate(words):
        condition = _word_q(word)
        any_word |= condition
        per_word[f"w{index}"] = Max(
            Case(When(condition, then=F("weight")), output_field=IntegerField())
        )
    rows = (
        SearchTerm.objects.filter(any_word)
        .order_by()
        .values("organisation_id")
        .annotate(**per_word)
        .values_list("organisation_id", *per_word)
    )
    matches = {}
    for organisation_id, *weights in rows:
        if None not in weights:
            matches[organisation_id] = sum(weights)
    return matches


# --- the search ------------------------------------------------------------------------------


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

    @property
    def is_filtered(self):
        return bool(self.query or self.field or self.county or self.language or self.partners)

    @cached_property
    def _computed(self):
        table = facet_table()
        rows = table.rows
        if self.words:
            relevance = text_matches(self.words)
            candidates = [pk for pk in relevance if pk in rows]
        else:
            # Only stop words or symbols in the query find nothing; no query lists everyone.
            relevance = {}
            candidates = [] if self.query else rows
        field, county, language, partners = self.field, self.county, self.language, self.partners
        fields, counties, languages = Counter(), Counter(), Counter()
        partner_count = 0
        found = []
        for pk in candidates:
            row = rows[pk]
            in_field = not field or field in row.fields
            in_county = not county or row.county == county
            in_language = not language or language in row.languages
            in_partners = not partners or row.partners
            if in_county and in_language and in_partners:
                fields.update(row.fields)
            if in_field and in_language and in_partners:
                counties[row.county] += 1
            if in_field and in_county and in_partners:
                languages.update(row.languages)
            if in_field and in_county and in_language:
                partner_count += row.partners
                if in_partners:
                    found.append(pk)
        sort_language = self.reader_language if self.reader_language in SORT_LANGUAGES else "ru"
        position = table.position[sort_language]
        if relevance:
            found.sort(key=lambda pk: (-relevance[pk], position[pk]))
        elif self.words or self.query:
            found = []
        else:
            found.sort(key=position.__getitem__)
        return {
            "found": found,
            "fields": fields,
            "counties": counties,
            "languages": languages,
            "partners": partner_count,
        }

    @property
    def total(self):
        return len(self._computed["found"])

    @staticmethod
    def _facet(values_labels, counts, selected):
        return [
            FacetValue(value, str(label), counts[value], value == selected)
            for value, label in values_labels
            if counts[value] or value == selected
        ]

    @cached_property
    def field_facet(self):
        facet = self._facet(self.field_names.items(), self._computed["fields"], self.field)
        return sorted(facet, key=lambda item: item.label.casefold())

    @cached_property
    def county_facet(self):
        return self._facet(County.choices, self._computed["counties"], self.county)

    @cached_property
    def language_facet(self):
        return self._facet(WorkingLanguage.choices, self._computed["languages"], self.language)

    @property
    def partners_count(self):
        return self._computed["partners"]

    def results_page(self, number):
        page = Paginator(self._computed["found"], RESULTS_PER_PAGE).get_page(number)
        page.object_list = self._results(list(page.object_list))
        return page

    def _results(self, ids):
        if not ids:
            return []
        organisations = Organisation.objects.in_bulk(ids)
        versions = {}
        for version in (
            OrganisationPage.objects.live()
            .public()
            .filter(organisation_id__in=ids)
            .select_related("locale")
            .defer_streamfields()
        ):
            versions.setdefault(version.organisation_id, {})[version.locale.language_code] = version
        results = []
        for pk in ids:
            organisation = organisations.get(pk)
            version = closest_version(versions.get(pk, {}), self.reader_language)
            if organisation is None or version is None:
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
