from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import DocumentBlock, HeadingBlock, LinkBlock, ParagraphBlock


class ContactBlock(blocks.StructBlock):
    """Who answers questions about the call."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=200)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=50)

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "calls/blocks/contact.html"
        preview_value = {
            "name": "Mari Tamm",
            "role": "Taotlusvooru koordinaator",
            "email": "mari.tamm@example.org",
            "phone": "+372 5555 1234",
        }


class CallBodyBlock(blocks.StreamBlock):
    """The body of a call: conditions in text, the documents to fill in, links, contacts."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    document = DocumentBlock()
    link = LinkBlock()
    contact = ContactBlock()
