from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .panel import ImpactPanel


@hooks.register("register_admin_urls")
def register_impact_urls():
    return [
        path("impact/", views.report, name="impact_report"),
        path("impact/<slug:key>.csv", views.figure_csv, name="impact_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_impact_menu_item():
    return MenuItem(_("Impact"), reverse("impact_report"), icon_name="table", order=330)


@hooks.register("construct_homepage_panels")
def add_impact_panel(request, panels):
    panels.append(ImpactPanel())
