"""The rules of a call's facts hold in the database too: a write that skips the forms (a
script, a bulk update, a bad migration) cannot store a call that the admin would refuse."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from calls.factories import CallPageFactory
from calls.models import CallPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_indexes):
    return CallPageFactory(parent=call_indexes["et"])


def refused(call, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        CallPage.objects.filter(pk=call.pk).update(**values)
    return True


def test_the_deadline_is_after_the_opening(call):
    assert refused(call, deadline=call.opens_at)
    assert refused(call, deadline=call.opens_at - timedelta(seconds=1))
    # Open-ended dates are left to the forms (a draft may not have them yet).
    CallPage.objects.filter(pk=call.pk).update(opens_at=None)
    CallPage.objects.filter(pk=call.pk).update(deadline=call.opens_at + timedelta(microseconds=1))


def test_the_smallest_grant_is_not_above_the_largest(call):
    assert refused(call, grant_min=Decimal("10000.01"), grant_max=Decimal("10000"))
    CallPage.objects.filter(pk=call.pk).update(grant_min=Decimal(5000), grant_max=Decimal(5000))
    CallPage.objects.filter(pk=call.pk).update(grant_min=Decimal(9000), grant_max=None)


def test_the_largest_grant_is_not_above_the_budget(call):
    assert refused(call, grant_max=Decimal(200_000), budget_total=Decimal(100_000))
    CallPage.objects.filter(pk=call.pk).update(budget_total=None, grant_max=Decimal(200_000))


@pytest.mark.parametrize("field", ["budget_total", "grant_min", "grant_max"])
def test_amounts_are_not_negative(call, field):
    assert refused(call, **{field: Decimal("-1")})
