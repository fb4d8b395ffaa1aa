"""Joining, founding and answering: the membership flows shared by the member area and the
admin."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from portal.mail import send_email_on_commit

from ..models import Membership
from .emails import join_request_to_owner, membership_answer
from .profiles import new_version


def owners(organisation):
    return Membership.objects.filter(
        organisation=organisation, role=Membership.Role.OWNER, status=Membership.Status.ACTIVE
    )


def request_to_join(user, organisation, message=""):
    """An editor's place when the organisation has owners (they answer); else a claim to be
    its owner, which the portal's editors answer."""
    has_owner = owners(organisation).exists()
    with transaction.atomic():
        membership = Membership.objects.create(
            organisation=organisation,
            user=user,
            role=Membership.Role.EDITOR if has_owner else Membership.Role.OWNER,
            status=Membership.Status.PENDING,
            language=get_language(),
            message=message,
        )
        for owner in owners(organisation):
            send_email_on_commit(
                join_request_to_owner, membership_id=membership.pk, owner_id=owner.pk
            )
    return membership


def decide(membership, approve, by):
    """Answer a pending request and tell the person."""
    with transaction.atomic():
        membership.status = Membership.Status.ACTIVE if approve else Membership.Status.DECLINED
        membership.decided_at = timezone.now()
        membership.decided_by = by
        membership.save(update_fields=["status", "decided_at", "decided_by"])
        send_email_on_commit(membership_answer, membership_id=membership.pk)


def found_organisation(user, organisation, language, page):
    """A new organisation, its first profile version (sent to the moderators) and its founder
    waiting to be confirmed as owner, all or nothing."""
    with transaction.atomic():
        organisation.save()
        Membership.objects.create(
            organisation=organisation,
            user=user,
            role=Membership.Role.OWNER,
            status=Membership.Status.PENDING,
            language=get_language(),
            founded=True,
        )
        new_version(organisation, language, page, user)
    return organisation
