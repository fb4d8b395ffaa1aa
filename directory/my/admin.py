"""The editors' side of the member area in the Wagtail admin: membership requests to confirm
(the first owner of an organisation), with what the business register says of each, and the
moderation queue of news submissions."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView

from portal.desk import DeskItem, DeskLink, DeskPanel
from portal.mail import send_email_on_commit

from .. import register
from ..models import Membership, NewsItem, OrganisationPage
from .emails import news_decided
from .memberships import decide


class MembershipEditView(EditView):
    def form_valid(self, form):
        before = (
            Membership.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        )
        decision = form.cleaned_data.get("status")
        if before == Membership.Status.PENDING and decision != Membership.Status.PENDING:
            # Saved as the owner's decision is: dated, signed and announced to the person.
            form.instance.status = Membership.Status.PENDING
            response = super().form_valid(form)
            decide(self.instance, decision == Membership.Status.ACTIVE, self.request.user)
            return response
        return super().form_valid(form)


class MembershipAdmin(ModelAdmin):
    model = Membership
    menu_label = _("Memberships")
    menu_icon = "user"
    menu_order = 295
    add_to_settings_menu = False
    list_display = ("email", "organisation", "role", "status", "register_mark", "created_at")
    list_filter = ("status", "role", "founded")
    search_fields = ("organisation__registered_name", "organisation__registry_code", "user__email")
    ordering = ("-status", "-created_at")
    edit_view_class = MembershipEditView
    panels = [
        FieldPanel("organisation"),
        FieldPanel("user"),
        FieldPanel("role"),
        FieldPanel("status"),
        FieldPanel("language"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "user")

    def email(self, membership):
        return membership.user.email

    email.short_description = _("e-mail")

    def register_mark(self, membership):
        result = register.check(membership.organisation.registry_code)
        if result.flagged:
            return format_html("<strong>{}</strong>", result.label)
        return result.label

    register_mark.short_description = _("business register")


modeladmin_register(MembershipAdmin)


class PendingRequestsPanel(Component):
    name = "member_requests"
    order = 90
    template_name = "directory/admin/pending_requests_panel.html"

    def get_context_data(self, parent_context):
        return {
            "count": Membership.objects.filter(
                status=Membership.Status.PENDING, role=Membership.Role.OWNER
            ).count(),
            "url": reverse("directory_membership_modeladmin_index") + "?status__exact=pending",
        }


@hooks.register("construct_homepage_panels")
def add_pending_requests_panel(request, panels):
    if request.user.has_perm("directory.change_membership"):
        panels.append(PendingRequestsPanel())


class NewsItemEditView(EditView):
    def form_valid(self, form):
        before = (
            NewsItem.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        )
        decided = (
            before == NewsItem.Status.SUBMITTED
            and form.cleaned_data.get("status") != NewsItem.Status.SUBMITTED
        )
        if decided:
            form.instance.decided_at = timezone.now()
            form.instance.decided_by = self.request.user
            send_email_on_commit(news_decided, news_id=self.instance.pk)
        return super().form_valid(form)


class NewsItemAdmin(ModelAdmin):
    """The moderation queue of news from organisations: waiting items first."""

    model = NewsItem
    menu_label = _("News submissions")
    menu_icon = "doc-full"
    menu_order = 296
    list_display = ("title", "organisation", "language", "status", "created_at")
    list_filter = ("status", "language")
    search_fields = ("title", "organisation__registered_name")
    ordering = ("-status", "-created_at")
    edit_view_class = NewsItemEditView
    panels = [
        FieldPanel("status"),
        FieldPanel("moderator_comment"),
        FieldPanel("organisation"),
        FieldPanel("language"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("link"),
        FieldPanel("event_date"),
        FieldPanel("event_place"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


modeladmin_register(NewsItemAdmin)


@hooks.register("construct_homepage_panels")
def moderation_panel(request, panels):
    """The editors' desk: profile versions and news waiting for an editor's decision."""
    user = request.user
    if not (
        user.has_perm("directory.change_membership") or user.has_perm("directory.change_newsitem")
    ):
        return
    profiles = (
        OrganisationPage.objects.filter(
            _specific_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS
        )
        .select_related("locale")
        .order_by("latest_revision_created_at")
        .distinct()
    )
    news = NewsItem.objects.filter(status=NewsItem.Status.SUBMITTED).select_related("organisation")
    items = [
        DeskItem(
            profile.get_admin_display_title(),
            reverse("wagtailadmin_pages:edit", args=[profile.pk]),
            meta=gettext("profile"),
            language=profile.locale.language_code,
        )
        for profile in profiles[:8]
    ] + [
        DeskItem(
            item.title,
            reverse("directory_newsitem_modeladmin_edit", args=[item.pk]),
            meta=gettext("news from %(organisation)s")
            % {"organisation": item.organisation.registered_name},
            language=item.language,
        )
        for item in news.order_by("created_at")[:8]
    ]
    panels.append(
        DeskPanel(
            "moderation",
            gettext("Profiles and news waiting for moderation"),
            items,
            total=profiles.count() + news.count(),
            order=35,
            empty=gettext("No profile or news waits for moderation."),
            links=[
                DeskLink(
                    gettext("News submissions"),
                    reverse("directory_newsitem_modeladmin_index") + "?status__exact=submitted",
                )
            ],
        )
    )
