"""Wagtail admin view: "Assemble the next issue" of a bulletin archive.

GET shows what would be created (number, date, the calls and events it would bring); POST
creates the draft and opens it in the page editor. Pressing twice opens the same draft.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import BulletinIndexPage


def can_assemble(user, archive):
    return archive.permissions_for_user(user).can_add_subpage()


class AssembleNextIssueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "bulletins/admin/assemble.html"
    page_title = _("Assemble the next issue")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, archive_id):
        self.archive = get_object_or_404(BulletinIndexPage, pk=archive_id)
        if not can_assemble(request.user, self.archive):
            raise PermissionDenied
        return super().dispatch(request, archive_id)

    def get_page_subtitle(self):
        return self.archive.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.archive.pk]),
                "label": self.archive.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "archive": self.archive,
                "plan": self.archive.next_issue(),
                "language": self.archive.locale.get_display_name(),
            }
        )
        return context

    def post(self, request, archive_id):
        bulletin, created = self.archive.assemble_next_issue(user=request.user)
        if created:
            calls = len(bulletin.chosen_calls())
            messages.success(
                request,
                ngettext(
                    "Draft “%(title)s” created with %(count)d funding call.",
                    "Draft “%(title)s” created with %(count)d funding calls.",
                    calls,
                )
                % {"title": bulletin.title, "count": calls},
            )
            events = len(bulletin.chosen_events())
            if events:
                messages.success(
                    request,
                    ngettext(
                        "It lists %(count)d training or event.",
                        "It lists %(count)d trainings and events.",
                        events,
                    )
                    % {"count": events},
                )
        else:
            messages.warning(
                request,
                gettext("The next issue, “%(title)s”, is already a draft: here it is.")
                % {"title": bulletin.get_admin_display_title()},
            )
        return redirect("wagtailadmin_pages:edit", bulletin.pk)
