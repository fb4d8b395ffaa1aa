"""E-mails of the member area, each in the language of the person it goes to (built in the
task worker, see ``portal.mail``)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.mail import email_builder

from ..models import Membership, NewsItem, OrganisationPage, ProjectPartner


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _message(to, language, subject, template, context):
    with translation.override(language):
        return EmailMessage(
            subject=str(subject() if callable(subject) else subject),
            body=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers={"Content-Language": language},
        )


@email_builder
def join_request_to_owner(membership_id, owner_id):
    request = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=membership_id, status=Membership.Status.PENDING)
        .first()
    )
    owner = (
        Membership.objects.select_related("user")
        .filter(pk=owner_id, status=Membership.Status.ACTIVE, role=Membership.Role.OWNER)
        .first()
    )
    if request is None or owner is None or owner.organisation_id != request.organisation_id:
        return None
    with translation.override(owner.language):
        url = absolute(reverse("my:members", args=[request.organisation_id]))
        subject = _("%(email)s asks to join %(organisation)s on Sild") % {
            "email": request.user.email,
            "organisation": request.organisation.registered_name,
        }
    return _message(
        owner.user.email,
        owner.language,
        subject,
        "directory/email/member_join_request.txt",
        {"request": request, "url": url},
    )


@email_builder
def membership_answer(membership_id):
    membership = (
        Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    )
    if membership is None or membership.status == Membership.Status.PENDING:
        return None
    with translation.override(membership.language):
        url = absolute(reverse("my:dashboard"))
        subject = (
            _("You are now a member of %(organisation)s on Sild")
            if membership.is_active
            else _("Your request to join %(organisation)s was declined")
        ) % {"organisation": membership.organisation.registered_name}
    return _message(
        membership.user.email,
        membership.language,
        subject,
        "directory/email/member_answer.txt",
        {"membership": membership, "url": url},
    )


@email_builder
def profile_moderated(membership_id, page_id, approved, comment=""):
    membership = (
        Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    )
    page = OrganisationPage.objects.select_related("locale").filter(pk=page_id).first()
    if membership is None or page is None:
        return None
    with translation.override(membership.language):
        url = absolute(reverse("my:organisation", args=[membership.organisation_id]))
        public_url = page.get_full_url() if approved and page.live else ""
        subject = (
            _("Your profile on Sild is published: %(name)s")
            if approved
            else _("Your profile on Sild needs changes: %(name)s")
        ) % {"name": page.draft_title}
    return _message(
        membership.user.email,
        membership.language,
        subject,
        "directory/email/member_profile_moderated.txt",
        {
            "page": page,
            "approved": approved,
            "comment": comment,
            "url": url,
            "public_url": public_url,
        },
    )


@email_builder
def news_decided(news_id):
    item = (
        NewsItem.objects.select_related("organisation", "submitted_by").filter(pk=news_id).first()
    )
    if item is None or item.submitted_by is None or item.status == NewsItem.Status.SUBMITTED:
        return None
    membership = Membership.objects.filter(
        organisation_id=item.organisation_id, user=item.submitted_by
    ).first()
    language = membership.language if membership else item.language
    with translation.override(language):
        url = absolute(reverse("my:news", args=[item.organisation_id]))
        subject = (
            _("Your news item was approved: %(title)s")
            if item.status == NewsItem.Status.APPROVED
            else _("Your news item was not accepted: %(title)s")
        ) % {"title": item.title}
    return _message(
        item.submitted_by.email,
        language,
        subject,
        "directory/email/member_news_decided.txt",
        {"item": item, "url": url},
    )


@email_builder
def partner_asked(partner_id, owner_id):
    partner = (
        ProjectPartner.objects.select_related("project__organisation", "organisation")
        .filter(pk=partner_id, status=ProjectPartner.Status.PENDING)
        .first()
    )
    owner = (
        Membership.objects.select_related("user")
        .filter(pk=owner_id, status=Membership.Status.ACTIVE)
        .first()
    )
    if partner is None or owner is None or owner.organisation_id != partner.organisation_id:
        return None
    with translation.override(owner.language):
        url = absolute(reverse("my:projects", args=[partner.organisation_id]))
        subject = _("%(organisation)s names you as a partner in “%(project)s”") % {
            "organisation": partner.project.organisation.registered_name,
            "project": partner.project.title,
        }
    return _message(
        owner.user.email,
        owner.language,
        subject,
        "directory/email/member_partner_asked.txt",
        {"partner": partner, "project": partner.project, "url": url},
    )
