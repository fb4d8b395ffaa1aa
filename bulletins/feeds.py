"""RSS 2.0 of the newest bulletins of one language."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext

FEED_LENGTH = 20


class BulletinFeed(Feed):
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
        return obj.introduction or gettext("The weekly bulletin of the network")

    def feed_url(self, obj):
        return obj.get_url(self.request) + obj.reverse_subpage("feed")

    def items(self, obj):
        return obj.issues().defer_streamfields()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        heading = gettext("Bulletin No. %(number)s of %(date)s") % {
            "number": item.issue_number,
            "date": date_filter(item.issue_date, "DATE_FORMAT"),
        }
        return "\n".join(part for part in (heading, item.introduction) if part)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.issue_date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at
