"""Joint projects as the rest of the portal reads them: a project counts once at least one
partner has confirmed it, and then shows on the profiles of the recording organisation and
of each confirmed partner."""

from django.db.models import Prefetch, Q

from .models import JointProject, ProjectPartner


def _confirmed_partners():
    return Prefetch(
        "partners",
        queryset=ProjectPartner.objects.filter(status=ProjectPartner.Status.CONFIRMED)
        .select_related("organisation")
        .order_by("organisation__registered_name"),
        to_attr="confirmed_partners",
    )


def confirmed_projects(organisation_id=None):
    projects = JointProject.objects.filter(partners__status=ProjectPartner.Status.CONFIRMED)
    if organisation_id is not None:
        projects = projects.filter(
            Q(organisation_id=organisation_id)
            | Q(
                partners__organisation_id=organisation_id,
                partners__status=ProjectPartner.Status.CONFIRMED,
            )
        )
    return (
        projects.distinct()
        .select_related("organisation")
        .prefetch_related(_confirmed_partners())
        .order_by("-year", "title")
    )


def confirmed_project_count():
    """For the impact figures: joint projects confirmed by at least one partner."""
    return confirmed_projects().count()


def profile_projects(organisation_id, limit=20):
    """The confirmed projects of one organisation, each with ``other_organisations``: the
    others that did it (the recording organisation and confirmed partners, not this one)."""
    projects = list(confirmed_projects(organisation_id)[:limit])
    for project in projects:
        everyone = [project.organisation] + [p.organisation for p in project.confirmed_partners]
        project.other_organisations = [o for o in everyone if o.pk != organisation_id]
    return projects
