import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.cards import kept_cards

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """``<script type="application/ld+json">`` with ``<``, ``>`` and ``&`` escaped, so that no
    name or description can close the script element (the escaping of ``json_script``)."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def organisation_cards(context, search, ids):
    """The result card of each organisation of ``ids`` (directory/includes/
    organisation_card.html), kept per generation and reader's language
    (``portal.cards.kept_cards``): only the organisations whose cards are not kept are read."""
    return kept_cards(
        context,
        ids,
        template_name="directory/includes/organisation_card.html",
        variable="result",
        name=f"organisation-card:{search.reader_language}",
        key=str,
        load=lambda wanted: search.results(wanted, context.get("request")),
    )
