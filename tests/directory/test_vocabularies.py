"""The shared vocabularies through what people see: target groups as a facet with counts, on
profiles and in the CSV import; editors' changes reaching search; a search that finds nothing
suggests the closest place or word and offers to drop a filter."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command

from directory.factories import registry_code
from directory.models import ActivityField, Organisation, TargetGroup

pytestmark = pytest.mark.django_db


def page(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [link.get_text(strip=True) for link in soup.select(".directory-card h2 a")]


def facet_labels(soup, name):
    return [
        label.get_text(" ", strip=True)
        for label in soup.select(f"input[name={name}] + label")
        if label.get("for") != f"{name}-any"
    ]


@pytest.fixture
def women_and_refugees(make_organisation):
    make_organisation(
        {"et": {"title": "Tartu Naisteühendus", "description": "Mentorprogrammid."}},
        town="Tartu",
        county="tartu",
        groups=["women"],
    )
    make_organisation(
        {"ru": {"title": "Центр «Мост»", "description": "Консультации и курсы."}},
        town="Tallinn",
        county="harju",
        works_in_russian=True,
        groups=["refugees", "women"],
    )


def test_target_groups_are_a_facet_with_counts_in_the_readers_language(client, women_and_refugees):
    soup = page(client, "/ru/organisations/")
    assert "Женщины (2)" in facet_labels(soup, "group")
    assert "Беженцы и новые иммигранты (1)" in facet_labels(soup, "group")

    estonian = page(client, "/et/organisations/", group="refugees")
    assert titles(estonian) == ["Центр «Мост»"]
    # Counted with the other facets applied: Tartu has one women's organisation, no refugees'.
    tartu = page(client, "/et/organisations/", county="tartu")
    assert facet_labels(tartu, "group") == ["Naised (1)"]


def test_an_unknown_target_group_is_ignored(client, women_and_refugees):
    assert len(titles(page(client, "/en/organisations/", group="aliens"))) == 2


def test_the_profile_names_its_target_groups_in_the_readers_language(client, make_organisation):
    _organisation, pages = make_organisation(
        {
            "et": {"title": "Rapla Tugikeskus", "description": "Tugi."},
            "en": {"title": "Rapla Support Centre", "description": "Support."},
        },
        groups=["women", "victims-of-violence"],
    )
    estonian = client.get(pages["et"].url).content.decode()
    english = client.get(pages["en"].url).content.decode()

    assert "Vägivalla ohvrid, Naised" in estonian
    assert "Victims of violence, Women" in english


def test_a_concept_named_only_in_another_language_finds_the_profile(client, women_and_refugees):
    assert set(titles(page(client, "/ru/organisations/", q="женщины"))) == {
        "Tartu Naisteühendus",
        "Центр «Мост»",
    }
    assert titles(page(client, "/et/organisations/", q="põgenikud")) == ["Центр «Мост»"]


HEADER = "registry_code,registered_name,county,languages,target_groups,name_et,description_et\n"


def import_csv(tmp_path, text):
    path = tmp_path / "organisations.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_import_sets_target_groups_by_slug_and_reports_unknown_ones(tmp_path, directories):
    good, bad = registry_code(71), registry_code(72)
    _out, err = import_csv(
        tmp_path,
        HEADER
        + f'{good},MTÜ Eakad,parnu,et,"older-people; volunteers",Pärnu Eakad,Eakate selts.\n'
        + f"{bad},MTÜ Tundmatu,parnu,et,martians,Tundmatu,Selts.\n",
    )

    organisation = Organisation.objects.get(registry_code=good)
    assert sorted(organisation.target_groups.values_list("slug", flat=True)) == [
        "older-people",
        "volunteers",
    ]
    assert organisation.target_group_slugs == " older-people volunteers "
    assert "line 3: target_groups: unknown target group martians" in err
    assert not Organisation.objects.filter(registry_code=bad).exists()


def test_every_organisation_points_to_the_canonical_concepts(tmp_path, directories):
    code = registry_code(73)
    import_csv(tmp_path, HEADER + f"{code},MTÜ Lapsed,tartu,et,children,Tartu Lapsed,Huviringid.\n")

    group = Organisation.objects.get(registry_code=code).target_groups.get()
    assert group == TargetGroup.objects.canonical().get(slug="children")
    assert group.locale.language_code == "ru"


def test_a_keyword_an_editor_adds_finds_profiles_in_every_language(
    client, make_organisation, django_capture_on_commit_callbacks
):
    make_organisation({"et": {"title": "Kiviõli Malevlased", "description": "Suvine malev."}})
    assert titles(page(client, "/ru/organisations/", q="стройотряд")) == []

    editor = get_user_model().objects.get(username="admin")
    client.force_login(editor)
    youth_ru = ActivityField.objects.canonical().get(slug="youth")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/snippets/directory/activityfield/edit/{youth_ru.pk}/",
            {"name": youth_ru.name, "slug": "youth", "keywords": "стройотряд"},
        )
    assert response.status_code == 302
    estonian = ActivityField.objects.get(slug="youth", locale__language_code="et")
    with django_capture_on_commit_callbacks(execute=True):
        estonian.keywords += "\nmalev"
        estonian.save()

    assert titles(page(client, "/ru/organisations/", q="стройотряд")) == ["Kiviõli Malevlased"]


def test_the_target_group_admin_lists_and_creates(client, directories):
    client.force_login(get_user_model().objects.get(username="admin"))
    for model, name in [("targetgroup", "Женщины"), ("activityfield", "Культура")]:
        listing = client.get(f"/admin/snippets/directory/{model}/", {"q": name})
        assert listing.status_code == 200
        assert name in listing.content.decode()

    response = client.post(
        "/admin/snippets/directory/targetgroup/add/",
        {"name": "Фермеры", "slug": "farmers", "keywords": "фермеры\nсельское хозяйство"},
    )
    assert response.status_code == 302
    assert TargetGroup.objects.canonical().filter(slug="farmers").exists()


# --- nothing found ---------------------------------------------------------------------------


@pytest.fixture
def places(make_organisation):
    make_organisation(
        {"et": {"title": "Tartu Noorte Omaalgatus", "description": "Noorte projektid."}},
        town="Tartu",
        county="tartu",
        fields=["youth"],
    )
    make_organisation(
        {"ru": {"title": "Общество инвалидов", "description": "Взаимопомощь."}},
        town="Kohtla-Järve",
        county="ida-viru",
        works_in_russian=True,
    )


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [("Tatru", "Tartu"), ("Kohtlajarve", "Kohtla-Järve"), ("noored Tatrus", "noored Tartu")],
)
def test_a_mistyped_place_gets_the_closest_one_suggested(client, places, query, suggestion):
    soup = page(client, "/et/organisations/", q=query)

    assert titles(soup) == []
    links = {link.get_text(strip=True): link["href"] for link in soup.select(".suggestions a")}
    assert suggestion in links
    assert titles(page(client, "/et/organisations/" + links[suggestion]))


def test_a_mistyped_vocabulary_word_gets_the_word_suggested(client, places):
    soup = page(client, "/ru/organisations/", q="маладёжь")

    assert "молодёжь" in [link.get_text(strip=True) for link in soup.select(".suggestions a")]


def test_nothing_found_offers_to_drop_a_filter_with_what_it_would_find(client, places):
    soup = page(client, "/en/organisations/", q="noored", county="ida-viru")

    assert titles(soup) == []
    offers = soup.select(".relaxations a")
    assert [offer.get_text(" ", strip=True) for offer in offers] == [
        "Without “Ida-Viru County”: 1 organisation"
    ]
    assert titles(page(client, "/en/organisations/" + offers[0]["href"])) == [
        "Tartu Noorte Omaalgatus"
    ]


def test_an_empty_result_with_symbols_only_is_calm(client, places):
    soup = page(client, "/ru/organisations/", q="!!! ???")
    assert titles(soup) == []
    assert not soup.select(".suggestions a")
