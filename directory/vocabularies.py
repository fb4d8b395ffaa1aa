"""The shared vocabularies (fields of activity, target groups): their one source of content,
``vocabularies.toml``, and what the directory's search makes of them.

* ``ensure_vocabularies`` loads the file: one canonical record per concept in the default
  language, which every organisation and call points to, and its translations (names and
  keywords) in every other language that exists, linked through wagtail-localize's translation
  key. The data migration and ``seed_demo`` both call it.
* ``vocabulary`` is the matcher built from the names and keywords of every language
  (``portal.search_text.Vocabulary``): the indexer tags a profile with the concepts its text
  names, a query is expanded to the concepts it names, so a Russian word finds an
  Estonian-only profile as if it had been typed in Estonian.
"""

import hashlib
import tomllib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from portal.search_text import Vocabulary

VOCABULARY_FILE = Path(__file__).with_name("vocabularies.toml")
# The file's sections, the model of each, and the prefix of its concepts in the search index.
KINDS = {
    "activity_fields": ("directory.ActivityField", "~"),
    "target_groups": ("directory.TargetGroup", "~~"),
}
CACHE_KEY = "directory:vocabularies:1"
VERSION_KEY = "directory:vocabularies:1:version"
CACHE_SECONDS = 3600


def read_vocabularies(path=VOCABULARY_FILE):
    with open(path, "rb") as file:
        return tomllib.load(file)


def _model(apps, kind):
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    return apps.get_model(KINDS[kind][0])


def ensure_vocabularies(apps=None, refresh=True, data=None):
    """Create the concepts of ``vocabularies.toml`` that are missing, in the default language
    and in every other language that has a locale, translations sharing the canonical record's
    translation key. With ``refresh``, existing names and keywords are brought back to the
    file's (``seed_demo``); without it (the migration) what editors changed is kept.

    Works with the historical models of a migration (``apps``). Returns
    ``{kind: {slug: canonical record}}``."""
    Locale = (apps or _global_apps()).get_model("wagtailcore", "Locale")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default = locales.get(settings.LANGUAGE_CODE)
    if default is None:
        return {}
    data = data if data is not None else read_vocabularies()
    result = {}
    for kind in KINDS:
        model = _model(apps, kind)
        existing = _Existing(model)
        result[kind] = {}
        for slug, by_language in data.get(kind, {}).items():
            canonical = _ensure_one(existing, slug, default, by_language, None, refresh)
            result[kind][slug] = canonical
            for language, locale in locales.items():
                if locale.pk != default.pk and language in by_language:
                    _ensure_one(existing, slug, locale, by_language, canonical, refresh)
    return result


class _Existing:
    """The records of one vocabulary, read in one query and found by slug or by translation
    key in a language: when nothing has changed (every test of the directory, each
    ``seed_demo``), ensuring some eighty concepts asks the database once, not eighty times."""

    def __init__(self, model):
        self.model = model
        self.by_slug, self.by_key = {}, {}
        for record in model.objects.all():
            self.add(record)

    def add(self, record):
        self.by_slug.setdefault((record.slug, record.locale_id), record)
        self.by_key.setdefault((record.translation_key, record.locale_id), record)
        return record


def _global_apps():
    from django.apps import apps

    return apps


def _ensure_one(records, slug, locale, by_language, canonical, refresh):
    content = by_language.get(locale.language_code)
    if content is None:
        content = next(iter(by_language.values()))
    name, keywords = content["name"], "\n".join(content.get("keywords", []))
    existing = records.by_slug.get((slug, locale.pk))
    if existing is None and canonical is not None:
        existing = records.by_key.get((canonical.translation_key, locale.pk))
    if existing is None:
        extra = {"translation_key": canonical.translation_key} if canonical is not None else {}
        return records.add(
            records.model.objects.create(
                slug=slug, locale_id=locale.pk, name=name, keywords=keywords, **extra
            )
        )
    if refresh and (existing.name, existing.keywords, existing.slug) != (name, keywords, slug):
        existing.name, existing.keywords, existing.slug = name, keywords, slug
        existing.save()
    return existing


# --- what search makes of them --------------------------------------------------------------

_matchers = {}


# The rows of the version last read, and the names ``concept_names`` made of them: a page of
# twenty cards asks for them twenty times, and the shared cache holds only a short version
# string besides the rows, so a process reads the rows once per version.
_rows = {}
_names = {}


def vocabulary_rows():
    """``(version, rows)``: ``(kind, slug, language, name, keywords)`` of every concept in every
    language, kept in the shared cache."""
    version = cache.get(VERSION_KEY)
    if version is not None and version in _rows:
        return version, _rows[version]
    cached = cache.get(CACHE_KEY)
    if cached is None:
        rows = []
        for kind in KINDS:
            rows.extend(
                (kind, *row)
                for row in _model(None, kind)
                .objects.order_by("slug", "locale__language_code")
                .values_list("slug", "locale__language_code", "name", "keywords")
            )
        rows = tuple(rows)
        # A digest, not hash(): the version is compared across processes.
        cached = (hashlib.sha256(repr(rows).encode()).hexdigest()[:16], rows)
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    if version != cached[0]:
        cache.set(VERSION_KEY, cached[0], CACHE_SECONDS)
    _rows.clear()
    _rows[cached[0]] = cached[1]
    return cached


def forget_vocabularies():
    cache.delete_many([CACHE_KEY, VERSION_KEY])


def concept_term(kind, slug):
    """The index term of a concept: ``~youth`` (field of activity), ``~~youth`` (target
    group)."""
    return KINDS[kind][1] + slug


def vocabulary():
    """The matcher over every name and keyword, rebuilt when the vocabularies change."""
    version, rows = vocabulary_rows()
    matcher = _matchers.get(version)
    if matcher is None:
        entries = []
        for kind, slug, _language, name, keywords in rows:
            term = concept_term(kind, slug)
            entries.append((term, name))
            entries.extend((term, line) for line in keywords.splitlines() if line.strip())
        matcher = Vocabulary(entries)
        _matchers.clear()
        _matchers[version] = matcher
    return matcher


def concept_names(kind, language):
    """``{slug: name}`` of one vocabulary in ``language``, falling back to the closest language
    available."""
    version, rows = vocabulary_rows()
    key = (version, kind, language)
    names = _names.get(key)
    if names is None:
        if _names and next(iter(_names))[0] != version:
            _names.clear()
        names = _names[key] = _concept_names(rows, kind, language)
    return names


def _concept_names(rows, kind, language):
    from .indexing import language_preference

    by_slug = {}
    for row_kind, slug, row_language, name, _keywords in rows:
        if row_kind == kind:
            by_slug.setdefault(slug, {})[row_language] = name
    preference = language_preference(language)
    return {
        slug: next(
            (translations[code] for code in preference if code in translations),
            next(iter(translations.values())),
        )
        for slug, translations in by_slug.items()
    }


def activity_field_names(language):
    return concept_names("activity_fields", language)


def target_group_names(language):
    return concept_names("target_groups", language)
