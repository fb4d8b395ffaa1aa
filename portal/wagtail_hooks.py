from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def two_factor_menu_item():
    # allauth's pages, in the site's layout and the admin user's language.
    return MenuItem(
        _("Two-factor authentication"), reverse_lazy("mfa_index"), icon_name="key", order=10000
    )
