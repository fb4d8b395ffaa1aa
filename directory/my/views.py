from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal import machine_translation
from portal.mail import send_email_on_commit

from .. import register
from ..models import JointProject, Membership, NewsItem, OrganisationPage, ProjectPartner
from . import memberships, profiles
from .access import member_view, organisation_view, over_limit
from .data import delete_account, personal_data
from .emails import partner_asked
from .forms import (
    FactsForm,
    FirstVersionForm,
    JoinForm,
    MemberDecisionForm,
    NewOrganisationForm,
    NewsForm,
    PartnerAnswerForm,
    ProfileForm,
    ProjectForm,
)
from .uploads import save_logo


@member_view
def dashboard(request):
    own = (
        Membership.objects.filter(user=request.user)
        .exclude(status=Membership.Status.DECLINED)
        .select_related("organisation")
        .order_by("organisation__registered_name")
    )
    return TemplateResponse(request, "directory/my/dashboard.html", {"memberships": own})


def _versions(organisation):
    return (
        OrganisationPage.objects.filter(organisation=organisation)
        .select_related("locale")
        .defer_streamfields()
        .order_by("locale__language_code")
    )


@organisation_view(founder=True)
def organisation(request, membership):
    versions = list(_versions(membership.organisation))
    present = {version.locale.language_code for version in versions}
    context = {
        "membership": membership,
        "organisation": membership.organisation,
        "versions": versions,
        "missing_languages": [
            (code, name) for code, name in _language_names().items() if code not in present
        ],
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


def _language_or_404(language):
    if language not in dict(settings.LANGUAGES) or profiles.directory_page(language) is None:
        raise Http404
    return language


@organisation_view(founder=True)
def profile(request, membership, language):
    """Edit the organisation's version in ``language``, or add one."""
    organisation = membership.organisation
    language = _language_or_404(language)
    page = (
        OrganisationPage.objects.filter(organisation=organisation, locale__language_code=language)
        .select_related("locale")
        .first()
    )
    sources = _machine_sources(organisation, language) if page is None else {}
    if request.method == "POST" and request.POST.get("machine_from") and sources:
        return _machine_draft(request, membership, language, sources)
    form = ProfileForm(request.POST or None, page=page)
    status = 200
    if request.method == "POST":
        if over_limit(request, form, "profile_edit", organisation=organisation.pk):
            status = 429
        elif form.is_valid():
            with transaction.atomic():
                if page is None:
                    published = profiles.new_version(
                        organisation, language, form.apply(OrganisationPage()), request.user
                    )
                else:
                    draft = page.get_latest_revision_as_object()
                    published = profiles.save_version(form.apply(draft), request.user)
            if published:
                messages.success(request, _("Saved and published."))
            else:
                messages.success(
                    request, _("Saved. The portal's editors check it before it is published.")
                )
            return redirect("my:organisation", organisation_id=organisation.pk)
        else:
            status = 400
    return _profile_page(request, membership, language, page, form, sources, status)


def _profile_page(
    request, membership, language, page, form, sources, status=200, machine_errors=()
):
    draft = page.get_latest_revision_as_object() if page is not None else None
    names = _language_names()
    context = {
        "membership": membership,
        "organisation": membership.organisation,
        "page": page,
        "form": form,
        "language": language,
        "language_name": names[language],
        "in_moderation": page is not None and page.current_workflow_state is not None,
        "machine_sources": [(code, names[code]) for code in sources],
        "machine_translated_from": names.get(getattr(draft, "machine_translated_from", "")),
        "machine_errors": machine_errors,
    }
    return TemplateResponse(request, "directory/my/profile.html", context, status=status)


def _machine_sources(organisation, language):
    """{language: version} of the versions a machine draft in ``language`` can start from,
    when the portal has a machine translation service."""
    if not machine_translation.is_available():
        return {}
    return {
        version.locale.language_code: version
        for version in _versions(organisation).exclude(locale__language_code=language)
    }


def _machine_draft(request, membership, language, sources):
    """A machine-translated draft of the version in ``language`` from one of ``sources``;
    what the member had typed is kept (in the draft, or in the form when the service
    fails)."""
    organisation = membership.organisation
    typed = {name: request.POST.get(name, "").strip() for name in ProfileForm.base_fields}
    form = ProfileForm(initial=typed)
    # The reasons for not making a draft, shown above the form (which was not submitted).
    refusal = forms.Form({})
    refusal.is_valid()
    source = sources.get(request.POST["machine_from"])
    status = None
    if source is None:
        refusal.add_error(None, _("Choose one of the organisation's versions to translate."))
        status = 400
    elif over_limit(request, refusal, "machine_draft", organisation=organisation.pk):
        status = 429
    else:
        try:
            with transaction.atomic():
                profiles.machine_draft(organisation, source, language, typed, request.user)
        except machine_translation.MachineTranslationError as error:
            refusal.add_error(None, error.message)
            status = 503
    if status is not None:
        return _profile_page(
            request, membership, language, None, form, sources, status, refusal.non_field_errors()
        )
    messages.success(
        request,
        _(
            "A machine-translated draft is ready. Read it through and correct it, then save: "
            "it is not published until you do."
        ),
    )
    return redirect("my:profile", organisation_id=organisation.pk, language=language)


def _language_names():
    return {
        "ru": _("Russian"),
        "et": _("Estonian"),
        "en": _("English"),
    }


@organisation_view(founder=True)
def facts(request, membership):
    organisation = membership.organisation
    if organisation.review_member_edits:
        status = 403 if request.method == "POST" else 200
        context = {"membership": membership, "organisation": organisation, "form": None}
        return TemplateResponse(request, "directory/my/facts.html", context, status=status)
    form = FactsForm(request.POST or None, request.FILES or None, instance=organisation)
    status = 200
    if request.method == "POST":
        if over_limit(request, form, "profile_edit", organisation=organisation.pk):
            status = 429
        elif form.is_valid():
            with transaction.atomic():
                organisation = form.save(commit=False)
                if form.cleaned_data["logo_upload"]:
                    organisation.logo = save_logo(
                        organisation, form.cleaned_data["logo_upload"], request.user
                    )
                organisation.save()
                form.save_m2m()
            messages.success(request, _("Saved. The facts are the same in every language version."))
            return redirect("my:organisation", organisation_id=organisation.pk)
        else:
            status = 400
    context = {"membership": membership, "organisation": organisation, "form": form}
    return TemplateResponse(request, "directory/my/facts.html", context, status=status)


@organisation_view()
def news(request, membership):
    items = NewsItem.objects.filter(organisation=membership.organisation).order_by("-created_at")
    context = {"membership": membership, "organisation": membership.organisation, "items": items}
    return TemplateResponse(request, "directory/my/news.html", context)


@organisation_view()
def news_new(request, membership):
    organisation = membership.organisation
    form = NewsForm(request.POST or None, initial={"language": get_language()})
    status = 200
    if request.method == "POST":
        if over_limit(request, form, "news", organisation=organisation.pk):
            status = 429
        elif form.is_valid():
            item = form.save(commit=False)
            item.organisation = organisation
            item.submitted_by = request.user
            item.save()
            messages.success(
                request,
                _("Thank you. The portal's editors check the news item; we will e-mail you."),
            )
            return redirect("my:news", organisation_id=organisation.pk)
        else:
            status = 400
    context = {"membership": membership, "organisation": organisation, "form": form}
    return TemplateResponse(request, "directory/my/news_new.html", context, status=status)


@organisation_view()
def projects(request, membership):
    """The organisation's recorded projects, and the requests of others to confirm."""
    organisation = membership.organisation
    form = PartnerAnswerForm(request.POST or None, organisation=organisation)
    status = 200
    if request.method == "POST":
        if over_limit(request, form):
            status = 429
        elif form.is_valid():
            partner = form.cleaned_data["partner"]
            confirmed = form.cleaned_data["answer"] == "confirm"
            partner.status = (
                ProjectPartner.Status.CONFIRMED if confirmed else ProjectPartner.Status.DECLINED
            )
            partner.decided_at = timezone.now()
            partner.decided_by = request.user
            partner.save(update_fields=["status", "decided_at", "decided_by"])
            if confirmed:
                messages.success(request, _("Confirmed. The project is shown on the profiles."))
            else:
                messages.success(request, _("Declined."))
            return redirect("my:projects", organisation_id=organisation.pk)
        else:
            status = 400
    context = {
        "membership": membership,
        "organisation": organisation,
        "form": form,
        "recorded": JointProject.objects.filter(organisation=organisation).prefetch_related(
            Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation"))
        ),
        "requests": ProjectPartner.objects.filter(
            organisation=organisation, status=ProjectPartner.Status.PENDING
        ).select_related("project__organisation"),
    }
    return TemplateResponse(request, "directory/my/projects.html", context, status=status)


@organisation_view()
def project_new(request, membership):
    organisation = membership.organisation
    form = ProjectForm(request.POST or None, organisation=organisation)
    status = 200
    if request.method == "POST":
        if over_limit(request, form, "project", organisation=organisation.pk):
            status = 429
        elif form.is_valid():
            with transaction.atomic():
                project = form.save(commit=False)
                project.organisation = organisation
                project.created_by = request.user
                project.save()
                for partner_organisation in form.cleaned_data["partners"]:
                    partner = ProjectPartner.objects.create(
                        project=project, organisation=partner_organisation
                    )
                    for owner in memberships.owners(partner_organisation):
                        send_email_on_commit(
                            partner_asked, partner_id=partner.pk, owner_id=owner.pk
                        )
            messages.success(
                request,
                _("Recorded. The project is shown on the profiles once a partner confirms it."),
            )
            return redirect("my:projects", organisation_id=organisation.pk)
        else:
            status = 400
    context = {"membership": membership, "organisation": organisation, "form": form}
    return TemplateResponse(request, "directory/my/project_new.html", context, status=status)


@member_view
def data(request):
    return TemplateResponse(request, "directory/my/data.html", {})


@member_view
def data_download(request):
    response = JsonResponse(
        personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="sild-my-data.json"'
    return response


@member_view
@reauthentication_required(allow_get=True)
def delete(request):
    """GET asks to confirm; POST, after the password was asked again, deletes."""
    if request.method == "POST":
        delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect(f"/{get_language()}/")
    return TemplateResponse(request, "directory/my/delete.html", {})
