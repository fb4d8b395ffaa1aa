"""Demo content of the directory: the shared vocabularies (``vocabularies.toml``), the
directory page in three languages and a few dozen organisations, some with one language
version, some with several.

Idempotent like ``home.demo``: a second run finds what the first created and changes nothing.
"""

from django.db import transaction

from home.demo import _apply, _publish, ensure_home_pages, ensure_translated_page

from .demo_organisations import ORGANISATIONS, TARGET_GROUPS
from .factories import registry_code
from .models import DirectoryIndexPage, Organisation, OrganisationPage
from .vocabularies import ensure_vocabularies

DIRECTORY_CONTENT = {
    "ru": {
        "title": "Организации",
        "introduction": (
            "Каталог некоммерческих организаций Эстонии. Ищите на любом языке: поиск находит "
            "и эстоноязычные, и русскоязычные профили."
        ),
    },
    "et": {
        "title": "Organisatsioonid",
        "introduction": (
            "Eesti vabaühenduste kataloog. Otsi mis tahes keeles: otsing leiab nii eesti- kui "
            "venekeelsed profiilid."
        ),
    },
    "en": {
        "title": "Organisations",
        "introduction": (
            "The directory of Estonia's non-profits. Search in any language: it finds "
            "Estonian- and Russian-language profiles alike."
        ),
    },
}


def ensure_directory(homes):
    return ensure_translated_page(
        DirectoryIndexPage, homes, "organisations", DIRECTORY_CONTENT, show_in_menus=True
    )


def _organisation_facts(data):
    languages = data["languages"].split()
    prefix = "9" if data.get("form") == "foundation" else "8"
    facts = {
        "registered_name": data["name"],
        "registry_code": registry_code(data["code"], prefix) if data["code"] else None,
        "legal_form": data.get("form", "non-profit"),
        "founding_year": data["year"],
        "county": data["county"],
        "town": data["town"],
        "works_in_russian": "ru" in languages,
        "works_in_estonian": "et" in languages,
        "works_in_english": "en" in languages,
        "other_languages": data.get("other", ""),
        "looking_for_partners": data["partners"],
        "email": f"info@{data['slug']}.example",
        "publish_email": data["code"] is not None and data["code"] % 3 == 0,
        "website": f"https://{data['slug']}.example",
    }
    return facts


def ensure_organisation(data, directories, vocabularies):
    facts = _organisation_facts(data)
    if facts["registry_code"]:
        organisation = Organisation.objects.filter(registry_code=facts["registry_code"]).first()
    else:
        organisation = Organisation.objects.filter(
            registered_name=facts["registered_name"], registry_code__isnull=True
        ).first()
    if organisation is None:
        organisation = Organisation(**facts)
        organisation.save()
    elif any(getattr(organisation, name) != value for name, value in facts.items()):
        for name, value in facts.items():
            setattr(organisation, name, value)
        organisation.save()
    for relation, kind, slugs in [
        ("activity_fields", "activity_fields", data["fields"]),
        ("target_groups", "target_groups", TARGET_GROUPS.get(data["slug"], [])),
    ]:
        wanted = {vocabularies[kind][slug].pk for slug in slugs}
        manager = getattr(organisation, relation)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)

    pages = {}
    for language, content in data["versions"].items():
        parent = directories[language]
        page = OrganisationPage.objects.child_of(parent).filter(slug=data["slug"]).first()
        if page is None:
            page = OrganisationPage(organisation=organisation, slug=data["slug"], **content)
            parent.add_child(instance=page)
            page.save_revision().publish()
        else:
            _publish(page, _apply(page, {"organisation": organisation, **content}))
        pages[language] = page
    return organisation, pages


@transaction.atomic
def seed():
    homes = ensure_home_pages()
    vocabularies = ensure_vocabularies()
    directories = ensure_directory(homes)
    organisations = [ensure_organisation(data, directories, vocabularies) for data in ORGANISATIONS]
    return {
        "vocabularies": vocabularies,
        "fields": vocabularies["activity_fields"],
        "directories": directories,
        "organisations": organisations,
    }
