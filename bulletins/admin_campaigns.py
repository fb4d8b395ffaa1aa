"""Campaigns in the admin (wagtail-modeladmin): the record of every sending, its progress,
inspect and CSV export. Campaigns start from a bulletin's "Send" view, never from here."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from portal.exports import SafeSpreadsheetExportMixin

from .models import Campaign, Delivery


class CampaignPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class CampaignIndexView(SafeSpreadsheetExportMixin, IndexView):
    export_headings = {
        "page": _("Bulletin"),
        "recipients": _("Recipients"),
        "sent": _("Sent"),
        "failed": _("Failed"),
        "skipped": _("Skipped"),
    }


def _count(status):
    return Count("deliveries", filter=Q(deliveries__status=status))


class CampaignAdmin(ModelAdmin):
    model = Campaign
    menu_label = _("Campaigns")
    menu_icon = "mail"
    menu_order = 330
    add_to_admin_menu = True
    permission_helper_class = CampaignPermissionHelper
    index_view_class = CampaignIndexView
    inspect_view_enabled = True
    list_display = ["page", "status", "languages", "created_at", "sent_of_total", "progress_link"]
    list_filter = ["status", "created_at"]
    search_fields = ["page__title"]
    list_export = [
        "page",
        "status",
        "languages",
        "topics",
        "send_at",
        "created_at",
        "finished_at",
        "created_by",
        "recipients",
        "sent",
        "failed",
        "skipped",
    ]
    export_filename = "campaigns"
    inspect_view_fields = [
        "page",
        "status",
        "languages",
        "topics",
        "send_at",
        "allow_stale",
        "created_by",
        "created_at",
        "finished_at",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("page", "created_by")
            .annotate(
                recipients=Count("deliveries"),
                sent=_count(Delivery.Status.SENT),
                failed=_count(Delivery.Status.FAILED),
                skipped=_count(Delivery.Status.SKIPPED),
            )
        )

    @staticmethod
    def sent_of_total(obj):
        return _("%(sent)s of %(total)s (%(failed)s failed)") % {
            "sent": obj.sent,
            "total": obj.recipients,
            "failed": obj.failed,
        }

    sent_of_total.short_description = _("Sent")

    @staticmethod
    def progress_link(obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("bulletins_progress", args=[obj.pk]), _("Progress")
        )

    progress_link.short_description = _("Progress")
