import secrets
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from .mail import send_prepared_on_commit
from .ratelimit import client_ip


def can_use_admin(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _admin_barred(user, url):
    return not can_use_admin(user) and urlsplit(url).path.startswith(reverse("wagtailadmin_home"))


class AccountAdapter(DefaultAccountAdapter):
    def generate_unique_username(self, txts, regex=None):
        # allauth makes the username (never shown: e-mail is the login) from the address's
        # local part plus a few random characters, and gives up when its handful of
        # candidates are taken, as they can be for "info@" after many organisations.
        try:
            return super().generate_unique_username(txts, regex)
        except NotImplementedError:
            return f"user-{secrets.token_hex(8)}"

    def get_client_ip(self, request):
        # allauth's login and reset limits count the same client as every other form.
        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        """allauth's mails (confirmation, sign-in code, reset) are rendered here, where their
        context is, and sent by the task worker like every other mail."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        send_prepared_on_commit(message)

    def is_safe_url(self, url):
        """Besides allauth's same-host rule: a signed-in person without access to the admin
        is never sent into it. Wagtail sends such a person to the sign-in page with
        ``next=/admin/``; following it would send them back, round and round."""
        if not super().is_safe_url(url):
            return False
        user = getattr(allauth_context.request, "user", None)
        return not (user is not None and user.is_authenticated and _admin_barred(user, url))

    def post_login(self, request, user, *, redirect_url=None, **kwargs):
        # The target was checked before the person was known; check it again now.
        if redirect_url and _admin_barred(user, redirect_url):
            redirect_url = None
        return super().post_login(request, user, redirect_url=redirect_url, **kwargs)

    def get_login_redirect_url(self, request):
        # Organisation members land in their own area; editors where the site sends them.
        if not can_use_admin(request.user):
            return reverse("my:dashboard")
        return super().get_login_redirect_url(request)
