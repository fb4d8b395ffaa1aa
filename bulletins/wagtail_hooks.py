from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.widgets import Button
from wagtail_modeladmin.options import modeladmin_register

from portal.navigation import page_urls, remember
from portal.sections import HOME_SECTIONS

from . import admin_views
from .admin_campaigns import CampaignAdmin
from .admin_subscribers import SubscriberAdmin
from .assemble_views import AssembleNextIssueView, can_assemble
from .desk import bulletin_panels
from .models import BulletinIndexPage, BulletinPage

modeladmin_register(SubscriberAdmin)
modeladmin_register(CampaignAdmin)


@hooks.register("register_admin_urls")
def bulletin_admin_urls():
    return [
        path(
            "bulletins/<int:archive_id>/assemble/",
            AssembleNextIssueView.as_view(),
            name="bulletins_assemble",
        ),
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


class AssembleButton(PageMenuItem):
    label = _("Assemble the next issue")
    icon_name = "doc-full-inverse"

    @property
    def url(self):
        return reverse("bulletins_assemble", args=[self.page.pk])

    def is_shown(self, user):
        return can_assemble(user, self.page)


def _assemble_buttons(page):
    if page.specific_class is not None and issubclass(page.specific_class, BulletinIndexPage):
        yield AssembleButton(page=page, priority=5)


@hooks.register("register_page_header_buttons")
def assemble_header_button(page, user, view_name=None, next_url=None):
    yield from _assemble_buttons(page)


@hooks.register("register_page_listing_buttons")
def assemble_listing_button(page, user, next_url=None):
    yield from _assemble_buttons(page)


@hooks.register("register_page_header_buttons")
def send_bulletin_button(page, user, view_name=None, next_url=None):
    if page.specific_class is BulletinPage and page.permissions_for_user(user).can_publish():
        yield Button(
            _("Send"),
            reverse("bulletins_send", args=[page.pk]),
            icon_name="mail",
            priority=55,
        )


@hooks.register(HOME_SECTIONS)
def latest_bulletin_section(page, request):
    """The home page's "latest bulletin" block, in the home page's language."""

    def latest(site):
        return list(
            BulletinPage.objects.live()
            .public()
            .filter(locale_id=page.locale_id)
            .defer_streamfields()
            .order_by("-issue_date", "-issue_number")[:1]
        )

    found = remember(request, f"latest-bulletin:{page.locale_id}", latest)
    if not found:
        return None
    bulletin = found[0]
    archive_path = bulletin.path[: -BulletinPage.steplen]
    return {
        "template": "bulletins/includes/home_latest.html",
        "order": 10,
        "bulletin": bulletin,
        "archive_url": page_urls(request, [archive_path]).get(archive_path, ""),
    }


@hooks.register("construct_homepage_panels")
def editors_desk_panels(request, panels):
    """The editors' desk: what the next bulletin will carry, its state, translations to do."""
    bulletin_panels(request, panels)
