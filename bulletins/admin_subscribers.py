"""Subscribers in the Wagtail admin (wagtail-modeladmin): search, filters, CSV export.

Registered in ``wagtail_hooks.py``. Only users with the subscriber permissions see it
(superusers; give a group the permissions to let others in).
"""

from django.contrib.admin import SimpleListFilter
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from portal.exports import SafeSpreadsheetExportMixin

from .models import Subscriber, Topic


class TopicFilter(SimpleListFilter):
    """Topics are a list in one column: filter on one of its values."""

    title = _("topic")
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return Topic.choices

    def queryset(self, request, queryset):
        if self.value() in Topic.values:
            return queryset.filter(Subscriber._meta.get_field("topics").contains(self.value()))
        return queryset


class SubscriberIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_label = _("Subscribers")
    menu_icon = "mail"
    menu_order = 320
    index_view_class = SubscriberIndexView
    inspect_view_enabled = True
    list_display = ("email", "language", "kind", "topic_labels", "status", "confirmed_at")
    list_filter = ("status", "language", TopicFilter, "kind")
    search_fields = ("email", "consent_source")
    list_export = (
        "email",
        "language",
        "topics",
        "kind",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "consented_at",
        "consent_source",
        "consent_text",
        "hard_bounces",
    )
    export_filename = "subscribers"
    panels = [
        FieldPanel("email"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("kind")]),
        FieldPanel("topics"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("consent_source"),
                FieldPanel("consented_at"),
                FieldPanel("consent_text", read_only=True),
            ],
            heading=_("Consent"),
        ),
    ]

    def topic_labels(self, subscriber):
        labels = dict(Topic.choices)
        return ", ".join(str(labels.get(topic, topic)) for topic in subscriber.topics)

    topic_labels.short_description = _("topics")
