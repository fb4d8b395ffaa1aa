"""Following a call: the form on the call page, double opt-in, stopping."""

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mail import send_email_on_commit
from portal.ratelimit import allow, allow_subject

from .emails import confirmation_message
from .forms import FollowForm
from .models import CallFollower
from .status import CallStatus

CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)


def _render_with_errors(page, request, form):
    response = page.render(request, context_overrides={"follow_form": form})
    return response


def handle_follow_request(page, request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _render_with_errors(page, request, form)
    page_url = page.get_url(request)
    if form.is_spam():
        # Pretend it worked, so that the bot learns nothing.
        messages.success(request, _sent_message(form.cleaned_data["email"]))
        return HttpResponseRedirect(page_url)
    if page.status == CallStatus.CLOSED:
        form.add_error(None, _("This call is closed: there is no deadline left to remind you of."))
        return _render_with_errors(page, request, form)
    if not allow(request, "follow"):
        form.add_error(
            "email", _("Too many requests from your network. Please try again in an hour.")
        )
        return _render_with_errors(page, request, form)

    email = form.cleaned_data["email"]
    with transaction.atomic():
        follower, _created = CallFollower.objects.get_or_create(call=page, email=email)
        now = timezone.now()
        # The mail goes out from the task worker; the answer is the same, and comes as fast,
        # whether the address was new, pending or already confirmed. An address gets a few
        # confirmation mails a day across all calls, however many are asked for.
        if (
            follower.confirmed_at is None
            and (
                follower.confirmation_sent_at is None
                or now - follower.confirmation_sent_at >= CONFIRMATION_RESEND_AFTER
            )
            and allow_subject("follow", "recipient", email)
        ):
            CallFollower.objects.filter(pk=follower.pk).update(confirmation_sent_at=now)
            send_email_on_commit(confirmation_message, follower_id=follower.pk)
    messages.success(request, _sent_message(email))
    return HttpResponseRedirect(page_url)


def _sent_message(email):
    return _(
        "Almost done: we have sent a confirmation link to %(email)s. Reminders start once you "
        "open it."
    ) % {"email": email}
