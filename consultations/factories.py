"""Factories for consultation requests, shared by tests and the benchmarks."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import Channel, ConsultationRequest, Topic


class ConsultationRequestFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    topic = Topic.FUNDING
    channel = Channel.EMAIL
    language = "ru"
    message = "Как подать заявку на грант?"
    consented_at = factory.LazyFunction(timezone.now)
    consent_text = "I agree."

    @classmethod
    def _create(cls, model_class, *args, created_at=None, **kwargs):
        """``created_at=...`` backdates the request (the field is set on insert)."""
        instance = super()._create(model_class, *args, **kwargs)
        if created_at is not None:
            model_class.objects.filter(pk=instance.pk).update(created_at=created_at)
            instance.created_at = created_at
        return instance
