import pytest
from wagtail.models import Revision

from directory import demo
from directory.models import ActivityField, Organisation, OrganisationPage, SearchTerm, TargetGroup
from directory.vocabularies import read_vocabularies
from home import demo as home_demo
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo directory, seeded once for the module (it takes seconds)."""

    def seed():
        home_demo.seed()
        return demo.seed()

    yield from kept_for_module(django_db_blocker, seed)


def snapshot():
    return {
        "organisations": sorted(Organisation.objects.values_list("registered_name", "town")),
        "pages": sorted(OrganisationPage.objects.values_list("locale__language_code", "slug")),
        "fields": ActivityField.objects.count(),
        "revisions": Revision.objects.count(),
        "terms": SearchTerm.objects.count(),
    }


def test_demo_is_idempotent(seeded):
    first = snapshot()

    demo.seed()

    assert snapshot() == first


def test_demo_has_organisations_in_both_languages_across_the_country(seeded):
    organisations = Organisation.objects.filter(is_listed=True)
    assert organisations.count() >= 40
    russian = organisations.filter(works_in_russian=True).count()
    estonian = organisations.filter(works_in_estonian=True).count()
    both = organisations.filter(works_in_russian=True, works_in_estonian=True).count()
    assert russian >= 15 and estonian >= 15 and both >= 5
    assert organisations.values("county").distinct().count() >= 10
    single = [
        organisation
        for organisation in organisations
        if OrganisationPage.objects.filter(organisation=organisation).count() == 1
    ]
    assert len(single) >= 10
    for organisation in organisations:
        assert organisation.full_clean() is None


def test_vocabularies_exist_in_every_language_with_shared_translation_keys(seeded):
    data = read_vocabularies()
    for kind, model in [("activity_fields", ActivityField), ("target_groups", TargetGroup)]:
        for slug in data[kind]:
            concepts = model.objects.filter(slug=slug)
            languages = sorted(concepts.values_list("locale__language_code", flat=True))
            assert languages == ["en", "et", "ru"]
            assert concepts.values("translation_key").distinct().count() == 1


def test_every_demo_organisation_points_to_canonical_concepts_and_most_have_target_groups(seeded):
    organisations = Organisation.objects.filter(is_listed=True)
    for relation in ("activity_fields", "target_groups"):
        languages = set(organisations.values_list(f"{relation}__locale__language_code", flat=True))
        assert languages <= {"ru", None}
    assert organisations.exclude(target_group_slugs=" ").count() >= 35


def test_demo_directory_answers_the_issues_example(client, seeded):
    html = client.get("/ru/organisations/", {"q": "молодёжь Тарту"}).content.decode()

    assert "Tartu Noorte Omaalgatus" in html
