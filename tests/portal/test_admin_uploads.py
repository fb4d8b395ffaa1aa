"""The admin's uploads and look: no SVG images, no avatars fetched from Gravatar, menu labels
in one case."""

import io

import pytest
from django.contrib.auth import get_user_model
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


def upload(editor_client, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return editor_client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_an_svg_image_is_refused(editor_client):
    response = upload(editor_client, "logo.svg", SVG)

    assert response.status_code == 200  # the form again, with an error
    assert not get_image_model().objects.filter(title="logo.svg").exists()


def test_an_image_with_too_many_pixels_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20)).save(buffer, "PNG")

    upload(editor_client, "big.png", buffer.getvalue())

    assert not get_image_model().objects.filter(title="big.png").exists()


def test_a_png_is_accepted(editor_client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "PNG")

    response = upload(editor_client, "small.png", buffer.getvalue())

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="small.png").exists()


def test_the_admin_fetches_no_avatar_from_gravatar(editor_client):
    page = editor_client.get("/admin/").content.decode()

    assert "gravatar" not in page.lower()


def test_admin_menu_labels_start_with_a_capital(editor_client):
    from wagtail.users.models import UserProfile

    editor = get_user_model().objects.get(username="editor")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()

    page = editor_client.get("/admin/").content.decode()

    # The sidebar is drawn from JSON in the page.
    assert '"label": "Funders"' in page
