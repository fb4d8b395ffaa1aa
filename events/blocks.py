from wagtail import blocks

from calls.blocks import ContactBlock
from home.blocks import DocumentBlock, HeadingBlock, ImageBlock, LinkBlock, ParagraphBlock


class EventBodyBlock(blocks.StreamBlock):
    """The body of an event: the programme in text, a picture, documents, links, a contact."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    document = DocumentBlock()
    link = LinkBlock()
    contact = ContactBlock()
