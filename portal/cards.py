"""Cards of a list, each rendered once and kept until the next generation of the content."""

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .navigation import remember_many


def kept_cards(context, items, *, template_name, variable, name, load, key=None):
    """The HTML of ``template_name`` rendered for each of ``items`` (as ``variable``), kept per
    generation of the content (``portal.navigation.remember_many``), language and ``key(item)``
    (by default the primary key; a card that changes with the clock puts what it shows of the
    clock in its key). ``items`` need only what ``key`` reads; ``load(items)`` gives, for the
    items whose cards have to be rendered, what each card is rendered from, in their order
    (None: no card). A list thus shows the same cards to every reader until the content
    changes."""
    key = key or (lambda item: str(item.pk))
    by_key = {key(item): item for item in items}
    template = context.template.engine.get_template(template_name)

    def render(keys):
        keys = list(keys)
        rendered = {}
        for card, item in zip(keys, load([by_key[card] for card in keys]), strict=True):
            if item is not None:
                with context.push({variable: item}):
                    rendered[card] = template.render(context)
        return rendered

    request = context.get("request")
    if request is None:
        html = render(by_key)
    else:
        html = remember_many(request, f"{name}:{get_language()}", list(by_key), render)
    # Each card is a template's output, escaped there.
    return mark_safe("".join(html[card] for card in by_key if card in html))  # noqa: S308


def rows_of(queryset):
    """A ``load`` for ``kept_cards`` whose items are model instances: their rows in
    ``queryset``, read in one query."""

    def load(items):
        found = queryset.in_bulk([item.pk for item in items])
        return [found.get(item.pk) for item in items]

    return load
