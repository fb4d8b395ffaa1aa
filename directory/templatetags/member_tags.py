"""What organisation members wrote, as the public profile shows it."""

from django import template
from django.utils.safestring import mark_safe

from portal.sanitise import clean_html

from ..news import organisation_news
from ..projects import profile_projects

register = template.Library()


@register.filter
def member_html(value):
    """Rich text from a member: cleaned when saved, and cleaned again here, so that text that
    reached the database another way cannot carry script either."""
    return mark_safe(clean_html(value))  # noqa: S308 - nh3 has just cleaned it


@register.simple_tag
def approved_news(organisation):
    return organisation_news(organisation.pk)


@register.simple_tag
def joint_projects(organisation):
    return profile_projects(organisation.pk)
