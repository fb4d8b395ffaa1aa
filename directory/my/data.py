"""A member's personal data: all of it as JSON, and the account's deletion. An organisation
outlives the person: it keeps its profile while other members remain; without them its
profile versions are unpublished (never deleted) until editors find it a new keeper."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from ..models import JointProject, Membership, NewsItem, OrganisationPage


def _date(value):
    return value.isoformat() if value else None


def personal_data(user):
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _date(user.date_joined),
            "last_login": _date(user.last_login),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "memberships": [
            {
                "organisation": membership.organisation.registered_name,
                "registry_code": membership.organisation.registry_code,
                "role": membership.role,
                "status": membership.status,
                "message": membership.message,
                "language": membership.language,
                "asked": _date(membership.created_at),
                "decided": _date(membership.decided_at),
            }
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "news_submitted": [
            {
                "organisation": item.organisation.registered_name,
                "language": item.language,
                "title": item.title,
                "text": item.text,
                "link": item.link,
                "event_date": _date(item.event_date),
                "event_place": item.event_place,
                "status": item.status,
                "submitted": _date(item.created_at),
            }
            for item in NewsItem.objects.filter(submitted_by=user).select_related("organisation")
        ],
        "joint_projects_recorded": [
            {
                "organisation": project.organisation.registered_name,
                "title": project.title,
                "year": project.year,
                "funder": project.funder,
                "description": project.description,
                "recorded": _date(project.created_at),
            }
            for project in JointProject.objects.filter(created_by=user).select_related(
                "organisation"
            )
        ],
        "profile_versions_saved": [
            {"page": revision.object_str, "saved": _date(revision.created_at)}
            for revision in Revision.objects.filter(user=user).order_by("created_at")
        ],
    }


def delete_account(user):
    with transaction.atomic():
        for membership in Membership.objects.filter(user=user).exclude(
            status=Membership.Status.DECLINED
        ):
            others = Membership.objects.filter(
                organisation_id=membership.organisation_id, status=Membership.Status.ACTIVE
            ).exclude(user=user)
            if not others.exists():
                for page in OrganisationPage.objects.live().filter(
                    organisation_id=membership.organisation_id
                ):
                    page.unpublish()
            elif membership.is_owner and not others.filter(role=Membership.Role.OWNER).exists():
                # The longest-standing member keeps the organisation in hand.
                successor = others.order_by("created_at").first()
                successor.role = Membership.Role.OWNER
                successor.save(update_fields=["role"])
        user.delete()
