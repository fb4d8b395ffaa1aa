import hashlib
from decimal import Decimal

from django import template
from django.utils import numberformat, timezone
from django.utils.formats import get_format
from django.utils.translation import gettext

from portal.cards import kept_cards, rows_of

register = template.Library()


@register.filter
def euros(amount):
    """12500 -> "12 500 €" (grouping by the active language), cents only when there are any."""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    decimals = 0 if amount == amount.to_integral_value() else 2
    # Grouped by thousands in every language (Django's Estonian format does not group).
    number = numberformat.format(
        amount,
        decimal_sep=get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    return f"{number}\u00a0€"


@register.simple_tag
def grant_range(call):
    """The grant range in words: "from 1 000 € to 5 000 €", "up to 5 000 €", "from 1 000 €"."""
    low, high = call.grant_min, call.grant_max
    if low is not None and high is not None:
        if low == high:
            return euros(high)
        return gettext("from %(min)s to %(max)s") % {"min": euros(low), "max": euros(high)}
    if high is not None:
        return gettext("up to %(max)s") % {"max": euros(high)}
    if low is not None:
        return gettext("from %(min)s") % {"min": euros(low)}
    return ""


@register.simple_tag
def countdown_at(call, now):
    return call.countdown(now)


@register.simple_tag
def status_at(call, now):
    return call.status_at(now)


@register.filter
def isotime(moment):
    """A machine-readable time for <time datetime>: Estonian offset, whole seconds."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def call_cards(context, calls, now):
    """The card of each call in ``calls`` (calls/includes/call_card.html), kept per generation,
    language, status and countdown (``portal.cards.kept_cards``). ``calls`` need only their
    dates (``CallPageQuerySet.for_card_keys``)."""
    from calls.models import CallPage

    return kept_cards(
        context,
        calls,
        template_name="calls/includes/call_card.html",
        variable="call",
        name="call-card",
        key=lambda call: _card_key(call, now),
        load=rows_of(CallPage.objects.for_cards()),
    )


def _card_key(call, now):
    clock = f"{call.status_at(now)}:{call.countdown(now)}".encode()
    return f"{call.pk}:{hashlib.blake2b(clock, digest_size=8).hexdigest()}"
