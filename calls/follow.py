"""Following a call: the form on the call page, double opt-in, stopping."""

import logging
from datetime import timedelta

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .emails import confirmation_message
from .forms import FollowForm
from .models import CallFollower
from .status import CallStatus

logger = logging.getLogger(__name__)

# Light protection against someone using the form to mail-bomb an address.
REQUESTS_PER_HOUR_PER_ADDRESS = 20
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)


def _client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def _rate_limited(request):
    key = f"calls:follow:{_client_ip(request)}"
    cache.add(key, 0, timeout=60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60)
        count = 1
    return count > REQUESTS_PER_HOUR_PER_ADDRESS


def _render_with_errors(page, request, form):
    response = page.render(request, context_overrides={"follow_form": form})
    return response


def handle_follow_request(page, request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _render_with_errors(page, request, form)
    page_url = page.get_url(request)
    if form.is_spam:
        # Pretend it worked, so that the bot learns nothing.
        messages.success(request, _sent_message(form.cleaned_data["email"]))
        return HttpResponseRedirect(page_url)
    if page.status == CallStatus.CLOSED:
        form.add_error(None, _("This call is closed: there is no deadline left to remind you of."))
        return _render_with_errors(page, request, form)
    if _rate_limited(request):
        form.add_error(
            "email", _("Too many requests from your network. Please try again in an hour.")
        )
        return _render_with_errors(page, request, form)

    email = form.cleaned_data["email"]
    follower, _created = CallFollower.objects.get_or_create(call=page, email=email)
    now = timezone.now()
    if follower.confirmed_at is None and (
        follower.confirmation_sent_at is None
        or now - follower.confirmation_sent_at >= CONFIRMATION_RESEND_AFTER
    ):
        confirmation_message(follower).send()
        CallFollower.objects.filter(pk=follower.pk).update(confirmation_sent_at=now)
    # The same answer whether the address was new, pending or already confirmed: the form
    # does not reveal who follows what.
    messages.success(request, _sent_message(email))
    return HttpResponseRedirect(page_url)


def _sent_message(email):
    return _(
        "Almost done: we have sent a confirmation link to %(email)s. Reminders start once you "
        "open it."
    ) % {"email": email}
