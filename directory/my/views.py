from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import register
from ..models import Membership, OrganisationPage
from . import memberships, profiles
from .access import member_view, organisation_view, over_limit
from .forms import FirstVersionForm, JoinForm, MemberDecisionForm, NewOrganisationForm


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


@organisation_view(founder=True)
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
    if action == "remove":
        target.delete()
        messages.success(request, _("The member was removed."))
        return
    memberships.decide(target, action == "approve", request.user)
    if action == "approve":
        messages.success(request, _("The request was approved."))
    else:
        messages.success(request, _("The request was declined."))


def _register_initial(request):
    """The typed values, with the register's name and legal form for the code typed."""
    initial = {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
    result = register.check((initial.get("registry_code") or "").strip())
    if result.entry is not None:
        initial["registered_name"] = result.entry.name
        initial["legal_form"] = result.entry.legal_form
    return initial, result


@member_view
def create(request):
    register_check = None
    status = 200
    if request.method == "POST" and "check" in request.POST:
        initial, register_check = _register_initial(request)
        facts = NewOrganisationForm(initial=initial)
        version = FirstVersionForm(initial=initial)
    elif request.method == "POST":
        facts = NewOrganisationForm(request.POST)
        version = FirstVersionForm(request.POST)
        if over_limit(request, facts, "organisation_new"):
            status = 429
        elif facts.is_valid() and version.is_valid():
            language = version.cleaned_data["language"]
            if profiles.directory_page(language) is None:
                version.add_error("language", _("The directory has no page in this language."))
                status = 400
            else:
                organisation = memberships.found_organisation(
                    request.user,
                    facts.save(commit=False),
                    language,
                    version.apply(OrganisationPage()),
                )
                messages.success(
                    request,
                    _(
                        "Thank you. The portal's editors check the new profile and confirm you "
                        "as its owner; we will e-mail you."
                    ),
                )
                return redirect("my:organisation", organisation_id=organisation.pk)
        else:
            status = 400
    else:
        facts = NewOrganisationForm(initial={"email": request.user.email})
        version = FirstVersionForm(initial={"language": get_language()})
    context = {"facts": facts, "version": version, "register_check": register_check}
    return TemplateResponse(request, "directory/my/create.html", context, status=status)


@member_view
def join(request):
    form = JoinForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if over_limit(request, form, "join_request"):
            status = 429
        elif form.is_valid():
            membership = memberships.request_to_join(
                request.user, form.organisation, form.cleaned_data["message"]
            )
            if membership.awaits_portal_editor:
                messages.success(
                    request,
                    _("Thank you. The portal's editors check your request; we will e-mail you."),
                )
            else:
                messages.success(
                    request,
                    _("Thank you. The organisation's owners answer your request by e-mail."),
                )
            return redirect("my:dashboard")
        else:
            status = 400
    return TemplateResponse(request, "directory/my/join.html", {"form": form}, status=status)
