"""Factories for bulletins, shared by tests, ``seed_demo`` and the benchmarks."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import BulletinPage


class BulletinPageFactory(DjangoModelFactory):
    """A live issue under ``parent`` (a BulletinIndexPage), published through a revision as
    the admin does (``live=False``: a draft that was never published)."""

    class Meta:
        model = BulletinPage

    parent = None
    issue_number = factory.Sequence(lambda n: 500 + n)
    issue_date = factory.LazyFunction(timezone.localdate)
    title = factory.LazyAttribute(lambda o: f"Бюллетень № {o.issue_number}")
    slug = factory.LazyAttribute(lambda o: str(o.issue_number))
    introduction = "Конкурсы, обучение и новости сети за неделю."

    @classmethod
    def _create(cls, model_class, *args, parent, live=True, **kwargs):
        page = model_class(live=False, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        return model_class.objects.get(pk=page.pk)
