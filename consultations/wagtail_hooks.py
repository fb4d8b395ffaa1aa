from django.contrib.admin import display
from django.contrib.admin.utils import lookup_field
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from portal.desk import DeskItem, DeskLink, DeskPanel
from portal.exports import SafeSpreadsheetExportMixin
from portal.formats import format_datetime
from portal.sections import HOME_SECTIONS

from .admin_forms import ConsultationAdminForm, RepliesPanel
from .models import ConsultationRequest, Status


class ConsultationIndexView(SafeSpreadsheetExportMixin, IndexView):
    def to_row_dict(self, item):
        # modeladmin writes "-" for every empty value; a spreadsheet wants the empty cell.
        return {field: lookup_field(field, item, self.model_admin)[2] for field in self.list_export}


class ConsultationRequestAdmin(ModelAdmin):
    model = ConsultationRequest
    menu_label = _("Consultations")
    menu_icon = "help"
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = ConsultationIndexView
    list_display = (
        "name",
        "topic",
        "channel",
        "status",
        "assigned_to",
        "meeting_at",
        "created_at",
    )
    list_filter = ("status", "topic", "channel", "language", "assigned_to")
    search_fields = ("name", "email", "organisation_name", "message")
    list_export = (
        "created_at",
        "name",
        "email",
        "phone",
        "organisation_name",
        "topic_label",
        "channel_label",
        "language",
        "status_label",
        "assignee",
        "meeting_at",
        "reply_count",
    )
    export_filename = "consultation-requests"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("status"), FieldPanel("assigned_to")]),
                    FieldPanel("meeting_at"),
                    FieldPanel("notes"),
                ],
                heading=_("Handling"),
            ),
            RepliesPanel(heading=_("Replies sent")),
            FieldPanel("reply"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("email")]),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("organisation_name")]),
                    FieldPanel("organisation"),
                    FieldRowPanel(
                        [FieldPanel("topic"), FieldPanel("channel"), FieldPanel("language")]
                    ),
                    FieldPanel("message"),
                ],
                heading=_("Request"),
            ),
        ],
        base_form_class=ConsultationAdminForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("assigned_to")
            .annotate(reply_total=Count("replies"))
        )

    @display(description=_("topic"))
    def topic_label(self, obj):
        return obj.get_topic_display()

    @display(description=_("preferred channel"))
    def channel_label(self, obj):
        return obj.get_channel_display()

    @display(description=_("status"))
    def status_label(self, obj):
        return obj.get_status_display()

    @display(description=_("assigned to"))
    def assignee(self, obj):
        user = obj.assigned_to
        return (user.get_full_name() or user.get_username()) if user else ""

    @display(description=_("replies"))
    def reply_count(self, obj):
        return obj.reply_total


modeladmin_register(ConsultationRequestAdmin)


@hooks.register(HOME_SECTIONS)
def consultation_section(page, request):
    return {
        "template": "consultations/includes/home_consultation.html",
        "order": 40,
        "url": reverse("consultations:request"),
    }


@hooks.register("construct_homepage_panels")
def unanswered_consultations_panel(request, panels):
    """The editors' desk: consultation requests nobody has answered yet, oldest first."""
    if not request.user.has_perm("consultations.change_consultationrequest"):
        return
    waiting = ConsultationRequest.objects.filter(status__in=[Status.NEW, Status.IN_PROGRESS])
    items = [
        DeskItem(
            str(consultation),
            reverse("consultations_consultationrequest_modeladmin_edit", args=[consultation.pk]),
            meta=gettext("received %(date)s") % {"date": format_datetime(consultation.created_at)},
            language=consultation.language,
        )
        for consultation in waiting.order_by("created_at")[:8]
    ]
    index = reverse("consultations_consultationrequest_modeladmin_index")
    panels.append(
        DeskPanel(
            "consultations",
            gettext("Consultation requests without an answer"),
            items,
            total=waiting.count(),
            order=40,
            empty=gettext("Every consultation request has been answered."),
            links=[DeskLink(gettext("All consultation requests"), index)],
        )
    )
