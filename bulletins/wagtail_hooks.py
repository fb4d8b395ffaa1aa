from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail_modeladmin.options import modeladmin_register

from . import admin_views
from .admin_campaigns import CampaignAdmin
from .models import BulletinPage

modeladmin_register(CampaignAdmin)


@hooks.register("register_admin_urls")
def sending_urls():
    return [
        path(
            "bulletins/sending/<int:page_id>/",
            admin_views.SendView.as_view(),
            name="bulletins_send",
        ),
        path(
            "bulletins/sending/<int:page_id>/preview/<str:language>/",
            admin_views.preview,
            name="bulletins_preview",
        ),
        path(
            "bulletins/sending/campaigns/<int:campaign_id>/",
            admin_views.ProgressView.as_view(),
            name="bulletins_progress",
        ),
        path(
            "bulletins/sending/campaigns/<int:campaign_id>/progress.json",
            admin_views.progress_json,
            name="bulletins_progress_json",
        ),
        path(
            "bulletins/sending/campaigns/<int:campaign_id>/<str:action>/",
            admin_views.campaign_action,
            name="bulletins_campaign_action",
        ),
    ]


@hooks.register("register_page_header_buttons")
def send_bulletin_button(page, user, view_name, next_url=None):
    if page.specific_class is BulletinPage and page.permissions_for_user(user).can_publish():
        yield Button(
            _("Send"),
            reverse("bulletins_send", args=[page.pk]),
            icon_name="mail",
            priority=55,
        )
