"""Text normalisation for search, shared by every search in Sild and by every backend.

Sild's readers search in Russian, Estonian and English, in Cyrillic and Latin letters, with and
without Estonian diacritics. Everything here is pure Python (no database function), so that
the same words produce the same keys on SQLite, PostgreSQL or a search server:

* ``clean_query`` makes what a person typed safe for any backend, ``wagtail_query`` turns it
  into a query for Wagtail's search backends;
* ``words`` splits text into lower-case words (``ё`` → ``е``, hyphens split);
* ``key`` is a matching key in plain Latin letters: Cyrillic is transliterated the way
  Estonian place names are written in Russian (``Йыхви`` → ``johvi`` = ``Jõhvi``,
  ``Пярну`` → ``parnu`` = ``Pärnu``, ``Таллин`` → ``talin`` = ``Tallinn``), diacritics are
  folded (``Johvi`` = ``Jõhvi``), doubled letters collapsed;
* ``stems`` gives the Snowball stems of a word (Russian for Cyrillic words, Estonian and
  English for Latin ones);
* ``document_terms`` turns a text into the set of keys to index, ``query_terms`` turns a query
  into one group of alternative keys per word (a word matches when any alternative does);
* ``TaxonomyExpander`` maps a query word onto the slugs of a taxonomy whose names and keywords
  exist in several languages (``молодёжь`` → ``youth``), so that a query in one language finds
  content that exists only in another.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from anyascii import anyascii
from wagtail.search.utils import parse_query_string

QUERY_MAX_LENGTH = 200
# A query is cut to this many significant words: enough for any real query, and a bound on
# the SQL a query can produce.
QUERY_MAX_WORDS = 8
# Prefix matching only for keys at least this long ("tar" would match half the language).
PREFIX_MIN_LENGTH = 4
TERM_MAX_LENGTH = 40


def clean_query(raw, max_length=QUERY_MAX_LENGTH):
    """What a person typed, made safe for any search backend: control characters (NUL breaks
    PostgreSQL) removed, whitespace collapsed, length capped."""
    printable = "".join(
        char if unicodedata.category(char)[0] != "C" else " " for char in raw[: max_length * 4]
    )
    return " ".join(printable.split())[:max_length].strip()


def wagtail_query(raw, operator=None):
    """What a person typed as a query for Wagtail's search backends (the site search, the
    API): cleaned by ``clean_query``, quoted parts as phrases; ``None`` when nothing is left.
    A raw string would reach the backend as it is, and SQLite's full-text syntax fails on an
    unbalanced quote."""
    query = clean_query(raw)
    if not query:
        return None
    return parse_query_string(query, operator=operator)[1]


# --- words ---------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def _word_set(*lines):
    return frozenset(" ".join(lines).split())


STOPWORDS = _word_set(
    # Russian
    "и в во не на с со по за из к ко о об от до для при без над под про у же ли или а но",
    "что как это так то все всё их его её мы вы они он она оно мне нас вас наш ваш свой",
    "который которая которые также ещё еще уже где когда",
    # Estonian
    "ja ning ka ei on see need oma kes mis kus kui et või ega aga ole olla",
    "oli meie teie nad tema selle nende ühe üks kõik iga",
    # English
    "a an and or the of in on at to for with from by is are be as it its our we you",
    "your their this that these those",
    # Legal-form words every profile carries: they would match everything.
    "mtü мтю sa нко ngo",
)

# Words in taxonomy names and keywords that do not identify a field on their own ("Youth
# work", "молодёжный центр", "eesti keel").
TAXONOMY_GENERIC_WORDS = _word_set(
    "work работа деятельность töö tegevus activities activity field sphere сфера",
    "valdkond area центр keskus centre center люди inimesed people помощь abi help",
    "эстонский eesti estonian язык keel language местное местный kohalik local elu life",
    "new новые uus",
)


def fold(text):
    """Lower case, ``ё`` as ``е``, Latin diacritics removed (``Jõhvi`` → ``johvi``); Cyrillic
    letters are kept."""
    text = text.casefold().replace("ё", "е")
    out = []
    for char in text:
        if _CYRILLIC_RE.match(char):
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def words(text):
    """Lower-case words of ``text`` (``ё`` folded to ``е``); punctuation and hyphens split."""
    return _WORD_RE.findall(text.casefold().replace("ё", "е"))


def is_cyrillic(word):
    return bool(_CYRILLIC_RE.search(word))


# --- transliteration -------------------------------------------------------------------------

_VOWELS = "aeiouõäöüy"
_CYRILLIC_VOWELS = "аеёиоуыэюя"
_CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "jo",
    "ж": "ž",
    "з": "z",
    "и": "i",
    "й": "j",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "tš",
    "ш": "š",
    "щ": "štš",
    "ъ": "",
    "ы": "õ",  # Йыхви = Jõhvi, Выру = Võru, Пыльва = Põlva
    "ь": "",
    "э": "e",
    "ю": "ju",
    "я": "ja",
    # Ukrainian and Belarusian letters that appear in names
    "і": "i",
    "ї": "ji",
    "є": "je",
    "ґ": "g",
    "ў": "u",
}


def transliterate(text):
    """Cyrillic → Latin as Estonians write Russian words and Russians write Estonian place
    names (``Йыхви`` → ``jõhvi``, ``Жанна`` → ``žanna``). Latin text is returned as it is."""
    text = text.casefold().replace("ё", "е")
    out = []
    for index, char in enumerate(text):
        latin = _CYRILLIC_TO_LATIN.get(char)
        if latin is None:
            out.append(char)
        elif char == "й" and index > 0 and text[index - 1] in _CYRILLIC_VOWELS:
            # Пайде = Paide, Кейла = Keila: й after a vowel is the Estonian i.
            out.append("i")
        else:
            out.append(latin)
    return "".join(out)


_DIGRAPHS = [
    ("shch", "sts"),
    ("sh", "s"),
    ("zh", "z"),
    ("ch", "ts"),
    ("kh", "h"),
    ("w", "v"),
    ("y", "j"),
    ("x", "ks"),
    # German-style spellings of Estonian vowels typed without the letters: Paernu, Voeru
    ("ae", "a"),
    ("oe", "o"),
    ("ue", "u"),
]
_J_AFTER_CONSONANT = re.compile(r"(?<=[bcdfghklmnpqrstvz])j(?=[aeiou])")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=50_000)
def key(word):
    """The matching key of one word: Latin, ASCII, folded. Words that sound alike across
    scripts get the same key: ``Нарва`` and ``Narva`` → ``narva``, ``Йыхви``, ``Jõhvi`` and
    ``Johvi`` → ``johvi``, ``Пярну`` and ``Parnu`` → ``parnu``, ``Таллин`` and ``Tallinn`` →
    ``talin``, ``молодёжь`` and ``molodezh`` → ``molodez``."""
    latin = anyascii(transliterate(word)).lower()
    latin = "".join(char for char in latin if char.isalnum())
    for source, target in _DIGRAPHS:
        latin = latin.replace(source, target)
    latin = _J_AFTER_CONSONANT.sub("", latin)
    latin = _DOUBLES.sub(r"\1", latin)
    return latin[:TERM_MAX_LENGTH]


# --- stemming --------------------------------------------------------------------------------

_STEMMERS = {}


def _stemmer(language):
    # Snowball stemmers are not thread-safe; one per language per process is enough for a
    # WSGI worker, and a stemmer holds no state between words.
    if language not in _STEMMERS:
        _STEMMERS[language] = snowballstemmer.stemmer(language)
    return _STEMMERS[language]


# Estonian case endings, longest first, stripped from Latin words as an extra alternative:
# the Snowball stemmer cuts place names too short (Tartus → "tar"), this keeps "tartu".
_ESTONIAN_CASE_ENDINGS = ("sse", "lt", "st", "ga", "le", "ks", "ni", "na", "ta", "s", "l", "d")


@lru_cache(maxsize=50_000)
def stems(word):
    """Stems of one lower-case word: Russian for Cyrillic, Estonian and English for Latin."""
    word = word.casefold().replace("ё", "е")
    if is_cyrillic(word):
        return (_stemmer("russian").stemWord(word),)
    found = [_stemmer("estonian").stemWord(word), _stemmer("english").stemWord(word)]
    for ending in _ESTONIAN_CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= PREFIX_MIN_LENGTH:
            found.append(word[: -len(ending)])
            break
    return tuple(dict.fromkeys(found))


def significant_words(text):
    return [word for word in words(text) if len(word) > 1 and fold(word) not in STOPWORDS]


def word_keys(word):
    """Every key a word is known by: the key of the word and the keys of its stems."""
    return tuple(dict.fromkeys(k for k in (key(word), *(key(s) for s in stems(word))) if k))


def document_terms(text):
    """The keys to index for ``text``: for every significant word its key and its stems'
    keys."""
    terms = set()
    for word in significant_words(text):
        terms.update(word_keys(word))
    return terms


# --- queries ---------------------------------------------------------------------------------


@dataclass
class QueryWord:
    """One word of a query and the alternatives it matches: ``prefixes`` match any indexed
    key they begin, ``exact`` must equal a key, ``taxonomy`` are slugs of the taxonomy."""

    text: str
    prefixes: set = field(default_factory=set)
    exact: set = field(default_factory=set)
    taxonomy: set = field(default_factory=set)


def query_terms(query, expander=None):
    """One ``QueryWord`` per significant word of ``query`` (at most ``QUERY_MAX_WORDS``)."""
    result = []
    seen = set()
    for word in significant_words(clean_query(query)):
        if word in seen:
            continue
        seen.add(word)
        query_word = QueryWord(word)
        for word_key in word_keys(word):
            if len(word_key) >= PREFIX_MIN_LENGTH:
                query_word.prefixes.add(word_key)
            else:
                query_word.exact.add(word_key)
        if expander is not None:
            query_word.taxonomy = expander.expand(word)
        if query_word.prefixes or query_word.exact or query_word.taxonomy:
            result.append(query_word)
        if len(result) >= QUERY_MAX_WORDS:
            break
    return result


class TaxonomyExpander:
    """Maps query words onto taxonomy slugs through the names and keywords of every language.

    ``entries`` is an iterable of ``(slug, text)``: a name or a keyword of any language. A
    query word matches a slug when one of its keys and one key of the slug's words begin one
    another and the shorter has at least ``PREFIX_MIN_LENGTH`` letters, so ``молодёжной``
    (stem ``молодежн``) matches the keyword ``молодёжь`` (``молодеж``) and ``noortele``
    (``noorte``) matches ``noorte``."""

    def __init__(self, entries):
        self.keys_by_slug = {}
        for slug, text in entries:
            bucket = self.keys_by_slug.setdefault(slug, set())
            for word in significant_words(text):
                if fold(word) in TAXONOMY_GENERIC_WORDS:
                    continue
                bucket.update(word_keys(word))

    def expand(self, word):
        if fold(word) in TAXONOMY_GENERIC_WORDS:
            return set()
        wanted = [k for k in word_keys(word) if len(k) >= PREFIX_MIN_LENGTH]
        found = set()
        for slug, keys in self.keys_by_slug.items():
            for candidate in keys:
                if len(candidate) < PREFIX_MIN_LENGTH:
                    continue
                if any(candidate.startswith(w) or w.startswith(candidate) for w in wanted):
                    found.add(slug)
                    break
        return found
