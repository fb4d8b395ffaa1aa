"""Members edit their own profile, per language version, with revisions and moderation."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.models import Organisation, OrganisationPage

from .conftest import moderate

pytestmark = pytest.mark.django_db


def version(**changes):
    data = {
        "title": "Narva Noored",
        "short_name": "NN",
        "introduction": "Noorte keskus Narvas.",
        "description": "Uus kirjeldus: töötame noortega kahes keeles.",
        "target_groups": "noored",
        "partner_wanted": "",
    }
    data.update(changes)
    return data


def png(width=64, height=64, name="logo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def facts(organisation, **changes):
    data = {
        "registered_name": organisation.registered_name,
        "founding_year": "",
        "county": "ida-viru",
        "town": "Narva",
        "works_in_estonian": "on",
        "works_in_russian": "on",
        "other_languages": "",
        "email": "info@narva.example",
        "phone": "",
        "website": "",
        "social_links": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def a(two_organisations, sign_in):
    sign_in(two_organisations["a"]["editor"])
    return two_organisations["a"]


def test_an_edit_is_a_revision_published_at_once(client, a):
    page = a["pages"]["et"]
    revisions = page.revisions.count()

    response = client.post(f"/et/my/organisations/{a['organisation'].pk}/profile/et/", version())

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert page.live and not page.has_unpublished_changes
    assert "Uus kirjeldus" in client.get(page.url).content.decode()


def test_a_member_adds_a_russian_version(client, a):
    response = client.post(
        f"/ru/my/organisations/{a['organisation'].pk}/profile/ru/",
        version(title="Нарвская молодёжь", description="Работаем с молодёжью на двух языках."),
    )

    assert response.status_code == 302
    russian = OrganisationPage.objects.get(
        organisation=a["organisation"], locale__language_code="ru"
    )
    assert russian.live
    assert russian.slug == a["pages"]["et"].slug
    assert russian.translation_key == a["pages"]["et"].translation_key
    assert client.get(russian.url).status_code == 200


def test_a_flagged_organisation_waits_for_the_editors(client, a, editor):
    Organisation.objects.filter(pk=a["organisation"].pk).update(review_member_edits=True)
    page = a["pages"]["et"]

    client.post(f"/et/my/organisations/{a['organisation'].pk}/profile/et/", version())

    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert "Uus kirjeldus" not in client.get(page.url).content.decode()
    assert page.current_workflow_state is not None
    moderate(client, editor, page, "approve")
    assert "Uus kirjeldus" in client.get(page.url).content.decode()


def test_a_member_cannot_touch_another_organisations_profile(client, two_organisations, a):
    b = two_organisations["b"]
    page = b["pages"]["et"]
    revisions = page.revisions.count()

    for language in ("et", "ru"):
        url = f"/et/my/organisations/{b['organisation'].pk}/profile/{language}/"
        assert client.get(url).status_code == 404
        assert client.post(url, version()).status_code == 404
    assert (
        client.post(
            f"/et/my/organisations/{b['organisation'].pk}/facts/", facts(b["organisation"])
        ).status_code
        == 404
    )

    assert page.revisions.count() == revisions
    assert OrganisationPage.objects.filter(organisation=b["organisation"]).count() == 1
    assert Organisation.objects.get(pk=b["organisation"].pk).town == "Tallinn"


def test_an_unknown_language_is_not_found(client, a):
    assert client.get(f"/et/my/organisations/{a['organisation'].pk}/profile/fi/").status_code == 404


def test_member_text_is_shown_escaped(client, a):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(
        f"/et/my/organisations/{a['organisation'].pk}/profile/et/",
        version(description=f"Tekst {payload}", introduction=payload),
    )

    html = client.get(a["pages"]["et"].url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_bad_input_keeps_the_text_and_saves_no_revision(client, a):
    page = a["pages"]["et"]
    revisions = page.revisions.count()

    response = client.post(
        f"/et/my/organisations/{a['organisation'].pk}/profile/et/",
        version(title="", description="Pool teksti " + "x" * 5001),
    )

    assert response.status_code == 400
    form = BeautifulSoup(response.content, "html.parser")
    assert form.select_one("#id_title").get("aria-invalid") == "true"
    assert form.select_one("#id_introduction").get_text().strip() == "Noorte keskus Narvas."
    assert page.revisions.count() == revisions


def test_facts_and_a_logo(client, a):
    organisation = a["organisation"]

    response = client.post(
        f"/et/my/organisations/{organisation.pk}/facts/",
        {
            **facts(organisation, registered_name="MTÜ Keegi Teine", registry_code="80000001"),
            "logo_upload": png(name="../../etc/passwd.php.png"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    organisation.refresh_from_db()
    assert organisation.town == "Narva"
    # The register's facts are not the members' to change.
    assert organisation.registered_name == "MTÜ Narva Noored"
    assert organisation.registry_code != "80000001"
    assert organisation.logo is not None
    assert organisation.logo.file.name.startswith(f"original_images/logo-{organisation.pk}-")
    assert "passwd" not in organisation.logo.file.name
    assert (organisation.logo.width, organisation.logo.height) == (64, 64)


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (
            SimpleUploadedFile("logo.png", b"<?php echo 1; ?>", content_type="image/png"),
            "ei ole pilt",  # the page is Estonian: "not an image"
        ),
        (png(2500, 2000), "miljonit pikslit"),
        (
            SimpleUploadedFile(
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                content_type="image/svg+xml",
            ),
            "ei ole pilt",
        ),
    ],
)
def test_a_failed_logo_keeps_the_other_edits_and_saves_nothing(client, a, upload, error):
    organisation = a["organisation"]

    response = client.post(
        f"/et/my/organisations/{organisation.pk}/facts/",
        {**facts(organisation, town="Narva-Jõesuu"), "logo_upload": upload},
    )

    assert response.status_code == 400
    assert error in response.content.decode()
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_town")["value"] == "Narva-Jõesuu"
    organisation.refresh_from_db()
    assert organisation.town == "Tallinn"
    assert organisation.logo is None


def test_a_logo_over_the_size_limit_is_refused(client, a, settings):
    settings.MEMBER_LOGO_MAX_BYTES = 100
    organisation = a["organisation"]

    response = client.post(
        f"/et/my/organisations/{organisation.pk}/facts/",
        {**facts(organisation), "logo_upload": png()},
    )

    assert response.status_code == 400
    assert "Fail on liiga suur" in response.content.decode()  # "The file is too large"


def test_flagged_organisations_facts_are_not_changed_by_members(client, a):
    organisation = a["organisation"]
    Organisation.objects.filter(pk=organisation.pk).update(review_member_edits=True)

    response = client.post(f"/et/my/organisations/{organisation.pk}/facts/", facts(organisation))

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.town == "Tallinn"


def test_a_founder_changes_a_rejected_version_and_sends_it_again(client, directories, editor):
    from directory.factories import UserFactory

    from .test_founding import CODE, new_organisation

    founder = UserFactory()
    client.force_login(founder)
    client.post("/et/my/organisations/new/", new_organisation())
    page = OrganisationPage.objects.get(organisation__registry_code=CODE)
    moderate(client, editor, page, "reject", comment="Lisa kirjeldus.")
    assert page.current_workflow_state.status == "needs_changes"

    client.force_login(founder)
    response = client.post(
        f"/et/my/organisations/{page.organisation_id}/profile/et/",
        version(title="Sillamäe Sõbrad", description="Pikem kirjeldus."),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert page.get_latest_revision_as_object().description == "Pikem kirjeldus."
