"""Directory search: text, facets with counts, and each organisation shown in the version
closest to the reader's language.

* The text goes through ``portal.search_text`` (the code that built the index); words and
  phrases that name concepts of the shared vocabularies become those concepts, in every
  language (``directory.vocabularies``). One SQL query over ``SearchTerm`` (index range scans,
  the same on SQLite and PostgreSQL) returns, per matching organisation, the best weight of
  each other query word; an organisation matches when every word does, and its relevance is
  the sum.
* Facets and ordering work on a compact table of every listed organisation's facts (county,
  fields, target groups, languages, partner flag, sort names) as bit masks, loaded once per
  process and reloaded when the index changes (a one-row stamp query tells). The organisations
  each concept names are kept with it: a concept can name most of the directory, and reading
  its rows again for every new query was most of a query's cost at 50,000 organisations.
  Counting facets with masks is a fraction of a millisecond; the same as conditional
  aggregates in SQL is many times slower on SQLite.
* A page of results then costs a fixed number of queries whatever it lists: the stamp, the
  text match, the page of organisations and their versions.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Max
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.navigation import page_urls
from portal.search_text import STOPWORDS, WORD_RE, Speller, clean_query, fold, query_terms

from .indexing import closest_version
from .models import Organisation, OrganisationPage, SearchTerm
from .taxonomy import COUNTY_SEARCH_NAMES, County, WorkingLanguage
from .vocabularies import (
    activity_field_names,
    forget_vocabularies,
    target_group_names,
    vocabulary,
    vocabulary_rows,
)

RESULTS_PER_PAGE = 20
# What a result card shows: loading only these keeps a page of results cheap to build.
CARD_FACTS = [
    "county",
    "town",
    "field_slugs",
    "works_in_russian",
    "works_in_estonian",
    "works_in_english",
    "other_languages",
    "looking_for_partners",
]
CARD_TEXTS = [
    "organisation_id",
    "title",
    "slug",
    "path",
    "introduction",
    "description",
    "locale__language_code",
]
SORT_LANGUAGES = ("ru", "et", "en")
# Queries whose matches each process remembers (a few hundred kilobytes each at most).
RECENT_MATCHES = 32


# --- vocabularies --------------------------------------------------------------------------


def forget_taxonomy():
    """Called when a concept of the vocabularies changes."""
    forget_vocabularies()


# --- the facet table -------------------------------------------------------------------------

LANGUAGE_COLUMNS = {
    WorkingLanguage.RUSSIAN: "works_in_russian",
    WorkingLanguage.ESTONIAN: "works_in_estonian",
    WorkingLanguage.ENGLISH: "works_in_english",
}


_SET_BITS = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))


def set_positions(mask):
    """Positions of the set bits of ``mask``, lowest first."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8 or 1, "little")
    return [index * 8 + bit for index, byte in enumerate(data) if byte for bit in _SET_BITS[byte]]


