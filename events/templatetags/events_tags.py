from django import template

from portal.cards import kept_cards, rows_of

register = template.Library()


@register.simple_tag(takes_context=True)
def event_cards(context, events):
    """The card of each event in ``events`` (events/includes/event_card.html), kept per
    generation and language (``portal.cards.kept_cards``): nothing on it changes with the
    clock. ``events`` need only their primary keys."""
    from events.models import EventPage

    return kept_cards(
        context,
        events,
        template_name="events/includes/event_card.html",
        variable="event",
        name="event-card",
        load=rows_of(EventPage.objects.for_listing()),
    )
