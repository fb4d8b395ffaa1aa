from django.template.defaultfilters import date as date_filter
from django.utils import timezone


def format_datetime(value):
    """A moment in the reader's language and Tallinn time: "25 декабря 2026 г., 23:59",
    "25. detsember 2026, 23:59", "Dec. 25, 2026, 23:59"."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date_filter(local, 'DATE_FORMAT')}, {date_filter(local, 'H:i')}"


def format_period(start, end):
    """From ``start`` to ``end`` in the reader's language and Tallinn time: "12 мая 2026 г.,
    10:00–16:00" within a day, else both moments in full."""
    if start is None:
        return ""
    if end is None:
        return format_datetime(start)
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() == local_end.date():
        day = date_filter(local_start, "DATE_FORMAT")
        return f"{day}, {date_filter(local_start, 'H:i')}–{date_filter(local_end, 'H:i')}"
    return f"{format_datetime(start)} – {format_datetime(end)}"