class _MaskBuilder:
    def __init__(self, size):
        self.size = size
        self.bytes = {}

    def add(self, value, position):
        buffer = self.bytes.get(value)
        if buffer is None:
            buffer = self.bytes[value] = bytearray((self.size + 7) // 8)
        buffer[position >> 3] |= 1 << (position & 7)

    def masks(self):
        return {value: int.from_bytes(buffer, "little") for value, buffer in self.bytes.items()}


class SortedFacets:
    """The listed organisations in the name order of one reader language, with one bit mask
    per facet value (bit ``i`` set when the ``i``-th organisation in that order has it)."""

    def __init__(self, order, facts):
        self.order = order
        self.position = {pk: index for index, pk in enumerate(order)}
        self.all = (1 << len(order)) - 1
        builders = {
            name: _MaskBuilder(len(order)) for name in ("county", "field", "group", "language")
        }
        partners = _MaskBuilder(len(order))
        for index, pk in enumerate(order):
            county, fields, groups, languages, looking = facts[pk]
            builders["county"].add(county, index)
            for slug in fields:
                builders["field"].add(slug, index)
            for slug in groups:
                builders["group"].add(slug, index)
            for code in languages:
                builders["language"].add(code, index)
            if looking:
                partners.add(True, index)
        self.county = builders["county"].masks()
        self.field = builders["field"].masks()
        self.group = builders["group"].masks()
        self.language = builders["language"].masks()
        self.partners = partners.masks().get(True, 0)

    def mask_of(self, ids):
        buffer = bytearray((len(self.order) + 7) // 8)
        position = self.position
        for pk in ids:
            index = position.get(pk)
            if index is not None:
                buffer[index >> 3] |= 1 << (index & 7)
        return int.from_bytes(buffer, "little")

    def level_masks(self, relevance):
        """``{relevance: mask}`` of ``{id: relevance}``: results by relevance, ties in name
        order, without sorting them one by one."""
        size = (len(self.order) + 7) // 8
        buffers = {}
        position = self.position
        for pk, level in relevance.items():
            index = position.get(pk)
            if index is None:
                continue
            buffer = buffers.get(level)
            if buffer is None:
                buffer = buffers[level] = bytearray(size)
            buffer[index >> 3] |= 1 << (index & 7)
        return {level: int.from_bytes(buffer, "little") for level, buffer in buffers.items()}


class IdsInOrder:
    """The ids of the organisations whose bits are set in ``mask``, in the table's order, as a
    sequence for the paginator: only the slice that a page shows is worked out."""

    def __init__(self, mask, order):
        self.mask = mask
        self.order = order
        self.length = mask.bit_count()

    def __len__(self):
        return self.length

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop, _step = item.indices(self.length)
        ids, seen = [], 0
        data = self.mask.to_bytes((self.mask.bit_length() + 7) // 8 or 1, "little")
        for index, byte in enumerate(data):
            if not byte:
                continue
            bits = _SET_BITS[byte]
            if seen + len(bits) <= start:
                seen += len(bits)
                continue
            for bit in bits:
                if seen >= stop:
                    return ids
                if seen >= start:
                    ids.append(self.order[index * 8 + bit])
                seen += 1
        return ids


class RankedIds:
    """Ids by relevance, most relevant first, ties in the table's order: one ``IdsInOrder`` per
    relevance, as one sequence for the paginator."""

    def __init__(self, levels, order):
        self.parts = [IdsInOrder(levels[level], order) for level in sorted(levels, reverse=True)]
        self.length = sum(len(part) for part in self.parts)

    def __len__(self):
        return self.length

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop, _step = item.indices(self.length)
        ids = []
        for part in self.parts:
            if stop <= 0:
                break
            if start < len(part):
                ids.extend(part[max(start, 0) : stop])
            start -= len(part)
            stop -= len(part)
        return ids


class FacetTable:
    """Facets and name order of every listed organisation, as bit masks per reader language.
    Counting a facet value is then one AND and one population count."""

    def __init__(self, stamp):
        self.stamp = stamp
        columns = ["pk", "county", "town", "field_slugs", "target_group_slugs"]
        columns += ["other_languages", "looking_for_partners"]
        columns += list(LANGUAGE_COLUMNS.values())
        columns += [f"sort_name_{language}" for language in SORT_LANGUAGES]
        facts = {}
        names = {language: [] for language in SORT_LANGUAGES}
        # Where listed organisations are: what "nothing found" suggests for a mistyped place.
        self.towns = set()
        for values in (
            Organisation.objects.filter(is_listed=True).values(*columns).iterator(chunk_size=5000)
        ):
            languages = [code for code, column in LANGUAGE_COLUMNS.items() if values[column]]
            if values["other_languages"]:
                languages.append(WorkingLanguage.OTHER)
            pk = values["pk"]
            if values["town"]:
                self.towns.add(values["town"])
            facts[pk] = (
                values["county"],
                values["field_slugs"].split(),
                values["target_group_slugs"].split(),
                languages,
                values["looking_for_partners"],
            )
            for language in SORT_LANGUAGES:
                names[language].append((values[f"sort_name_{language}"], pk))
        self.by_language = {
            language: SortedFacets([pk for _name, pk in sorted(names[language])], facts)
            for language in SORT_LANGUAGES
        }
        self._recent_matches = OrderedDict()
        self._matches_lock = threading.Lock()
        self._spellers = {}
        self._postings = {}
        self._concept_masks = {}

    def postings(self, terms):
        """``{organisation id: best weight}`` of the concepts ``terms`` of the vocabularies,
        read once per table (a few dozen concepts and their combinations, a few hundred
        kilobytes each at 50,000 organisations)."""
        key = tuple(sorted(terms))
        found = self._postings.get(key)
        if found is None:
            found = {}
            for pk, weight in SearchTerm.objects.filter(term__in=key).values_list(
                "organisation_id", "weight"
            ):
                if found.get(pk, 0) < weight:
                    found[pk] = weight
            self._postings[key] = found
        return found

    def speller(self):
        """Place names of the listed organisations and counties and the words of the
        vocabularies, for suggestions when nothing is found."""
        version, rows = vocabulary_rows()
        speller = self._spellers.get(version)
        if speller is None:
            places = set(self.towns)
            for names in COUNTY_SEARCH_NAMES.values():
                places.update(names.split())
            words = set()
            for _kind, _slug, _language, name, keywords in rows:
                for line in [name, *keywords.splitlines()]:
                    words.update(
                        word
                        for word in WORD_RE.findall(line.lower())
                        if fold(word) not in STOPWORDS
                    )
            speller = Speller(places, words)
            self._spellers = {version: speller}
        return speller

    def matches(self, words, language):
        """``(levels, mask)``: ``text_matches(words)`` as ``{relevance: bit mask}`` in
        ``language``'s name order, and the mask of all of them. The most recent queries are
        remembered with the table, so they are forgotten when the index changes; people look
        for the same things ("молодёжь", "Narva") much more often than the index changes."""
        key = tuple(
            (tuple(sorted(word.prefixes)), tuple(sorted(word.exact)), tuple(sorted(word.taxonomy)))
            for word in words
        )
        if len(words) == 1 and words[0].taxonomy:
            # A word that names concepts matches what they name: kept with the table.
            return self._concept_matches(tuple(sorted(words[0].taxonomy)), language)
        with self._matches_lock:
            entry = self._recent_matches.get(key)
            if entry is not None:
                self._recent_matches.move_to_end(key)
        if entry is None:
            entry = (text_matches(words, self.postings), {})
            with self._matches_lock:
                self._recent_matches[key] = entry
                while len(self._recent_matches) > RECENT_MATCHES:
                    self._recent_matches.popitem(last=False)
        relevance, masks = entry
        found = masks.get(language)
        if found is None:
            found = masks[language] = self._levels(relevance, language)
        return found

    def _concept_matches(self, terms, language):
        found = self._concept_masks.get((terms, language))
        if found is None:
            found = self._concept_masks[terms, language] = self._levels(
                self.postings(terms), language
            )
        return found

    def _levels(self, relevance, language):
        levels = self.by_language[language].level_masks(relevance)
        mask = 0
        for level_mask in levels.values():
            mask |= level_mask
        return levels, mask


_table_lock = threading.Lock()
_table = None


def facet_table():
    """The facet table, reloaded when the index has changed since it was loaded."""
    global _table
    # Every change of an organisation's listing, facts or versions goes through
    # ``indexing.refresh``, which sets ``indexed_at``: its maximum (an index lookup) dates the
    # table.
    stamp = Organisation.objects.aggregate(last=Max("indexed_at"))["last"]
    table = _table
    if table is None or table.stamp != stamp:
        with _table_lock:
            # Threads that waited for the lock find the table their first one loaded.
            table = _table
            if table is None or table.stamp != stamp:
                table = _table = FacetTable(stamp)
    return table


# --- text match ------------------------------------------------------------------------------


_KEY_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def _successor(prefix):
    """The smallest key after every key that begins with ``prefix``: keys are made of
    ``[0-9a-z]`` only, an order on which byte order and the usual collations agree."""
    for index in range(len(prefix) - 1, -1, -1):
        position = _KEY_ALPHABET.find(prefix[index])
        if 0 <= position < len(_KEY_ALPHABET) - 1:
            return prefix[:index] + _KEY_ALPHABET[position + 1]
    return None


def _alternatives(query_word, concepts=True):
    """``(sql condition, params)`` for each way ``query_word`` can match a key (its concepts
    too, with ``concepts``)."""
    for prefix in sorted(query_word.prefixes):
        upper = _successor(prefix)
        if upper is None:  # "zz…": rare enough for a plain LIKE
            yield "term LIKE %s", [prefix + "%"]
        else:
            yield "term >= %s AND term < %s", [prefix, upper]
    for term in sorted(query_word.exact):
        yield "term = %s", [term]
    if concepts:
        for term in sorted(query_word.taxonomy):
            yield "term = %s", [term]


def text_matches(words, postings=None):
    """``{organisation id: relevance}`` of the organisations matching every word.

    One query: a ``UNION ALL`` of one range or equality scan per alternative of each word
    (index-only scans of the covering (term, organisation, weight) index on SQLite and
    PostgreSQL alike), grouped by organisation with the best weight of each word. With
    ``postings`` (``terms → {organisation id: best weight}``), the concepts a word names are
    read from there instead: a concept can name most of the directory ("молодёжь"), and reading its
    rows for every new query would be most of the query's cost."""
    if not words:
        return {}
    best = [
        postings(tuple(sorted(word.taxonomy))) if postings is not None and word.taxonomy else {}
        for word in words
    ]
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    branches, params = [], []
    for index, word in enumerate(words):
        columns = ", ".join(
            "weight" if other == index else "CAST(NULL AS integer)" for other in range(len(words))
        )
        if postings is not None and word.taxonomy:
            # The concepts' postings hold every profile whose text names them, in any
            # language: the word's own keys would find the same profiles again.
            continue
        for condition, values in _alternatives(word, concepts=postings is None):
            branches.append(
                f"SELECT organisation_id, {columns} FROM {table} WHERE {condition}"  # noqa: S608 - no user text in the SQL
            )
            params.extend(values)
    if branches:
        aliases = ", ".join(f"w{index}" for index in range(len(words)))
        maxima = ", ".join(f"MAX(w{index})" for index in range(len(words)))
        union = " UNION ALL ".join(branches)
        # Only column names and placeholders are formatted in; what people typed goes in params.
        sql = f"WITH matches (organisation_id, {aliases}) AS ({union}) SELECT organisation_id, {maxima} FROM matches GROUP BY organisation_id"  # noqa: E501, S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        for index in range(len(words)):
            if postings is None or not words[index].taxonomy:
                _merge_best(
                    best[index],
                    ((row[0], row[index + 1]) for row in rows if row[index + 1] is not None),
                )
    if len(words) == 1:
        return best[0]
    smallest = min(best, key=len)
    return {
        pk: sum(by_word[pk] for by_word in best)
        for pk in smallest
        if all(pk in by_word for by_word in best)
    }


def _merge_best(best, pairs):
    get = best.get
    for pk, weight in pairs:
        if get(pk, 0) < weight:
            best[pk] = weight


# --- the search ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Version:
    """What a result card shows of one language version of a profile."""

    title: str
    introduction: str
    description: str
    language_code: str
    url: str


@dataclass(frozen=True)
class Result:
    organisation: Organisation
    version: Version
    field_names: list
    other_language: bool
    # Labels in the reader's language, translated once per page rather than once per card.
    county_label: str
    language_labels: list

    @property
    def language_code(self):
        return self.version.language_code

    @property
    def language_label(self):
        return WorkingLanguage(self.language_code).label


class DirectorySearch:
    """A directory query: text, facet selections and the reader's language."""

    def __init__(
        self,
        query="",
        field="",
        county="",
        language="",
        partners=False,
        reader_language=None,
        group="",
    ):
        self.reader_language = reader_language or get_language() or "ru"
        self.query = clean_query(query or "")
        self.field_names = activity_field_names(self.reader_language)
        self.group_names = target_group_names(self.reader_language)
        # Unknown facet values are ignored, not errors: old links keep working.
        self.field = field if field in self.field_names else ""
        self.group = group if group in self.group_names else ""
        self.county = county if county in County.values else ""
        self.language = language if language in WorkingLanguage.values else ""
        self.partners = bool(partners)
        self.words = query_terms(self.query, vocabulary()) if self.query else []

    @classmethod
    def from_request(cls, request):
        params = request.GET
        return cls(
            query=params.get("q", ""),
            field=params.get("field", ""),
            group=params.get("group", ""),
            county=params.get("county", ""),
            language=params.get("language", ""),
            partners=params.get("partners") == "1",
        )

    @property
    def is_filtered(self):
        return bool(
            self.query or self.field or self.group or self.county or self.language or self.partners
        )

    @cached_property
    def _computed(self):
        sort_language = self.reader_language if self.reader_language in SORT_LANGUAGES else "ru"
        facets = facet_table()
        table = facets.by_language[sort_language]
        if self.words:
            levels, candidates = facets.matches(self.words, sort_language)
        else:
            # Only stop words or symbols in the query find nothing; no query lists everyone.
            levels = None
            candidates = 0 if self.query else table.all
        every = table.all
        by_field = table.field.get(self.field, 0) if self.field else every
        by_group = table.group.get(self.group, 0) if self.group else every
        by_county = table.county.get(self.county, 0) if self.county else every
        by_language = table.language.get(self.language, 0) if self.language else every
        by_partners = table.partners if self.partners else every
        # Each facet is counted with the other facets applied, so that its values can be
        # switched without leading to an empty page.
        others = {
            "field": candidates & by_group & by_county & by_language & by_partners,
            "group": candidates & by_field & by_county & by_language & by_partners,
            "county": candidates & by_field & by_group & by_language & by_partners,
            "language": candidates & by_field & by_group & by_county & by_partners,
            "partners": candidates & by_field & by_group & by_county & by_language,
        }
        found = others["partners"] & by_partners
        if levels is not None:
            ids = RankedIds({level: mask & found for level, mask in levels.items()}, table.order)
        else:
            ids = IdsInOrder(found, table.order)
        return {
            "found": ids,
            # What each facet's removal would find, for "nothing found".
            "without": {name: mask.bit_count() for name, mask in others.items()},
            "fields": {
                slug: (others["field"] & mask).bit_count() for slug, mask in table.field.items()
            },
            "groups": {
                slug: (others["group"] & mask).bit_count() for slug, mask in table.group.items()
            },
            "counties": {
                county: (others["county"] & mask).bit_count()
                for county, mask in table.county.items()
            },
            "languages": {
                code: (others["language"] & mask).bit_count()
                for code, mask in table.language.items()
            },
            "partners": (others["partners"] & table.partners).bit_count(),
        }

    @property
    def total(self):
        return len(self._computed["found"])

    @staticmethod
    def _facet(values_labels, counts, selected):
        return [
            FacetValue(value, str(label), counts.get(value, 0), value == selected)
            for value, label in values_labels
            if counts.get(value) or value == selected
        ]

    @cached_property
    def field_facet(self):
        facet = self._facet(self.field_names.items(), self._computed["fields"], self.field)
        return sorted(facet, key=lambda item: item.label.casefold())

    @cached_property
    def group_facet(self):
        facet = self._facet(self.group_names.items(), self._computed["groups"], self.group)
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

    def _query_string(self, **changes):
        params = {
            "q": self.query,
            "field": self.field,
            "group": self.group,
            "county": self.county,
            "language": self.language,
            "partners": "1" if self.partners else "",
        }
        params.update(changes)
        return "?" + urlencode({name: value for name, value in params.items() if value})

    @cached_property
    def suggestions(self):
        """When nothing is found: ``(query, query string)`` with a mistyped word replaced by
        the closest place name or vocabulary word."""
        if self.total or not self.query:
            return []
        speller = facet_table().speller()
        tokens = self.query.split()
        found = []
        for index, token in enumerate(tokens):
            for match in speller.closest(token):
                if match.casefold() == token.casefold():
                    continue
                query = " ".join([*tokens[:index], match, *tokens[index + 1 :]])
                if query not in found:
                    found.append(query)
        return [(query, self._query_string(q=query)) for query in found[:5]]

    @cached_property
    def relaxations(self):
        """When nothing is found: for each chosen facet, ``(label, count, query string)`` of
        the search without it, when that finds something."""
        if self.total:
            return []
        chosen = [
            ("field", self.field, self.field_names.get(self.field)),
            ("group", self.group, self.group_names.get(self.group)),
            ("county", self.county, County(self.county).label if self.county else ""),
            (
                "language",
                self.language,
                WorkingLanguage(self.language).label if self.language else "",
            ),
        ]
        facets = [
            (str(label), self._computed["without"][name], self._query_string(**{name: ""}))
            for name, value, label in chosen
            if value
        ]
        if self.partners:
            facets.append(
                (
                    str(_("Looking for partners")),
                    self._computed["without"]["partners"],
                    self._query_string(partners=""),
                )
            )
        return [facet for facet in facets if facet[1]]

    def results_page(self, number):
        """Page ``number`` of the results: the organisations' ids, in order (``results``
        gives what their cards show)."""
        return Paginator(self._computed["found"], RESULTS_PER_PAGE).get_page(number)

    def results(self, ids, request=None):
        """What the result cards of ``ids`` show, in order (None for an organisation that has
        no published profile any more): plain rows, no page objects (a page of results is
        built in three queries whatever its length)."""
        if not ids:
            return []
        organisations = Organisation.objects.only(*CARD_FACTS).in_bulk(ids)
        versions = {}
        for row in (
            OrganisationPage.objects.live()
            .public()
            .filter(organisation_id__in=ids)
            .values(*CARD_TEXTS)
        ):
            versions.setdefault(row["organisation_id"], {})[row["locale__language_code"]] = row
        chosen = {
            pk: closest_version(by_language, self.reader_language)
            for pk, by_language in versions.items()
        }
        # Profiles are children of the directory page of their language: their address is
        # that page's address and their slug.
        steplen = Page.steplen
        parent_urls = page_urls(request, {row["path"][:-steplen] for row in chosen.values()})
        county_labels = {value: str(label) for value, label in County.choices}
        language_labels = {value: str(label) for value, label in WorkingLanguage.choices}
        results = []
        for pk in ids:
            organisation = organisations.get(pk)
            row = chosen.get(pk)
            parent_url = parent_urls.get(row["path"][:-steplen]) if row is not None else None
            if organisation is None or parent_url is None:
                results.append(None)
                continue
            language = row["locale__language_code"]
            results.append(
                Result(
                    organisation=organisation,
                    version=Version(
                        title=row["title"],
                        introduction=row["introduction"],
                        description=row["description"],
                        language_code=language,
                        url=f"{parent_url}{row['slug']}/",
                    ),
                    field_names=[
                        self.field_names[slug]
                        for slug in organisation.slugs
                        if slug in self.field_names
                    ],
                    other_language=language != self.reader_language,
                    county_label=county_labels.get(organisation.county, organisation.county),
                    language_labels=[
                        language_labels[code] for code in organisation.working_languages
                    ],
                )
            )
        return results


def newest_organisations(language, limit=6):
    """The most recently created live profiles in ``language``, for the home page.

    The newest profiles of every language are found by walking the primary key backwards (a
    filter on the language would make the database sort all of them); a language with few
    recent profiles falls back to the filtered query."""
    live = OrganisationPage.objects.live().public().order_by("-pk")
    recent = list(live.values_list("pk", "locale__language_code")[: limit * 10])
    ids = [pk for pk, code in recent if code == language][:limit]
    if len(ids) < limit and len(recent) == limit * 10:
        ids = list(live.filter(locale__language_code=language).values_list("pk", flat=True)[:limit])
    return list(
        OrganisationPage.objects.filter(pk__in=ids)
        .select_related("organisation", "locale")
        .defer_streamfields()
        .order_by("-pk")
    )
