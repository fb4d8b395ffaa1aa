"""Factories for events, shared by tests and ``seed_demo``."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from .models import Attendance, EventIndexPage, EventKind, EventPage


def ensure_event_index(home, title="Koolitused ja üritused", introduction=""):
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(title=title, slug="events", introduction=introduction)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


class EventPageFactory(DjangoModelFactory):
    """A live event under ``parent`` (an EventIndexPage), a week from now unless told. ``topics``
    and ``target_groups`` are lists of canonical concepts; ``revision=True`` publishes through
    a revision as the admin does (translation tests need it)."""

    class Meta:
        model = EventPage

    class Params:
        now = factory.LazyFunction(timezone.now)

    parent = None
    title = factory.Sequence(lambda n: f"Koolitus {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slugify(o.title) or f"event-{n}")
    introduction = "Praktiline koolitus vabaühenduste juhtidele ja vabatahtlikele."
    kind = EventKind.TRAINING
    organiser_name = "Vabaühenduste Liit"
    starts_at = factory.LazyAttribute(lambda o: o.now + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    attendance = Attendance.IN_PERSON
    county = "harju"
    town = "Tallinn"
    address = "Telliskivi 60a"
    languages = factory.LazyFunction(lambda: ["et"])
    is_free = True
    registration_url = factory.LazyAttribute(lambda o: f"https://example.ee/registreeru/{o.slug}")

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        parent,
        topics=(),
        target_groups=(),
        revision=False,
        live=True,
        **kwargs,
    ):
        page = model_class(live=live and not revision, **kwargs)
        if topics:
            page.topics = list(topics)
        if target_groups:
            page.target_groups = list(target_groups)
        parent.add_child(instance=page)
        if revision:
            saved = page.save_revision()
            if live:
                saved.publish()
                page.refresh_from_db()
        return page
