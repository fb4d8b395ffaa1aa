"""``/<lang>/consultation/``: the public request form.

The request is saved first, then the confirmation to the visitor and the notices to staff
are queued (``portal.mail``): a mail server that is down delays them, never loses the
request. A honeypot field and the portal's rate limits (per client and per address) keep
robots out.
"""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.mail import send_email_on_commit
from portal.ratelimit import exceeded

from .emails import confirmation_to_requester, notification_to_staff
from .forms import CONSENT_TEXT, ConsultationForm
from .retention import schedule_anonymisation
from .staff import handlers

TEMPLATE = "consultations/request_form.html"


def _initial(request):
    initial = {"language": get_language()}
    user = request.user
    if user.is_authenticated:
        initial["email"] = user.email
        initial["name"] = user.get_full_name()
    return initial


def _render(request, form, status=200):
    context = {"form": form, "retention_days": settings.CONSULTATION_RETENTION_DAYS}
    return TemplateResponse(request, TEMPLATE, context, status=status)


def request_consultation(request):
    if request.method != "POST":
        return _render(request, ConsultationForm(user=request.user, initial=_initial(request)))

    form = ConsultationForm(request.POST, user=request.user)
    if form.is_spam():
        # The same answer as for a real request: send nothing, record nothing.
        return redirect("consultations:sent")
    if not form.is_valid():
        return _render(request, form, status=400)
    if exceeded(request, "consultation", email=form.cleaned_data["email"]):
        form.add_error(
            None,
            _("You have sent several requests in a short time. Please try again tomorrow."),
        )
        return _render(request, form, status=429)

    with transaction.atomic():
        consultation = form.save(commit=False)
        consultation.consented_at = timezone.now()
        consultation.consent_text = str(CONSENT_TEXT)
        consultation.save()
        send_email_on_commit(confirmation_to_requester, request_id=consultation.pk)
        for user_id in handlers().order_by("pk").values_list("pk", flat=True):
            send_email_on_commit(notification_to_staff, request_id=consultation.pk, user_id=user_id)
    schedule_anonymisation(consultation)
    return redirect("consultations:sent")


def request_sent(request):
    return TemplateResponse(request, "consultations/request_sent.html", {})
