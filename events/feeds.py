"""RSS 2.0 of the newest events of one language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext

from portal.formats import format_period

from .models import EventPage

FEED_LENGTH = 30


class EventsFeed(Feed):
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
        return obj.introduction or gettext("New trainings and events")

    def feed_url(self, obj):
        return obj.get_url(self.request) + obj.reverse_subpage("feed")

    def items(self, obj):
        return (
            EventPage.objects.child_of(obj)
            .live()
            .public()
            .for_listing()
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        parts = [
            gettext("When: %(period)s (Estonian time)")
            % {"period": format_period(item.starts_at, item.ends_at)},
            gettext("Where: %(place)s") % {"place": item.place},
        ]
        if item.language_labels:
            parts.append(
                gettext("Language: %(languages)s")
                % {"languages": ", ".join(str(label) for label in item.language_labels)}
            )
        if item.introduction:
            parts.append(item.introduction)
        return "\n".join(parts)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.organiser or None

    def item_categories(self, item):
        return item.topic_names
