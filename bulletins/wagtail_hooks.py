from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail_modeladmin.options import modeladmin_register

from portal.sections import HOME_SECTIONS

from .admin_subscribers import SubscriberAdmin
from .admin_views import AssembleNextIssueView, can_assemble
from .models import BulletinIndexPage, BulletinPage

# The bulletin as content: the "Assemble the next issue" action and the home page's block.


@hooks.register("register_admin_urls")
def bulletin_admin_urls():
    return [
        path(
            "bulletins/<int:archive_id>/assemble/",
            AssembleNextIssueView.as_view(),
            name="bulletins_assemble",
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


@hooks.register(HOME_SECTIONS)
def latest_bulletin_section(page, request):
    """The home page's "latest bulletin" block, in the home page's language."""
    bulletin = (
        BulletinPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .defer_streamfields()
        .order_by("-issue_date", "-issue_number")
        .first()
    )
    if bulletin is None:
        return None
    return {
        "template": "bulletins/includes/home_latest.html",
        "order": 10,
        "bulletin": bulletin,
        "archive_url": bulletin.get_parent().get_url(request),
    }


modeladmin_register(SubscriberAdmin)
