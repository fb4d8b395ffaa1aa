"""Uploads have limits, and documents are always served through Wagtail's view, which checks
the privacy of their collection, even when the files live on storage with public URLs of its
own (S3-compatible storage: README, "Deploying")."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

Document = get_document_model()


class BucketStorage(Storage):
    """Like S3-compatible storage: files have public URLs of their own and no local path, so
    Wagtail would, by default, redirect to the file instead of serving it. (The bytes are
    kept on the disk underneath.)"""

    def __init__(self):
        self.disk = FileSystemStorage()

    def _open(self, name, mode="rb"):
        return self.disk._open(name, mode)

    def _save(self, name, content):
        return self.disk._save(name, content)

    def exists(self, name):
        return self.disk.exists(name)

    def delete(self, name):
        self.disk.delete(name)

    def size(self, name):
        return self.disk.size(name)

    def url(self, name):
        return f"https://bucket.example/{name}"


@pytest.fixture
def bucket(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.BucketStorage"},
    }


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


def make_document(collection, name="aruanne.txt", content=b"Aastaaruanne 2025"):
    document = Document(title=name, collection=collection)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def private_collection(site_tree):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.fixture
def password_collection(site_tree):
    collection = Collection.get_first_root_node().add_child(name="Partners only")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="sild-partners",
    )
    return collection


def test_a_public_document_is_streamed_by_the_site_not_redirected_to_the_bucket(
    client, bucket, site_tree
):
    document = make_document(Collection.get_first_root_node())

    response = client.get(document.url)

    assert document.url.startswith("/documents/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Aastaaruanne 2025"
    # Wagtail's own policy for documents: nothing in one runs.
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_private_document_is_not_served_to_anonymous_visitors(client, bucket, private_collection):
    document = make_document(private_collection)

    response = client.get(document.url)

    assert response.status_code == 302
    assert "bucket.example" not in response["Location"]
    assert "/login/" in response["Location"]


def test_a_signed_in_person_gets_the_private_document(client, bucket, private_collection):
    document = make_document(private_collection)
    client.force_login(get_user_model().objects.get(username="editor"))

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Aastaaruanne 2025"


def test_a_password_protected_document_asks_for_the_password(client, bucket, password_collection):
    document = make_document(password_collection)

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"Aastaaruanne" not in response.content
    assert b'name="password"' in response.content


def test_a_document_over_the_size_limit_is_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    before = Document.objects.count()

    response = editor_client.post(
        "/admin/documents/add/",
        {
            "title": "Big",
            "file": SimpleUploadedFile("big.pdf", b"%PDF-1.4 " + b"x" * 2048),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200  # the form again, with its error
    assert Document.objects.count() == before


def test_documents_of_an_unexpected_type_are_refused(editor_client):
    before = Document.objects.count()

    editor_client.post(
        "/admin/documents/add/",
        {
            "title": "Page",
            "file": SimpleUploadedFile("page.html", b"<script>alert(1)</script>"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert Document.objects.count() == before


def test_an_image_over_the_size_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    buffer = io.BytesIO()
    PILImage.effect_noise((200, 200), 100).convert("RGB").save(buffer, "PNG")
    assert buffer.tell() > 1024

    editor_client.post(
        "/admin/images/add/",
        {
            "title": "noise.png",
            "file": SimpleUploadedFile("noise.png", buffer.getvalue()),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert not get_image_model().objects.filter(title="noise.png").exists()


def test_the_upload_limits_are_set():
    from django.conf import settings

    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 5 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert "html" not in settings.WAGTAILDOCS_EXTENSIONS
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
