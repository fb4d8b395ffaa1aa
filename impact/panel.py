"""The impact panel on the admin's dashboard: the last twelve months in a few numbers, from
five small aggregate queries."""

from django.db.models import Count, Q
from wagtail.admin.ui.components import Component

from bulletins.models import Delivery, Subscriber
from consultations.models import ConsultationRequest, Status
from directory.models import ContactRecord

from .figures import ESTONIAN_TO_RUSSIAN, RUSSIAN_TO_ESTONIAN, call_figures, language_name, share
from .periods import Period


class ImpactPanel(Component):
    name = "impact"
    template_name = "impact/panel.html"
    order = 150

    def get_context_data(self, parent_context=None):
        period = Period.default()
        in_period = Q(created_at__gte=period.start, created_at__lt=period.end)
        subscribers = list(
            Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
            .order_by("language")
            .values("language")
            .annotate(count=Count("pk"))
        )
        contacts = ContactRecord.objects.filter(in_period).aggregate(
            total=Count("pk"),
            crossed=Count("pk", filter=RUSSIAN_TO_ESTONIAN | ESTONIAN_TO_RUSSIAN),
        )
        consultations = ConsultationRequest.objects.aggregate(
            waiting=Count("pk", filter=Q(status__in=[Status.NEW, Status.IN_PROGRESS])),
            received=Count("pk", filter=in_period),
        )
        calls = sum(row[-1] for row in call_figures(period)[0].rows)
        delivered = Delivery.objects.filter(
            status=Delivery.Status.SENT, sent_at__gte=period.start, sent_at__lt=period.end
        ).count()
        return {
            "period": period,
            "subscribers": [(language_name(row["language"]), row["count"]) for row in subscribers],
            "subscriber_total": sum(row["count"] for row in subscribers),
            "contacts": contacts,
            "crossed_share": share(contacts["crossed"], contacts["total"]),
            "consultations": consultations,
            "calls": calls,
            "delivered": delivered,
        }
