"""Demo bulletins: the archive in three languages and a few issues written in Russian and
translated into Estonian through wagtail-localize. The content is in demo_bulletins.toml.

Idempotent: a second run finds the pages and translations of the first and creates no
revision. Issue dates are relative to this week's Monday, so the newest issue is always recent
(and a run later in the same week changes nothing).
"""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from calls.models import CallPage
from home.demo import (
    _apply,
    _publish,
    ensure_home_pages,
    ensure_locales,
    ensure_translated_page,
    translate_page,
)

from .models import BulletinIndexPage, BulletinPage

DATA = Path(__file__).with_name("demo_bulletins.toml")
SOURCE = "ru"
TRANSLATION = "et"


def load():
    with DATA.open("rb") as file:
        return tomllib.load(file)


def _paragraphs(texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def _text(value, language):
    return value[language] if value else ""


def _section(spec, language, issue_date, calls):
    """One section of the body as (block type, value) in ``language``."""
    kind = spec["type"]
    if kind == "calls":
        chosen = [
            {"call": calls[item["call"]], "note": _text(item.get("note"), language)}
            for item in spec["calls"]
            if item["call"] in calls
        ]
        return ("calls", {"heading": "", "calls": chosen}) if chosen else None
    if kind == "closing_note":
        return (
            kind,
            {
                "text": _paragraphs(spec["text"][language]),
                "signature": _text(spec.get("signature"), language),
            },
        )
    items = []
    for item in spec["items"]:
        if kind == "news":
            value = {"title": item["title"][language], "text": _paragraphs(item["text"][language])}
        elif kind == "events":
            first = issue_date + timedelta(days=item["days"])
            value = {
                "title": item["title"][language],
                "date": first,
                "end_date": first + timedelta(days=item.get("length", 1) - 1)
                if item.get("length", 1) > 1
                else None,
                "time": item.get("time", ""),
                "place": item["place"][language],
                "description": _text(item.get("description"), language),
            }
        else:  # organisation_news
            value = {
                "title": item["title"][language],
                "organisation": item["organisation"][language],
                "text": item["text"][language],
            }
        value["link"] = item.get("link", "")
        items.append(value)
    return (kind, {"heading": "", "items": items})


def _translations(issue):
    """Russian string -> Estonian string, for every text of an issue (paragraphs one by one,
    as wagtail-localize segments rich text)."""
    pairs = {}

    def add(value):
        if isinstance(value, dict) and SOURCE in value:
            source, target = value[SOURCE], value[TRANSLATION]
            if isinstance(source, list):
                pairs.update(zip(source, target, strict=True))
            else:
                pairs[source] = target
        elif isinstance(value, dict):
            for item in value.values():
                add(item)
        elif isinstance(value, list):
            for item in value:
                add(item)

    add(issue)
    return pairs


def issue_date(weeks_ago, today=None):
    today = today or timezone.localdate()
    return today - timedelta(days=today.weekday(), weeks=weeks_ago)


def ensure_issue(spec, archive, calls):
    """The Russian source of one issue, live and as in the data; returns it and whether it
    changed."""
    day = issue_date(spec["weeks_ago"])
    sections = [_section(section, SOURCE, day, calls) for section in spec["sections"]]
    fields = {
        "title": spec["title"][SOURCE],
        "introduction": spec["introduction"][SOURCE],
        "issue_number": spec["number"],
        "issue_date": day,
        "body": [section for section in sections if section is not None],
    }
    page = BulletinPage.objects.child_of(archive).filter(slug=str(spec["number"])).first()
    if page is None:
        page = BulletinPage(slug=str(spec["number"]), **fields)
        archive.add_child(instance=page)
        page.save_revision().publish()
        return BulletinPage.objects.get(pk=page.pk), True
    changed = _apply(page, fields)
    _publish(page, changed)
    return BulletinPage.objects.get(pk=page.pk), changed


@transaction.atomic
def seed():
    data = load()
    locales = ensure_locales()
    homes = ensure_home_pages()
    archives = ensure_translated_page(
        BulletinIndexPage,
        homes,
        "bulletins",
        {code: data["archive"][code] for code in (SOURCE, TRANSLATION, "en")},
        show_in_menus=True,
    )
    calls = {call.slug: call for call in CallPage.objects.filter(locale=locales[SOURCE])}
    bulletins = []
    for spec in data["issue"]:
        source, changed = ensure_issue(spec, archives[SOURCE], calls)
        translation = translate_page(source, locales[TRANSLATION], _translations(spec), changed)
        bulletins.append({SOURCE: source, TRANSLATION: translation})
    return {"bulletin_archives": archives, "bulletins": bulletins}
