import io

import pytest
from django.core.management import CommandError, call_command

from directory.factories import registry_code
from directory.models import Organisation, OrganisationPage

pytestmark = pytest.mark.django_db

HEADER = (
    "registry_code,registered_name,legal_form,founding_year,county,town,fields,languages,"
    "email,publish_email,looking_for_partners,name_et,description_et,name_ru,description_ru,"
    "partner_wanted_ru\n"
)


def row(code, name="MTÜ Narva Noored", **overrides):
    values = {
        "registry_code": code,
        "registered_name": name,
        "legal_form": "non-profit",
        "founding_year": "2005",
        "county": "ida-viru",
        "town": "Narva",
        "fields": "youth; education",
        "languages": "ru et",
        "email": "info@narva.example",
        "publish_email": "no",
        "looking_for_partners": "yes",
        "name_et": "Narva Noored",
        "description_et": "Noorteühing Narvas.",
        "name_ru": "Молодёжь Нарвы",
        "description_ru": "Молодёжное объединение Нарвы.",
        "partner_wanted_ru": "Ищем партнёров в Тарту.",
        **overrides,
    }
    return ",".join(f'"{value}"' for value in values.values()) + "\n"


def run(tmp_path, text, encoding="utf-8", name="organisations.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_organisations_with_their_language_versions(tmp_path, directories, client):
    out, err = run(tmp_path, HEADER + row(registry_code(11)))

    assert err == ""
    assert "Created 1" in out
    organisation = Organisation.objects.get(registry_code=registry_code(11))
    assert organisation.slugs == ["education", "youth"]
    assert organisation.looking_for_partners
    pages = OrganisationPage.objects.filter(organisation=organisation)
    assert sorted(pages.values_list("locale__language_code", flat=True)) == ["et", "ru"]
    assert len(set(pages.values_list("translation_key", flat=True))) == 1
    assert client.get("/et/organisations/narva-noored/").status_code == 200
    assert "Молодёжь Нарвы" in client.get("/ru/organisations/", {"q": "Narva"}).content.decode()


def test_running_the_import_again_updates_and_never_duplicates(tmp_path, directories):
    run(tmp_path, HEADER + row(registry_code(11)))

    out, _err = run(tmp_path, HEADER + row(registry_code(11), town="Narva-Jõesuu"))
    again, _err = run(tmp_path, HEADER + row(registry_code(11), town="Narva-Jõesuu"))

    assert "updated 1" in out
    assert "unchanged 1" in again
    assert Organisation.objects.filter(registry_code=registry_code(11)).count() == 1
    assert Organisation.objects.get(registry_code=registry_code(11)).town == "Narva-Jõesuu"
    assert OrganisationPage.objects.filter(slug="narva-noored").count() == 2


def test_bad_rows_are_reported_with_line_numbers_and_skipped(tmp_path, directories):
    text = (
        HEADER
        + row(registry_code(21), name="MTÜ Hea Üks", name_et="Hea Üks", name_ru="Хороший один")
        + row("12345", name="MTÜ Vale Kood", name_et="Vale Kood", name_ru="Неверный код")
        + row(registry_code(22), name="MTÜ Vale Maakond", county="Atlantis", name_et="Vale")
        + row(registry_code(23), name="MTÜ Vale Post", email="info@", name_et="Vale Post")
        + row(registry_code(24), name="MTÜ Vale Valdkond", fields="alchemy", name_et="Vale V")
        + row(registry_code(25), name="MTÜ Pikk", description_et="x" * 6000, name_et="Pikk")
        + row(registry_code(26), name="MTÜ Hea Kaks", name_et="Hea Kaks", name_ru="Хороший два")
    )

    out, err = run(tmp_path, text)

    assert "Created 2" in out
    assert "skipped 5" in out
    lines = err.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "line 3",
        "line 4",
        "line 5",
        "line 6",
        "line 7",
    ]
    assert "registry_code" in lines[0]
    assert "county" in lines[1]
    assert "email" in lines[2]
    assert "alchemy" in lines[3]
    assert "description_et" in lines[4]
    assert set(Organisation.objects.values_list("registered_name", flat=True)) >= {
        "MTÜ Hea Üks",
        "MTÜ Hea Kaks",
    }
    assert not Organisation.objects.filter(registered_name__startswith="MTÜ Vale").exists()
    assert not Organisation.objects.filter(registered_name="MTÜ Pikk").exists()


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path, directories):
    out, err = run(tmp_path, HEADER + row(registry_code(31)), encoding="utf-8-sig")

    assert err == ""
    assert "Created 1" in out


def test_semicolon_separated_files_are_read(tmp_path, directories):
    text = (HEADER + row(registry_code(32))).replace('","', '";"').replace(",", ";")

    out, err = run(tmp_path, text)

    assert err == ""
    assert "Created 1" in out


def test_a_row_with_only_one_language_makes_only_that_version(tmp_path, directories):
    run(tmp_path, HEADER + row(registry_code(33), name_ru="", description_ru=""))

    pages = OrganisationPage.objects.filter(organisation__registry_code=registry_code(33))
    assert list(pages.values_list("locale__language_code", flat=True)) == ["et"]


def test_missing_columns_stop_the_import(tmp_path, directories):
    with pytest.raises(CommandError, match="registry_code"):
        run(tmp_path, "name,town\nNarva Noored,Narva\n")


def test_a_missing_file_is_an_error(directories):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_organisations", "/nonexistent/organisations.csv")


def run_unpublished(tmp_path, text):
    path = tmp_path / "unpublished.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), "--unpublished", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _visible_anywhere(client, word, slug):
    """Where a visitor could come across the profile ``slug`` (or the ``word`` of its text)."""
    return {
        "page": client.get(f"/et/organisations/{slug}/").status_code != 404,
        "sitemap": slug in client.get("/sitemap.xml").content.decode(),
        "api": client.get("/api/v2/pages/", {"slug": slug}).json()["meta"]["total_count"] > 0,
        "api search": client.get("/api/v2/pages/", {"search": word}).json()["meta"]["total_count"]
        > 0,
        "directory": slug in client.get("/et/organisations/", {"q": word}).content.decode(),
        "directory count": client.get("/et/organisations/", {"q": word}).context["directory"].total
        > 0,
        "site search": slug in client.get("/et/search/", {"q": word}).content.decode(),
        "home": slug in client.get("/et/").content.decode(),
    }


def test_unpublished_import_shows_the_profiles_nowhere_until_an_editor_publishes(
    tmp_path, directories, client
):
    text = HEADER + row(registry_code(41), name_et="Peidetud Ühing", description_et="Salajane.")

    run_unpublished(tmp_path, text)
    # A second run that changes the facts re-indexes the organisation: still hidden.
    run_unpublished(tmp_path, text.replace("Narva", "Sillamäe"))

    assert not any(_visible_anywhere(client, "Peidetud", "peidetud-uhing").values())
    page = OrganisationPage.objects.get(slug="peidetud-uhing", locale__language_code="et")
    assert not page.live
    assert page.get_latest_revision() is not None

    page.get_latest_revision().publish()

    assert all(_visible_anywhere(client, "Peidetud", "peidetud-uhing").values())
