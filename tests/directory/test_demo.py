import pytest
from wagtail.models import Revision

from directory import demo
from directory.demo_taxonomy import ACTIVITY_FIELDS
from directory.models import ActivityField, Organisation, OrganisationPage, SearchTerm

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "organisations": sorted(Organisation.objects.values_list("registered_name", "town")),
        "pages": sorted(OrganisationPage.objects.values_list("locale__language_code", "slug")),
        "fields": ActivityField.objects.count(),
        "revisions": Revision.objects.count(),
        "terms": SearchTerm.objects.count(),
    }


def test_demo_is_idempotent(site_tree):
    demo.seed()
    first = snapshot()

    demo.seed()

    assert snapshot() == first


def test_demo_has_organisations_in_both_languages_across_the_country(site_tree):
    demo.seed()

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


def test_taxonomy_exists_in_every_language_with_shared_translation_keys(site_tree):
    demo.seed()

    for slug in ACTIVITY_FIELDS:
        fields = ActivityField.objects.filter(slug=slug)
        assert sorted(fields.values_list("locale__language_code", flat=True)) == ["en", "et", "ru"]
        assert fields.values("translation_key").distinct().count() == 1


def test_demo_directory_answers_the_issues_example(client, site_tree):
    demo.seed()

    html = client.get("/ru/organisations/", {"q": "молодёжь Тарту"}).content.decode()

    assert "Tartu Noorte Omaalgatus" in html
