"""Validators shared by every app, with translated messages."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Everything Python's str.splitlines() breaks on: CR, LF, vertical tab, form feed, the
# information separators, NEL and the Unicode line and paragraph separators.
LINE_BREAK_RE = re.compile("[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def validate_single_line(value):
    """Names end up in e-mail headers (a subject, a sender's name), where a line break would
    start a new header: Django refuses to send such a message. Refuse it where it is typed."""
    if value and LINE_BREAK_RE.search(value):
        raise ValidationError(_("Write this on one line, without line breaks."), code="line_break")
