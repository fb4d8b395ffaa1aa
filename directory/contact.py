"""The contact relay: a visitor writes to an organisation through its profile.

The organisation's address is never shown (unless it chose to publish it): the message is
sent by the portal, with Reply-To set to the visitor, and the visitor gets a copy. A honeypot
field and cache-based limits per IP address and per sender address keep robots out. Only a
``ContactRecord`` (organisation, languages, date) is kept; the message is not stored.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .forms import ContactForm
from .models import ContactRecord

logger = logging.getLogger(__name__)

# (messages, seconds): per IP address and per sender address. Settings may override them.
DEFAULT_LIMITS = {"ip": (5, 3600), "sender": (3, 3600)}


@dataclass
class Outcome:
    form: ContactForm
    redirect: str = ""
    status: int = 200


def _limits():
    return {**DEFAULT_LIMITS, **getattr(settings, "DIRECTORY_CONTACT_LIMITS", {})}


def _cache_key(kind, value):
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"directory:contact:{kind}:{digest}"


def _over_limit(keys):
    limits = _limits()
    return any((cache.get(key_) or 0) >= limits[kind][0] for kind, key_ in keys)


def _count(keys):
    limits = _limits()
    for kind, key_ in keys:
        if cache.add(key_, 1, limits[kind][1]):
            continue
        try:
            cache.incr(key_)
        except ValueError:
            cache.set(key_, 1, limits[kind][1])


def _client_ip(request):
    # Behind the reverse proxy of the production set-up REMOTE_ADDR is the proxy; the proxy is
    # configured to set it (see README), so no header a client can forge is trusted here.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def recipient_language(page):
    """The organisation reads the message in the language of the profile the visitor used,
    if it works in it, else in its first working language."""
    organisation = page.organisation
    working = [code for code in organisation.working_languages if code in ("ru", "et", "en")]
    if page.locale.language_code in working or not working:
        return page.locale.language_code
    return working[0]


def send_contact(page, data, request):
    organisation = page.organisation
    sender_language = get_language()
    context = {
        "page": page,
        "organisation": organisation,
        "sender_name": data["name"],
        "sender_email": data["email"],
        "sender_organisation": data["organisation"],
        "message": data["message"],
        "profile_url": page.get_full_url(request) or request.build_absolute_uri(page.url),
        "sender_language": sender_language,
    }
    with translation.override(recipient_language(page)):
        to_organisation = EmailMessage(
            subject=_("Message from %(name)s through Sild") % {"name": data["name"]},
            body=render_to_string("directory/email/contact_message.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[organisation.email],
            reply_to=[data["email"]],
            headers={"Content-Language": translation.get_language()},
        )
    with translation.override(sender_language):
        copy_to_sender = EmailMessage(
            subject=_("Your message to %(organisation)s") % {"organisation": page.title},
            body=render_to_string("directory/email/contact_copy.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[data["email"]],
            headers={"Content-Language": sender_language},
        )
    to_organisation.send()
    copy_to_sender.send()


def handle_contact(page, request):
    form = ContactForm(request.POST)
    profile_url = page.get_url(request)
    if form.is_spam():
        # Say the same as for a real message, send nothing, record nothing.
        messages.success(request, _("Your message has been sent. A copy is on its way to you."))
        return Outcome(form, redirect=profile_url)
    if not page.organisation.email:
        form.add_error(None, _("This organisation cannot be contacted through the portal yet."))
        return Outcome(form, status=400)
    if not form.is_valid():
        return Outcome(form, status=400)
    keys = [
        ("ip", _cache_key("ip", _client_ip(request))),
        ("sender", _cache_key("sender", form.cleaned_data["email"])),
    ]
    if _over_limit(keys):
        form.add_error(
            None,
            _("You have sent several messages in a short time. Please try again in an hour."),
        )
        return Outcome(form, status=429)
    _count(keys)
    try:
        send_contact(page, form.cleaned_data, request)
    except OSError:
        logger.exception("Contact message to organisation %s failed", page.organisation_id)
        form.add_error(
            None, _("The message could not be sent just now. Please try again in a few minutes.")
        )
        return Outcome(form, status=503)
    ContactRecord.objects.create(
        organisation=page.organisation,
        sender_language=get_language() or "",
        profile_language=page.locale.language_code,
    )
    messages.success(request, _("Your message has been sent. A copy is on its way to you."))
    return Outcome(form, redirect=profile_url + "#contact")
