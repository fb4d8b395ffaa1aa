from django.urls import path, reverse, reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail import VERSION, hooks
from wagtail.admin.menu import MenuItem

from . import localize_views


@hooks.register("register_admin_menu_item")
def two_factor_menu_item():
    # allauth's pages, in the site's layout and the admin user's language.
    return MenuItem(
        gettext_lazy("Two-factor authentication"),
        reverse_lazy("mfa_index"),
        icon_name="key",
        order=10000,
    )


def _whats_new_label():
    version = f"{VERSION[0]}.{VERSION[1]}"
    return gettext("What's new in Wagtail %(version)s") % {"version": version}


# Wagtail builds its menu items once per process: two labels are translated at that moment, so
# every editor would read them in the language of whoever opened the admin first. These
# labels are translated when the menu is drawn, in each editor's language.
LATE_LABELS = {
    "whats-new": lazy(_whats_new_label, str)(),
    "translations-report": gettext_lazy("Translations"),
}


@hooks.register("construct_reports_menu")
def reports_menu_in_the_editors_language(request, menu_items):
    report = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == report:
            item.label = LATE_LABELS["translations-report"]


@hooks.register("construct_help_menu")
def help_menu_in_the_editors_language(request, menu_items):
    for item in menu_items:
        if item.name.startswith("whats-new-in-wagtail-"):
            item.label = LATE_LABELS["whats-new"]


@hooks.register("register_admin_urls")
def translation_permission_checks():
    # wagtail-localize's paths, resolved here first (portal's hooks run before its own).
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            localize_views.SubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            localize_views.SubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            localize_views.UpdateTranslationsView.as_view(),
        ),
    ]
