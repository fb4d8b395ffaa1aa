from allauth.account.adapter import DefaultAccountAdapter

from .ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # allauth's login and reset limits count the same client as every other form.
        return client_ip(request)
