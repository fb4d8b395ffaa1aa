"""RSS 2.0 of the newest calls of one language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext

from portal.formats import format_datetime

from .models import CallPage

FEED_LENGTH = 30


class NewCallsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, index_page, **kwargs):
        self.request = request
        self.index_page = index_page
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, obj):
        return f"{obj.title} · Sild"

    def link(self, obj):
        return obj.get_url(self.request)

    def description(self, obj):
        return obj.introduction or gettext("New funding calls")

    def feed_url(self, obj):
        return obj.get_url(self.request) + obj.reverse_subpage("feed")

    def items(self, obj):
        return (
            CallPage.objects.child_of(obj)
            .live()
            .public()
            .select_related("funder", "locale")
            .prefetch_related("topics")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        deadline = format_datetime(item.deadline)
        parts = [item.introduction]
        if item.funder_id:
            parts.append(gettext("Funder: %(name)s") % {"name": item.funder.name})
        if deadline:
            parts.append(gettext("Deadline: %(deadline)s (Estonian time)") % {"deadline": deadline})
        return "\n".join(part for part in parts if part)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.funder.name if item.funder_id else None

    def item_categories(self, item):
        return item.topic_names
