"""What follows the editors' decision on a member's profile version: the member hears it by
e-mail in their language, and approving the first version of a new organisation confirms its
founder as owner."""

from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from portal.mail import send_email_on_commit

from ..models import Membership, OrganisationPage
from .emails import profile_moderated


def _member_page(state):
    page = state.content_object
    page = getattr(page, "specific", page)
    if not isinstance(page, OrganisationPage) or state.requested_by is None:
        return None, None
    membership = (
        Membership.objects.filter(organisation_id=page.organisation_id, user=state.requested_by)
        .exclude(status=Membership.Status.DECLINED)
        .first()
    )
    return page, membership


@receiver(workflow_approved, sender=WorkflowState)
def version_approved(sender, instance, user=None, **kwargs):
    page, membership = _member_page(instance)
    if membership is None:
        return
    if membership.founded and membership.status == Membership.Status.PENDING:
        membership.status = Membership.Status.ACTIVE
        membership.decided_at = timezone.now()
        membership.decided_by = user
        membership.save(update_fields=["status", "decided_at", "decided_by"])
    send_email_on_commit(
        profile_moderated, membership_id=membership.pk, page_id=page.pk, approved=True
    )


@receiver(workflow_rejected, sender=WorkflowState)
def version_rejected(sender, instance, user=None, **kwargs):
    page, membership = _member_page(instance)
    if membership is None:
        return
    task_state = instance.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    send_email_on_commit(
        profile_moderated,
        membership_id=membership.pk,
        page_id=page.pk,
        approved=False,
        comment=comment or "",
    )
