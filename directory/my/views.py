from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Membership, OrganisationPage
from .access import member_view, organisation_view, over_limit
from .forms import MemberDecisionForm


@member_view
def dashboard(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .exclude(status=Membership.Status.DECLINED)
        .select_related("organisation")
        .order_by("organisation__registered_name")
    )
    return TemplateResponse(request, "directory/my/dashboard.html", {"memberships": memberships})


def _versions(organisation):
    return (
        OrganisationPage.objects.filter(organisation=organisation)
        .select_related("locale")
        .defer_streamfields()
        .order_by("locale__language_code")
    )


@organisation_view()
def organisation(request, membership):
    context = {
        "membership": membership,
        "organisation": membership.organisation,
        "versions": _versions(membership.organisation),
    }
    return TemplateResponse(request, "directory/my/organisation.html", context)


@organisation_view(owner=True)
def members(request, membership):
    organisation = membership.organisation
    form = MemberDecisionForm(request.POST or None, organisation=organisation, acting=membership)
    status = 200
    if request.method == "POST":
        if over_limit(request, form):
            status = 429
        elif form.is_valid():
            _decide(request, membership, form.cleaned_data)
            return redirect("my:members", organisation_id=organisation.pk)
        else:
            status = 400
    context = {
        "membership": membership,
        "organisation": organisation,
        "members": Membership.objects.filter(organisation=organisation)
        .exclude(status=Membership.Status.DECLINED)
        .select_related("user"),
        "form": form,
    }
    return TemplateResponse(request, "directory/my/members.html", context, status=status)


def _decide(request, acting, data):
    target, action = data["membership"], data["action"]
    with transaction.atomic():
        if action == "remove":
            target.delete()
            messages.success(request, _("The member was removed."))
            return
        target.status = (
            Membership.Status.ACTIVE if action == "approve" else Membership.Status.DECLINED
        )
        target.decided_at = timezone.now()
        target.decided_by = request.user
        target.save(update_fields=["status", "decided_at", "decided_by"])
    if action == "approve":
        messages.success(request, _("The request was approved."))
    else:
        messages.success(request, _("The request was declined."))
