"""What organisation members wrote, as the public profile shows it."""

from django import template
from django.utils.safestring import mark_safe

from portal.sanitise import clean_html

register = template.Library()


@register.filter
def member_html(value):
    """Rich text from a member: cleaned when saved, and cleaned again here, so that text that
    reached the database another way cannot carry script either."""
    return mark_safe(clean_html(value))  # noqa: S308 - nh3 has just cleaned it
