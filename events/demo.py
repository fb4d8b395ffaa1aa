"""Demo trainings and events: Estonian sources translated into Russian through wagtail-localize.
The content is in demo_events.toml.

Idempotent: a second run on the same day finds the pages and translations of the first and
creates no revision. Dates are relative to today (Europe/Tallinn), so the demo always has coming
and past events.
"""

import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from directory.models import OrganisationPage
from directory.taxonomy import WorkingLanguage
from directory.vocabularies import ensure_vocabularies
from home.demo import (
    _apply,
    _publish,
    ensure_home_pages,
    ensure_locales,
    ensure_translated_page,
    translate_page,
)

from .models import EventIndexPage, EventPage

DATA = Path(__file__).with_name("demo_events.toml")
SOURCE = "et"
TRANSLATION = "ru"


def load():
    with DATA.open("rb") as file:
        return tomllib.load(file)


def _at(days, clock, today=None):
    today = today or timezone.localdate()
    hours, minutes = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hours, minutes)))


def _text(spec, name, language=SOURCE):
    value = spec.get(name)
    return value[language] if value else ""


def _fields(spec, organisations):
    first_day = spec["days"]
    fields = {
        "title": spec["title"][SOURCE],
        "introduction": spec["introduction"][SOURCE],
        "kind": spec["kind"],
        "organisation": organisations.get(spec.get("organisation")),
        "organiser_name": _text(spec, "organiser"),
        "starts_at": _at(first_day, spec["start"]),
        "ends_at": _at(first_day + spec.get("length", 0), spec["end"]),
        "attendance": spec["attendance"],
        "county": spec.get("county", ""),
        "town": spec.get("town", ""),
        "address": spec.get("address", ""),
        "online_url": spec.get("online_url", ""),
        # In the order of the choices, as the field stores them (else every run would differ).
        "languages": sorted(spec["languages"], key=WorkingLanguage.values.index),
        "is_free": spec.get("is_free", True),
        "cost": _text(spec, "cost"),
        "registration_url": "",
        "registration_deadline": None,
        "body": [("paragraph", "".join(f"<p>{text}</p>" for text in spec["body"][SOURCE]))],
    }
    if "register_days_before" in spec:
        fields["registration_url"] = f"https://registreerimine.example/{spec['slug']}"
        fields["registration_deadline"] = _at(first_day - spec["register_days_before"], "23:59")
    return fields


def _translations(spec):
    """Estonian string -> Russian string, for every text of an event (paragraph by paragraph,
    as wagtail-localize segments rich text)."""
    pairs = {}
    for name in ("title", "introduction", "organiser", "cost"):
        if name in spec:
            pairs[spec[name][SOURCE]] = spec[name][TRANSLATION]
    pairs.update(zip(spec["body"][SOURCE], spec["body"][TRANSLATION], strict=True))
    return pairs


def ensure_event(spec, index, organisations, vocabularies):
    """The Estonian source of one event, live and as in the data; returns it and whether it
    changed."""
    fields = _fields(spec, organisations)
    topics = [vocabularies["activity_fields"][slug] for slug in spec.get("topics", [])]
    groups = [vocabularies["target_groups"][slug] for slug in spec.get("groups", [])]
    page = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is None:
        page = EventPage(slug=spec["slug"], **fields)
        page.topics, page.target_groups = topics, groups
        index.add_child(instance=page)
        page.save_revision().publish()
        return EventPage.objects.get(pk=page.pk), True
    changed = _apply(page, fields)
    for relation, wanted in (("topics", topics), ("target_groups", groups)):
        if {item.pk for item in getattr(page, relation).all()} != {item.pk for item in wanted}:
            setattr(page, relation, wanted)
            changed = True
    _publish(page, changed)
    return EventPage.objects.get(pk=page.pk), changed


@transaction.atomic
def seed():
    data = load()
    locales = ensure_locales()
    homes = ensure_home_pages()
    indexes = ensure_translated_page(
        EventIndexPage,
        homes,
        "events",
        {code: data["index"][code] for code in (SOURCE, TRANSLATION, "en")},
        show_in_menus=True,
    )
    vocabularies = ensure_vocabularies()
    organisations = {
        page.slug: page.organisation
        for page in OrganisationPage.objects.select_related("organisation")
    }
    events = []
    for spec in data["event"]:
        source, changed = ensure_event(spec, indexes[SOURCE], organisations, vocabularies)
        translation = translate_page(source, locales[TRANSLATION], _translations(spec), changed)
        events.append({SOURCE: source, TRANSLATION: translation})
    return {"event_indexes": indexes, "events": events}
