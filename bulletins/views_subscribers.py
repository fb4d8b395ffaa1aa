"""The subscriber's pages: the subscription form (under the language prefix) and the token
links of e-mails (outside it, each rendered in the subscriber's language).

Links that change something show a page with a button on GET and act on POST: mail scanners
open links, people press buttons. The unsubscribe POST is RFC 8058's one-click: no cookie,
no CSRF token, a 2xx answer without a redirect, and the same answer when repeated.
"""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Locale, Page

from portal.ratelimit import allow

from . import subscriptions
from .forms import SubscribeForm, SubscriptionChoicesForm
from .models import Topic
from .tokens import (
    CONFIRM,
    CONFIRM_MAX_AGE,
    PREFERENCES,
    UNSUBSCRIBE,
    URL_NAMES,
    is_for_deleted_subscriber,
    make_token,
    read_token,
)


def _path(subscriber, purpose):
    return reverse(URL_NAMES[purpose], args=[make_token(subscriber, purpose)])


def _privacy_url():
    page = Page.objects.live().public().filter(locale=Locale.get_active(), slug="privacy").first()
    return page.url if page else ""


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """/<lang>/newsletter/subscribe/: the sign-up form, double opt-in."""
    consent_text = subscriptions.consent_wording()
    if request.method == "GET":
        form = SubscribeForm(
            initial={"language": translation.get_language(), "topics": Topic.values}
        )
        return _subscribe_page(request, form, consent_text)
    form = SubscribeForm(request.POST)
    if form.is_spam():
        # The same answer as for a person, and nothing recorded or sent.
        return redirect("newsletter_subscribe_sent")
    if not form.is_valid():
        return _subscribe_page(request, form, consent_text, status=400)
    if not allow(request, "subscribe"):
        form.add_error(None, _("Too many requests from your network. Please try again in an hour."))
        return _subscribe_page(request, form, consent_text, status=429)
    data = form.cleaned_data
    subscriptions.sign_up(
        data["email"],
        {name: data[name] for name in subscriptions.CHOICES},
        consent_text=consent_text,
        consent_source=f"web form {request.path}",
    )
    messages.success(
        request,
        _("If %(email)s receives mail, a message from us is on its way to it.")
        % {"email": data["email"]},
    )
    return redirect("newsletter_subscribe_sent")


def _subscribe_page(request, form, consent_text, status=200):
    context = {"form": form, "consent_text": consent_text, "privacy_url": _privacy_url()}
    return render(request, "bulletins/subscribe.html", context, status=status)


@require_GET
def subscribe_sent(request):
    return render(request, "bulletins/subscribe_sent.html")


def _render(request, language, template, context, status=200):
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(request, template, context, status=status)
    response["Content-Language"] = language
    return response


def _link_invalid(request, expired_for=None):
    """A forged or mangled link (400: a 404 outside the language prefix would be redirected
    into it by LocaleMiddleware), or an expired confirmation link (410), the latter in the
    language of the subscriber it was made for."""
    language = expired_for.language if expired_for else translation.get_language()
    return _render(
        request,
        language,
        "bulletins/newsletter_link_invalid.html",
        {"expired": expired_for is not None},
        status=410 if expired_for else 400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = read_token(token, CONFIRM, max_age=CONFIRM_MAX_AGE)
    if subscriber is None:
        return _link_invalid(request, expired_for=read_token(token, CONFIRM))
    if request.method == "POST" and subscriptions.confirm(subscriber):
        subscriber.refresh_from_db()
    context = {"subscriber": subscriber}
    if subscriber.status == subscriber.Status.CONFIRMED:
        # Whoever holds this link has shown they read the address's mail.
        context["preferences_url"] = _path(subscriber, PREFERENCES)
    return _render(request, subscriber.language, "bulletins/newsletter_confirm.html", context)


@never_cache
@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session or CSRF cookie.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = read_token(token, UNSUBSCRIBE)
    if subscriber is None:
        if not is_for_deleted_subscriber(token, UNSUBSCRIBE):
            return _link_invalid(request)
        # A real link of someone whose data was deleted: they get nothing, say so.
        return _render(
            request, translation.get_language(), "bulletins/unsubscribe.html", {"gone": True}
        )
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        subscriber.refresh_from_db()
    context = {"subscriber": subscriber, "preferences_url": _path(subscriber, PREFERENCES)}
    return _render(request, subscriber.language, "bulletins/unsubscribe.html", context)


def _gone(request, token):
    if not is_for_deleted_subscriber(token, PREFERENCES):
        return _link_invalid(request)
    return _render(request, translation.get_language(), "bulletins/data_deleted.html", {})


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = read_token(token, PREFERENCES)
    if subscriber is None:
        return _gone(request, token)
    if request.method == "POST":
        form = SubscriptionChoicesForm(request.POST)
        if form.is_valid():
            subscriptions.update_choices(subscriber, form.cleaned_data)
            with translation.override(subscriber.language):
                messages.success(request, _("Your choices are saved."))
            return redirect(request.path)
        status = 400
    else:
        form = SubscriptionChoicesForm(
            initial={name: getattr(subscriber, name) for name in subscriptions.CHOICES}
        )
        status = 200
    context = {
        "subscriber": subscriber,
        "form": form,
        "token": token,
        "unsubscribe_url": _path(subscriber, UNSUBSCRIBE),
    }
    return _render(
        request, subscriber.language, "bulletins/preferences.html", context, status=status
    )


@never_cache
@require_GET
def download_data(request, token):
    subscriber = read_token(token, PREFERENCES)
    if subscriber is None:
        return _gone(request, token)
    response = HttpResponse(
        json.dumps(subscriptions.personal_data(subscriber), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="sild-subscription.json"'
    return response


@never_cache
@require_POST
def delete_data(request, token):
    subscriber = read_token(token, PREFERENCES)
    if subscriber is None:
        return _gone(request, token)
    language = subscriber.language
    subscriptions.delete_data(subscriber)
    return _render(request, language, "bulletins/data_deleted.html", {})
