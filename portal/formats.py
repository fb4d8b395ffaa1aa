from django.template.defaultfilters import date as date_filter
from django.utils import timezone


def format_datetime(value):
    """A moment in the reader's language and Tallinn time: "25 декабря 2026 г., 23:59",
    "25. detsember 2026, 23:59", "Dec. 25, 2026, 23:59"."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date_filter(local, 'DATE_FORMAT')}, {date_filter(local, 'H:i')}"
