"""Consultation requests: a visitor asks for advice, staff answer it in the admin.

A request is saved before any e-mail is queued (``portal.mail``), so a mail server that is
down never loses one. Replies written in the admin are kept with the request. After
``CONSULTATION_RETENTION_DAYS`` a request keeps only what the impact figures need (topic,
channel, language, status, dates, organisation): ``consultations.retention``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.validators import validate_phone


class Topic(models.TextChoices):
    FUNDING = "funding", _("Funding applications")
    PROJECT_WRITING = "project-writing", _("Project writing")
    REGISTRATION_LAW = "registration-law", _("Registration and law")
    ACCOUNTING = "accounting", _("Accounting")
    PARTNERSHIP = "partnership", _("Partnership")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    FACE_TO_FACE = "face-to-face", _("Face to face")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in-progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ConsultationRequest(models.Model):
    # What the person wrote. Blank only once anonymised (the public form requires them).
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    channel = models.CharField(_("preferred channel"), max_length=20, choices=Channel.choices)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    message = models.TextField(_("question"), max_length=3000, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_text = models.TextField(_("wording of the consent"), blank=True)

    # How staff handle it.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting_at = models.DateTimeField(_("meeting"), null=True, blank=True)
    notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("Seen only by staff; never sent to the person."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        ordering = ["-created_at"]

    def __str__(self):
        if self.anonymised_at:
            return _("Anonymised request of %(date)s") % {"date": f"{self.created_at:%Y-%m-%d}"}
        return f"{self.name} · {self.get_topic_display()}"


class ConsultationReply(models.Model):
    """An answer e-mailed from the admin, kept with the request it answers."""

    request = models.ForeignKey(
        ConsultationRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("reply"), max_length=10000)
    sent_to = models.EmailField(_("sent to"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.request_id} · {self.created_at:%Y-%m-%d %H:%M}"
