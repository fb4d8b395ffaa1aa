"""The directory's search index: what an organisation is found by, kept next to its facts.

For every organisation one set of ``SearchTerm`` rows is built from the organisation's facts
and from the texts of all its live language versions, through ``portal.search_text``: so a
search in any language finds the organisation once, whichever versions it has. The
denormalised columns of ``Organisation`` (``field_slugs``, ``is_listed``, ``sort_name_*``)
are refreshed at the same time.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.navigation import page_tree_changed
from portal.search_text import document_terms, fold, key

from .models import Organisation, OrganisationPage, SearchTerm
from .taxonomy import COUNTY_SEARCH_NAMES

WEIGHT_NAME = 8
WEIGHT_PLACE = 6
WEIGHT_FIELD = 5
WEIGHT_COUNTY = 3
WEIGHT_TARGET = 2
WEIGHT_TEXT = 1

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def language_preference(language):
    """The order in which a reader of ``language`` is shown an organisation's versions: their
    own language, then English (the shared second language of the network), then the others in
    the portal's order."""
    order = [language] if language in LANGUAGE_CODES else []
    if "en" in LANGUAGE_CODES and "en" not in order:
        order.append("en")
    order.extend(code for code in LANGUAGE_CODES if code not in order)
    return order


def closest_version(versions_by_language, language):
    for code in language_preference(language):
        if code in versions_by_language:
            return versions_by_language[code]
    return next(iter(versions_by_language.values()), None)


def field_slugs_column(slugs):
    return " " + " ".join(sorted(set(slugs))) + " " if slugs else " "


def organisation_terms(organisation, versions, slugs, group_slugs=(), vocabulary=None):
    """``{term: weight}`` for one organisation and its live versions. The concepts of the
    shared vocabularies that a text names count with that text's weight, as its words do: a
    Russian name saying "молодёжный центр" ranks for "noored" like "Noortekeskus" does."""
    from .vocabularies import concept_term

    terms = {}

    def add(text, weight):
        if not text:
            return
        found = document_terms(text)
        if vocabulary is not None:
            found |= vocabulary.concepts(text)
        for term in found:
            if terms.get(term, 0) < weight:
                terms[term] = weight

    add(organisation.registered_name, WEIGHT_NAME)
    add(organisation.town, WEIGHT_PLACE)
    add(COUNTY_SEARCH_NAMES.get(organisation.county, ""), WEIGHT_COUNTY)
    add(organisation.other_languages, WEIGHT_TEXT)
    if organisation.registry_code:
        terms[key(organisation.registry_code)] = WEIGHT_NAME
    for version in versions:
        add(version.title, WEIGHT_NAME)
        add(version.short_name, WEIGHT_NAME)
        add(version.target_groups, WEIGHT_TARGET)
        add(version.introduction, WEIGHT_TEXT)
        add(version.description, WEIGHT_TEXT)
        add(version.partner_wanted, WEIGHT_TEXT)
        for block in version.joint_projects:
            value = block.value
            add(value.get("title"), WEIGHT_TEXT)
            add(value.get("partners"), WEIGHT_TEXT)
            add(value.get("description"), WEIGHT_TEXT)
    for term in [concept_term("activity_fields", slug) for slug in slugs] + [
        concept_term("target_groups", slug) for slug in group_slugs
    ]:
        terms[term] = max(terms.get(term, 0), WEIGHT_FIELD)
    return terms


def derived_columns(organisation, versions, slugs, group_slugs=()):
    by_language = {version.locale.language_code: version for version in versions}
    columns = {
        "field_slugs": field_slugs_column(slugs),
        "target_group_slugs": field_slugs_column(group_slugs),
        "is_listed": bool(versions),
    }
    for code in ("ru", "et", "en"):
        version = closest_version(by_language, code)
        name = version.title if version else organisation.registered_name
        columns[f"sort_name_{code}"] = fold(name)[:200]
    return columns


def live_versions(organisation_ids):
    versions = {}
    queryset = (
        OrganisationPage.objects.live()
        .public()
        .filter(organisation_id__in=organisation_ids)
        .select_related("locale")
    )
    for version in queryset:
        versions.setdefault(version.organisation_id, []).append(version)
    return versions


def slugs_by_organisation(organisation_ids, relation="activity_fields"):
    through = getattr(Organisation, relation).through
    concept = getattr(Organisation, relation).field.related_model._meta.model_name
    slugs = {}
    for organisation_id, slug in through.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("organisation_id", f"{concept}__slug"):
        slugs.setdefault(organisation_id, set()).add(slug)
    return slugs


@transaction.atomic
def refresh(organisations, batch_size=2000):
    """Rebuild the search terms and derived columns of ``organisations`` (instances or ids)."""
    ids = [getattr(item, "pk", item) for item in organisations]
    if not ids:
        return
    from .vocabularies import vocabulary

    versions = live_versions(ids)
    slugs = slugs_by_organisation(ids)
    group_slugs = slugs_by_organisation(ids, "target_groups")
    matcher = vocabulary()
    SearchTerm.objects.filter(organisation_id__in=ids).delete()
    rows = []
    updates = []
    for organisation in Organisation.objects.filter(pk__in=ids):
        own_versions = versions.get(organisation.pk, [])
        own_slugs = slugs.get(organisation.pk, set())
        own_groups = group_slugs.get(organisation.pk, set())
        for name, value in derived_columns(
            organisation, own_versions, own_slugs, own_groups
        ).items():
            setattr(organisation, name, value)
        updates.append(organisation)
        if own_versions:
            terms = organisation_terms(organisation, own_versions, own_slugs, own_groups, matcher)
            rows.extend(
                SearchTerm(organisation_id=organisation.pk, term=term, weight=weight)
                for term, weight in terms.items()
            )
        if len(rows) >= batch_size:
            SearchTerm.objects.bulk_create(rows, batch_size=batch_size)
            rows = []
    SearchTerm.objects.bulk_create(rows, batch_size=batch_size)
    now = timezone.now()
    for organisation in updates:
        organisation.indexed_at = now
    Organisation.objects.bulk_update(
        updates,
        [
            "field_slugs",
            "target_group_slugs",
            "is_listed",
            "sort_name_ru",
            "sort_name_et",
            "sort_name_en",
            "indexed_at",
        ],
        batch_size=500,
    )
    # What the directory lists (bulk updates send no signals): cached pages are stale.
    page_tree_changed()


def refresh_all(chunk=500):
    ids = list(Organisation.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        refresh(ids[start : start + chunk])
