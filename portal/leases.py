"""Leases on work that sends mail (newsletter deliveries, call reminders).

A worker takes rows by writing its own token and an expiry into them with one conditional
UPDATE: only rows whose lease is free or expired change, so two workers never hold the same
row, and a row held by a worker that died is taken again once its lease expires. Progress
never depends on the task queue recovering a task whose worker was killed.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Leased(models.Model):
    lease_token = models.UUIDField(null=True, blank=True, editable=False)
    leased_until = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True


def free_at(now):
    return Q(leased_until__isnull=True) | Q(leased_until__lt=now)


def take(queryset, *, seconds, limit=None, now=None):
    """Lease up to ``limit`` rows of ``queryset`` (in its order) whose lease is free or expired.

    Returns ``(token, rows)``: the rows this call now holds, re-read, in order. Rows another
    worker took in the meantime are simply not among them."""
    now = now or timezone.now()
    candidates = queryset.filter(free_at(now)).values_list("pk", flat=True)
    if limit is not None:
        candidates = candidates[:limit]
    ids = list(candidates)
    if not ids:
        return None, []
    token = uuid.uuid4()
    model = queryset.model
    model._default_manager.filter(pk__in=ids).filter(free_at(now)).update(
        lease_token=token, leased_until=now + timedelta(seconds=seconds)
    )
    rows = queryset.filter(pk__in=ids, lease_token=token)
    return token, list(rows)


def renew(model, token, *, seconds, now=None):
    """Extend every lease held under ``token`` (a worker making progress keeps its rows)."""
    now = now or timezone.now()
    return model._default_manager.filter(lease_token=token, leased_until__gte=now).update(
        leased_until=now + timedelta(seconds=seconds)
    )


def release(queryset):
    """Give rows back at once (a clean stop): another worker may take them immediately."""
    return queryset.update(lease_token=None, leased_until=None)
