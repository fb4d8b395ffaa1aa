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
* ``stems`` gives the base forms of a word: lemmas from simplemma's dictionaries (Russian for
  Cyrillic words, Estonian and English for Latin ones), the parts of Estonian compounds
  (``pärimuskultuur`` → ``pärimus`` + ``kultuur``) and, as a fallback for words the
  dictionaries do not know, the Snowball stems (``SEARCH_MORPHOLOGY`` chooses; the README
  says why);
* ``document_terms`` turns a text into the set of keys to index, ``query_terms`` turns a query
  into one group of alternative keys per word or phrase (it matches when any alternative does);
* ``Vocabulary`` finds the concepts of the shared vocabularies that a text or a query names,
  phrases included, through names and keywords in every language (``молодёжь`` → youth), so
  that a query in one language finds content that exists only in another.
"""

import difflib
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
import snowballstemmer
from anyascii import anyascii
from django.conf import settings
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

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
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
    return WORD_RE.findall(text.casefold().replace("ё", "е"))


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
# A Latin "y" after a consonant is the Russian "ы" (zhenshchiny = женщины, Vyru = Выру),
# which is written "õ" and folded to "o".
_Y_AFTER_CONSONANT = re.compile(r"(?<=[bcdfghklmnpqrstvwxz])y(?![aeiou])")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=50_000)
def key(word):
    """The matching key of one word: Latin, ASCII, folded. Words that sound alike across
    scripts get the same key: ``Нарва`` and ``Narva`` → ``narva``, ``Йыхви``, ``Jõhvi`` and
    ``Johvi`` → ``johvi``, ``Пярну`` and ``Parnu`` → ``parnu``, ``Таллин`` and ``Tallinn`` →
    ``talin``, ``молодёжь`` and ``molodezh`` → ``molodez``."""
    latin = anyascii(transliterate(word)).lower()
    latin = "".join(char for char in latin if char.isalnum())
    latin = _Y_AFTER_CONSONANT.sub("o", latin)
    for source, target in _DIGRAPHS:
        latin = latin.replace(source, target)
    latin = _J_AFTER_CONSONANT.sub("", latin)
    latin = _DOUBLES.sub(r"\1", latin)
    return latin[:TERM_MAX_LENGTH]


# --- stemming ---------------------------------------------------------------------------------

# "both" (the default): simplemma's lemmas, Estonian compound parts and Snowball stems;
# "lemmas": lemmas and compound parts, Snowball only for words the
# dictionaries do not know; "snowball": Snowball stems only (Sild's first search).
MORPHOLOGIES = ("lemmas", "snowball", "both")

_local = threading.local()


def _stemmer(language):
    # Snowball stemmers keep state while stemming a word: one per language per thread.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


def morphology():
    return getattr(settings, "SEARCH_MORPHOLOGY", "both")


# Estonian case endings, longest first, stripped from Latin words as an extra alternative:
# the Snowball stemmer cuts place names too short (Tartus → "tar"), this keeps "tartu".
_ESTONIAN_CASE_ENDINGS = ("sse", "lt", "st", "ga", "le", "ks", "ni", "na", "ta", "s", "l", "d")
# Parts of a compound are dictionary words of at least this many letters.
COMPOUND_PART_MIN_LENGTH = 4


def _snowball(word):
    if is_cyrillic(word):
        return [_stemmer("russian").stemWord(word)]
    found = [_stemmer("estonian").stemWord(word), _stemmer("english").stemWord(word)]
    for ending in _ESTONIAN_CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= PREFIX_MIN_LENGTH:
            found.append(word[: -len(ending)])
            break
    return found


def _lemma(word, language):
    # simplemma keeps ё apart from е in its dictionary; Sild folds ё everywhere else.
    lemma = simplemma.lemmatize(word, lang=language)
    return lemma.casefold().replace("ё", "е")


def _known(word, language):
    return simplemma.is_known(word, lang=language)


@lru_cache(maxsize=50_000)
def compound_parts(word):
    """The two parts of an Estonian compound, each a dictionary word, the first in any case
    form (``noortekeskus`` → ``noorte``, ``keskus``); ``()`` when ``word`` is none. The longest
    known head is taken: ``lähisuhtevägivald`` → ``lähisuhte`` + ``vägivald``."""
    if is_cyrillic(word) or len(word) < 2 * COMPOUND_PART_MIN_LENGTH:
        return ()
    for split in range(COMPOUND_PART_MIN_LENGTH, len(word) - COMPOUND_PART_MIN_LENGTH + 1):
        head, tail = word[:split], word[split:]
        if _known(tail, "et") and _known(head, "et"):
            return (head, tail)
    return ()


def _lemmas(word):
    if is_cyrillic(word):
        return [_lemma(word, "ru")], _known(word, "ru")
    lemmas = [_lemma(word, "et"), _lemma(word, "en")]
    return lemmas, _known(word, "et") or _known(word, "en")


@lru_cache(maxsize=50_000)
def part_keys(word):
    """Keys of the parts of a compound and of their lemmas: indexed with a text so that
    "kultuur" finds "pärimuskultuur", but not asked for by a query (a query for
    "naisteühendus" is not a query for every "ühendus")."""
    if morphology() == "snowball":
        return ()
    parts = []
    for part in compound_parts(word.casefold()):
        parts.extend((part, _lemma(part, "et")))
    return tuple(dict.fromkeys(k for k in map(key, parts) if k))


@lru_cache(maxsize=50_000)
def stems(word):
    """Base forms of one lower-case word (lemmas, compound parts or stems, after
    ``SEARCH_MORPHOLOGY``), without the word itself unless it is its own base form."""
    word = word.casefold().replace("ё", "е")
    mode = morphology()
    found = []
    if mode in ("lemmas", "both"):
        lemmas, known = _lemmas(word)
        found.extend(lemmas)
        if mode == "lemmas" and not known:
            found.extend(_snowball(word))
    if mode in ("snowball", "both"):
        found.extend(_snowball(word))
    return tuple(dict.fromkeys(found))


def significant_words(text):
    return [word for word in words(text) if len(word) > 1 and fold(word) not in STOPWORDS]


def word_keys(word):
    """Every key a word is known by: the key of the word and the keys of its stems."""
    return tuple(dict.fromkeys(k for k in (key(word), *(key(s) for s in stems(word))) if k))


def document_terms(text):
    """The keys to index for ``text``: for every significant word its key, its stems' keys
    and the keys of its parts if it is a compound."""
    terms = set()
    for word in significant_words(text):
        terms.update(word_keys(word))
        terms.update(part_keys(word))
    return terms


# --- queries ---------------------------------------------------------------------------------


@dataclass
class QueryWord:
    """One word or phrase of a query and the alternatives it matches: ``prefixes`` match any
    indexed key they begin, ``exact`` must equal a key, ``taxonomy`` are the index terms of the
    concepts it names."""

    text: str
    prefixes: set = field(default_factory=set)
    exact: set = field(default_factory=set)
    taxonomy: set = field(default_factory=set)


def _add_word_keys(query_word, word):
    for word_key in word_keys(word):
        if len(word_key) >= PREFIX_MIN_LENGTH:
            query_word.prefixes.add(word_key)
        else:
            query_word.exact.add(word_key)


def _drop_covered_keys(query_word):
    """Keys that a shorter prefix of the same word already matches cost a scan and find
    nothing more ("molodez" covers "molodeznoj")."""
    prefixes = query_word.prefixes
    query_word.prefixes = {
        prefix
        for prefix in prefixes
        if not any(other != prefix and prefix.startswith(other) for other in prefixes)
    }
    query_word.exact = {
        term for term in query_word.exact if not any(term.startswith(p) for p in prefixes)
    }


def query_terms(query, vocabulary=None):
    """One ``QueryWord`` per significant word of ``query``, or per phrase of the vocabulary it
    contains ("puuetega inimesed", "young people": the concept, or the phrase's own specific
    words, and not each word again), at most ``QUERY_MAX_WORDS``."""
    tokens = list(dict.fromkeys(significant_words(clean_query(query))))
    spans = vocabulary.query_spans(tokens) if vocabulary is not None else {}
    result = []
    index = 0
    while index < len(tokens) and len(result) < QUERY_MAX_WORDS:
        end, concepts = spans.get(index, (index + 1, set()))
        phrase = tokens[index:end]
        query_word = QueryWord(" ".join(phrase), taxonomy=set(concepts))
        specific = [word for word in phrase if fold(word) not in TAXONOMY_GENERIC_WORDS]
        for word in specific if len(phrase) > 1 else phrase:
            _add_word_keys(query_word, word)
        _drop_covered_keys(query_word)
        if query_word.prefixes or query_word.exact or query_word.taxonomy:
            result.append(query_word)
        index = end
    return result


# Prefix matching of a vocabulary word only for forms at least this long: "молодеж" begins
# "молодежный", but "male" (chess) must not begin "malev".
CONCEPT_PREFIX_MIN_LENGTH = 5


@lru_cache(maxsize=50_000)
def concept_forms(word, parts=True):
    """The keys under which a word of a text or a query meets the words of a vocabulary: its
    own key, its base forms' keys and (``parts``) those of its compound parts, so that
    "noortekeskus" names youth. The words of the vocabulary itself are taken whole."""
    return frozenset(k for k in (*word_keys(word), *(part_keys(word) if parts else ())) if k)


class Vocabulary:
    """Finds the concepts that a text names through the names and keywords of a vocabulary in
    every language.

    ``entries`` is an iterable of ``(concept, text)``: a name or a keyword of any language,
    one word or a phrase. A word of the text meets a word of an entry when they share a key
    (the word's own or a base form's), or when one of the text word's keys begins with one of
    the entry word's of at least ``CONCEPT_PREFIX_MIN_LENGTH`` letters (``молодёжь`` and
    ``молодёжный``). A phrase matches consecutive significant words. A single word in
    ``TAXONOMY_GENERIC_WORDS`` ("центр", "keel") names nothing on its own."""

    def __init__(self, entries):
        self.by_first = {}
        for concept, text in entries:
            entry_words = significant_words(text)
            if not entry_words or (
                len(entry_words) == 1 and fold(entry_words[0]) in TAXONOMY_GENERIC_WORDS
            ):
                continue
            forms = [concept_forms(word, parts=False) for word in entry_words]
            for form in forms[0]:
                self.by_first.setdefault(form, []).append((concept, forms))

    @staticmethod
    def _meets(token_forms, entry_forms):
        if token_forms & entry_forms:
            return True
        return any(
            len(entry) >= CONCEPT_PREFIX_MIN_LENGTH and token.startswith(entry)
            for entry in entry_forms
            for token in token_forms
        )

    def _candidates(self, token_forms):
        seen = set()
        for form in token_forms:
            for length in range(CONCEPT_PREFIX_MIN_LENGTH, len(form)):
                seen.add(form[:length])
            seen.add(form)
        for candidate in seen:
            yield from self.by_first.get(candidate, ())

    def matches(self, tokens):
        """``(start, end, concept)`` for every entry found in the word list ``tokens``."""
        token_forms = [concept_forms(token) for token in tokens]
        found = set()
        for start, forms in enumerate(token_forms):
            for concept, entry in self._candidates(forms):
                end = start + len(entry)
                if end > len(tokens) or not self._meets(forms, entry[0]):
                    continue
                if all(
                    self._meets(token_forms[start + offset], entry[offset])
                    for offset in range(1, len(entry))
                ):
                    found.add((start, end, concept))
        return found

    def concepts(self, text):
        """The concepts named anywhere in ``text``."""
        return {concept for _start, _end, concept in self.matches(significant_words(text))}

    def query_spans(self, tokens):
        """``{start: (end, concepts)}``: the longest phrases of the vocabulary in a query,
        without overlaps, and the concepts of single words."""
        by_span = {}
        for start, end, concept in self.matches(tokens):
            by_span.setdefault((start, end), set()).add(concept)
        spans = {}
        covered = set()
        for (start, end), concepts in sorted(
            by_span.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])
        ):
            if covered & set(range(start, end)):
                continue
            covered.update(range(start, end))
            spans[start] = (end, concepts)
        return spans


# --- suggestions ---------------------------------------------------------------------------

SUGGESTION_CUTOFF = 0.7


class Speller:
    """The known words closest to a mistyped one ("Tatru" → "Tartu", "Kohtlajarve" →
    "Kohtla-Järve", "маладёжь" → "молодёжь"), compared by their keys: script, diacritics,
    hyphens and doubled letters aside. ``places`` are suggested whatever the script typed,
    other ``words`` only in the script typed (a Russian word for a Russian typo)."""

    def __init__(self, places, words):
        self.by_key = {}
        for candidate in sorted(places):
            self._add(candidate, None)
        for candidate in sorted(words):
            self._add(candidate, is_cyrillic(candidate))

    def _add(self, candidate, cyrillic):
        candidate_key = key(candidate)
        if len(candidate_key) >= PREFIX_MIN_LENGTH:
            self.by_key.setdefault((candidate_key, cyrillic), candidate)

    def closest(self, word, limit=3):
        """The candidates closest to ``word`` or to one of its stems ("Tatrus" → "Tatru" →
        "Tartu"), best first."""
        cyrillic = is_cyrillic(word)
        keys = {
            candidate_key: candidate
            for (candidate_key, script), candidate in self.by_key.items()
            if script is None or script == cyrillic
        }
        scored = {}
        for word_key in {key(word), *(key(stem) for stem in stems(word.casefold()))}:
            if len(word_key) < PREFIX_MIN_LENGTH:
                continue
            for match in difflib.get_close_matches(
                word_key, keys, n=limit, cutoff=SUGGESTION_CUTOFF
            ):
                ratio = difflib.SequenceMatcher(None, word_key, match).ratio()
                scored[match] = max(scored.get(match, 0), ratio)
        best = sorted(scored, key=lambda match: -scored[match])[:limit]
        return [keys[match] for match in best]
