from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import ParagraphBlock


class BulletinBodyBlock(blocks.StreamBlock):
    """The sections of a bulletin. (Calls, news, events and organisation news blocks come with
    the bulletin's editor work.)"""

    paragraph = ParagraphBlock()

    class Meta:
        label = _("Sections")
