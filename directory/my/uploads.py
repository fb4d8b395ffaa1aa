"""Logos uploaded by members: images only (the content decides, never the file's name or
type header), within a size and a pixel limit, stored under a name we make."""

import io
import uuid

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
COLLECTION_NAME = "Organisation logos"


def _limits():
    return settings.MEMBER_LOGO_MAX_BYTES, settings.MEMBER_LOGO_MAX_PIXELS


class LogoField(forms.FileField):
    """Cleans to ``(bytes, extension)`` of a checked image."""

    default_error_messages = {
        "not_image": _("This file is not an image. Upload a PNG, JPEG, GIF or WebP file."),
        "too_big": _("The file is too large: at most %(limit)s."),
        "too_many_pixels": _(
            "The image is too large: at most %(limit)s million pixels (for example 2000 × 2000)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        max_bytes, max_pixels = _limits()
        if upload.size > max_bytes:
            raise forms.ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={"limit": filesizeformat(max_bytes)},
            )
        content = upload.read()
        try:
            with PillowImage.open(io.BytesIO(content)) as image:
                kind = image.format
                width, height = image.size
                if kind in FORMATS and width * height <= max_pixels:
                    image.verify()
        except (OSError, SyntaxError, ValueError, PillowImage.DecompressionBombError) as error:
            raise forms.ValidationError(
                self.error_messages["not_image"], code="not_image"
            ) from error
        if kind not in FORMATS:
            raise forms.ValidationError(self.error_messages["not_image"], code="not_image")
        if width * height > max_pixels:
            raise forms.ValidationError(
                self.error_messages["too_many_pixels"],
                code="too_many_pixels",
                params={"limit": f"{max_pixels / 1_000_000:g}"},
            )
        return content, FORMATS[kind]


def logo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def save_logo(organisation, checked, user):
    """A Wagtail image from ``LogoField``'s cleaned value, named by us."""
    content, extension = checked
    name = f"logo-{organisation.pk}-{uuid.uuid4().hex[:12]}.{extension}"
    image = get_image_model()(
        title=organisation.registered_name[:255],
        file=ContentFile(content, name=name),
        file_size=len(content),
        file_hash=hash_filelike(io.BytesIO(content)),
        collection=logo_collection(),
        uploaded_by_user=user,
    )
    image.save()
    return image
