"""Views of calls/urls.py: the ``.ics`` files and the token links of follow e-mails, each
rendered in the language of the call page the visitor followed."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from .models import CallFollower, CallIndexPage, CallPage
from .reminders import schedule_reminders
from .tokens import CONFIRM_MAX_AGE, CONFIRM_SALT, STOP_SALT, read_token


def _follower(token, salt, max_age=None):
    value = read_token(token, salt, max_age)
    if value is None:
        return None
    follower_id, secret = value
    return (
        CallFollower.objects.select_related("call", "call__locale", "call__funder")
        .filter(pk=follower_id, secret=secret)
        .first()
    )


def _render(request, language, template, context, status=200):
    with translation.override(language):
        request.LANGUAGE_CODE = language
        return render(request, template, context, status=status)


def _invalid(request):
    return _render(
        request,
        translation.get_language(),
        "calls/follow_link_invalid.html",
        {},
        status=404,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_follow(request, token):
    """GET shows a button (mail scanners open links, people press buttons); POST confirms."""
    follower = _follower(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if follower is None:
        return _invalid(request)
    call = follower.call
    context = {"call": call, "call_url": call.get_url(request), "follower": follower}
    if request.method == "GET" and follower.confirmed_at is None:
        return _render(request, follower.language, "calls/follow_confirm.html", context)
    if follower.confirmed_at is None:
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
        schedule_reminders(call)
    return _render(request, follower.language, "calls/follow_confirmed.html", context)


@never_cache
@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session or CSRF cookie.
@require_http_methods(["GET", "POST"])
def stop_following(request, token):
    value = read_token(token, STOP_SALT)
    if value is None:
        return _invalid(request)
    follower = _follower(token, STOP_SALT)
    if follower is None:
        # Already stopped (the link was used before): say so, in the visitor's language.
        return _render(
            request,
            translation.get_language(),
            "calls/stop_following.html",
            {"stopped": True},
        )
    call = follower.call
    context = {"call": call, "call_url": call.get_url(request), "email": follower.email}
    if request.method == "POST":
        follower.delete()
        return _render(
            request, follower.language, "calls/stop_following.html", {**context, "stopped": True}
        )
    return _render(request, follower.language, "calls/stop_following.html", context)


def _index_for_language():
    index = CallIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()
    if index is None:
        raise Http404
    return index


@require_GET
def calendar_ics(request):
    """/<language>/calls/calendar.ics: every open and upcoming deadline of that language."""
    return _index_for_language().calendar(request)


@require_GET
def call_calendar_ics(request, slug):
    call = (
        CallPage.objects.child_of(_index_for_language()).live().public().filter(slug=slug).first()
    )
    if call is None:
        raise Http404
    return call.calendar(request)
