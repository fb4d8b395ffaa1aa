"""Factories for calls, shared by tests, ``seed_demo`` and the benchmarks."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from .models import ALL_OF_ESTONIA, ApplicantType, CallFollower, CallIndexPage, CallPage, Funder


def _locale(code="et"):
    return Locale.objects.get(language_code=code)


class FunderFactory(DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Sihtasutus {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.ee/")
    description = "Toetab Eesti vabaühenduste projekte."
    locale = factory.LazyFunction(_locale)


def ensure_call_index(home, title="Taotlusvoorud", introduction=""):
    index = CallIndexPage.objects.child_of(home).first()
    if index is None:
        index = CallIndexPage(title=title, slug="calls", introduction=introduction)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


class CallPageFactory(DjangoModelFactory):
    """A live call under ``parent`` (a CallIndexPage). ``topics`` is a list of ActivityFields;
    ``revision=True`` publishes through a revision as the admin does (slower: tests of the
    page history and translation need it, lists and benchmarks do not)."""

    class Meta:
        model = CallPage

    class Params:
        now = factory.LazyFunction(timezone.now)

    parent = None
    title = factory.Sequence(lambda n: f"Taotlusvoor {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slugify(o.title) or f"call-{n}")
    introduction = "Toetus vabaühenduste projektidele, mis tugevdavad kohalikku kogukonda."
    programme = "Kodanikuühiskonna toetusprogramm"
    funder = factory.LazyAttribute(
        lambda o: FunderFactory(locale=o.parent.locale if o.parent else _locale())
    )
    opens_at = factory.LazyAttribute(lambda o: o.now - timedelta(days=10))
    deadline = factory.LazyAttribute(lambda o: o.now + timedelta(days=30))
    budget_total = 100_000
    grant_min = 1_000
    grant_max = 10_000
    eligible_applicants = factory.LazyFunction(lambda: [ApplicantType.NGO])
    regions = factory.LazyFunction(lambda: [ALL_OF_ESTONIA])
    application_languages = factory.LazyFunction(lambda: ["et", "ru"])
    official_url = factory.LazyAttribute(lambda o: f"https://example.ee/taotlusvoorud/{o.slug}")

    @classmethod
    def _create(cls, model_class, *args, parent, topics=(), revision=False, live=True, **kwargs):
        page = model_class(live=live and not revision, **kwargs)
        if topics:
            page.topics = list(topics)
        parent.add_child(instance=page)
        if revision:
            saved = page.save_revision()
            if live:
                saved.publish()
                page.refresh_from_db()
        return page


class CallFollowerFactory(DjangoModelFactory):
    class Meta:
        model = CallFollower

    call = None
    email = factory.Sequence(lambda n: f"jalgija{n}@ngo.example")
    confirmed_at = factory.LazyFunction(timezone.now)
