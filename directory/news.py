"""News submitted by organisations, as the rest of the portal reads them."""

import datetime

from django.utils import timezone

from .models import NewsItem


def approved_news_since(since, language=None):
    """Items the editors approved at or after ``since`` (a date, or an aware datetime),
    newest first, with their organisation: what the bulletin's "assemble" step offers."""
    if not isinstance(since, datetime.datetime):
        since = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    items = NewsItem.objects.filter(
        status=NewsItem.Status.APPROVED, decided_at__gte=since
    ).select_related("organisation")
    if language:
        items = items.filter(language=language)
    return items.order_by("-decided_at")


def organisation_news(organisation_id, limit=5):
    """The newest approved items of one organisation, for its profile."""
    return list(
        NewsItem.objects.filter(organisation_id=organisation_id, status=NewsItem.Status.APPROVED)
        .defer("moderator_comment")
        .order_by("-decided_at")[:limit]
    )
