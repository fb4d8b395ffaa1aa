from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import localize_views


@hooks.register("register_admin_menu_item")
def two_factor_menu_item():
    # allauth's pages, in the site's layout and the admin user's language.
    return MenuItem(
        _("Two-factor authentication"), reverse_lazy("mfa_index"), icon_name="key", order=10000
    )


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
