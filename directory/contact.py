"""The contact relay: a visitor writes to an organisation through its profile.

The organisation's address is never shown (unless it chose to publish it): the message is
sent by the portal, with Reply-To set to the visitor. The request records the contact first
(``ContactRecord``: organisation, languages, date; never the message), then queues the mails
(``portal.mail``); a mail that fails later is retried by the worker and is never the
visitor's problem.

The visitor gets a notice that the message went out and to whom. It repeats the text only
for a signed-in sender writing from their own verified address: otherwise anyone could make
the portal send any text, from its own domain, to any address. A honeypot field and the
portal's rate limits (per client, per sender address, per organisation and day) keep robots
out.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.mail import email_builder, send_email_on_commit
from portal.ratelimit import exceeded

from .forms import ContactForm
from .models import ContactRecord, OrganisationPage


@dataclass
class Outcome:
    form: ContactForm
    redirect: str = ""
    status: int = 200


def recipient_language(page):
    """The organisation reads the message in the language of the profile the visitor used,
    if it works in it, else in its first working language."""
    organisation = page.organisation
    working = [code for code in organisation.working_languages if code in ("ru", "et", "en")]
    if page.locale.language_code in working or not working:
        return page.locale.language_code
    return working[0]


def _page(page_id):
    return (
        OrganisationPage.objects.select_related("organisation", "locale").filter(pk=page_id).first()
    )


def _context(page, sender):
    return {
        "page": page,
        "organisation": page.organisation,
        "sender_name": sender["name"],
        "sender_email": sender["email"],
        "sender_organisation": sender.get("organisation", ""),
        "message": sender.get("message", ""),
        "profile_url": page.get_full_url(),
    }


@email_builder
def message_to_organisation(page_id, sender):
    page = _page(page_id)
    if page is None or not page.organisation.email:
        return None
    with translation.override(recipient_language(page)):
        return EmailMessage(
            subject=_("Message from %(name)s through Sild") % {"name": sender["name"]},
            body=render_to_string("directory/email/contact_message.txt", _context(page, sender)),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[page.organisation.email],
            reply_to=[sender["email"]],
            headers={"Content-Language": translation.get_language()},
        )


@email_builder
def notice_to_sender(page_id, sender, language):
    page = _page(page_id)
    if page is None:
        return None
    with translation.override(language):
        return EmailMessage(
            subject=_("Your message to %(organisation)s") % {"organisation": page.title},
            body=render_to_string("directory/email/contact_copy.txt", _context(page, sender)),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[sender["email"]],
            headers={"Content-Language": language},
        )


def owns_verified_address(request, email):
    user = request.user
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


def _sent(request):
    messages.success(
        request, _("Your message has been sent. We have e-mailed you a notice that it went out.")
    )


def handle_contact(page, request):
    form = ContactForm(request.POST)
    profile_url = page.get_url(request)
    if form.is_spam():
        # Say the same as for a real message, send nothing, record nothing.
        _sent(request)
        return Outcome(form, redirect=profile_url)
    if not page.organisation.email:
        form.add_error(None, _("This organisation cannot be contacted through the portal yet."))
        return Outcome(form, status=400)
    if not form.is_valid():
        return Outcome(form, status=400)
    data = form.cleaned_data
    over = exceeded(request, "contact", sender=data["email"], organisation=page.organisation_id)
    if "organisation" in over:
        form.add_error(
            None,
            _(
                "This organisation has received many messages through the portal today. "
                "Please try again tomorrow."
            ),
        )
        return Outcome(form, status=429)
    if over:
        form.add_error(
            None,
            _("You have sent several messages in a short time. Please try again in an hour."),
        )
        return Outcome(form, status=429)
    sender = {key: data[key] for key in ("name", "email", "organisation", "message")}
    notice = {key: data[key] for key in ("name", "email")}
    if owns_verified_address(request, data["email"]):
        notice["message"] = data["message"]
    language = get_language()
    with transaction.atomic():
        ContactRecord.objects.create(
            organisation=page.organisation,
            sender_language=language or "",
            profile_language=page.locale.language_code,
        )
        send_email_on_commit(message_to_organisation, page_id=page.pk, sender=sender)
        send_email_on_commit(notice_to_sender, page_id=page.pk, sender=notice, language=language)
    _sent(request)
    return Outcome(form, redirect=profile_url + "#contact")
