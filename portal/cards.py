"""Cards of a list, each rendered once and kept until the next generation of the content."""

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .navigation import remember_many


def kept_cards(context, items, *, template_name, variable, name, load, key=None):
    """The HTML of ``template_name`` rendered for each of ``items`` (as ``variable``), kept per
    generation of the content (``portal.navigation.remember_many``), language and ``key(item)``
    (by default the primary key; a card that changes with the clock puts what it shows of the
    clock in its key). ``items`` need only what ``key`` reads; ``load(pks)`` reads in full the
    items whose cards have to be rendered. A list thus shows the same cards to every reader
    until the content changes."""
    key = key or (lambda item: str(item.pk))
    by_key = {key(item): item for item in items}
    template = context.template.engine.get_template(template_name)

    def render(keys):
        wanted = {by_key[card].pk: card for card in keys}
        rendered = {}
        for item in load(wanted):
            with context.push({variable: item}):
                rendered[wanted[item.pk]] = template.render(context)
        return rendered

    request = context.get("request")
    if request is None:
        html = render(by_key)
    else:
        html = remember_many(request, f"{name}:{get_language()}", list(by_key), render)
    # Each card is a template's output, escaped there.
    return mark_safe("".join(html[card] for card in by_key if card in html))  # noqa: S308
