"""The impact figures, computed from what the other apps record, never typed in.

Each figure costs one aggregate query whatever the number of subscribers, contacts or
requests: counts per month are conditional ``COUNT``s over the rows of the period, grouped
by a handful of values (language, kind, county, topic). What is counted is defined in the
README ("Impact figures").
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from bulletins.models import Campaign, Delivery, Subscriber
from calls.models import CallPage
from consultations.models import ConsultationRequest, Topic
from directory.models import ContactRecord, Organisation, ProjectPartner
from directory.taxonomy import County
from portal.charts import Series, bars, columns

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass
class Figure:
    key: str
    title: str
    description: str
    header: list
    rows: list
    chart: object = None


def language_name(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def _bucket_label(period):
    return _("Month") if period.is_monthly else _("Year")


def _in(field, bucket):
    return Q(**{f"{field}__gte": bucket.start, f"{field}__lt": bucket.end})


def _from_chart(key, description, chart, extra_header=(), extra_columns=None):
    """A figure whose table is its chart's numbers (the chart's text alternative), with
    optional further columns (one list per row)."""
    several = len(chart.series) > 1
    header = [
        chart.category_label,
        *([series.label for series in chart.series] if several else []),
        _("Total"),
        *extra_header,
    ]
    rows = [
        [
            category,
            *(values if several else []),
            total,
            *(extra_columns[index] if extra_columns else []),
        ]
        for index, (category, values, total) in enumerate(chart.rows)
    ]
    return Figure(key, chart.title, description, header, rows, chart)


def _timeline_summary(labels, series):
    totals = [sum(one.values[index] for one in series) for index in range(len(labels))]
    parts = [f"{label}: {total}" for label, total in zip(labels, totals, strict=True)]
    return "; ".join(parts)


def subscribed_at(moment):
    """Among confirmed and unsubscribed subscribers: those confirmed before ``moment`` and
    not gone by then. (Bounced addresses, pending ones and those that left without a date
    are never counted.)"""
    return Q(confirmed_at__lt=moment) & (
        Q(status=Subscriber.Status.CONFIRMED) | Q(unsubscribed_at__gte=moment)
    )


def subscriber_figures(period, now=None):
    """Subscribers at the end of each month (or year), by language and by kind."""
    now = now or timezone.now()
    buckets = period.buckets()
    moments = [min(bucket.end, now) for bucket in buckets]
    by_language = defaultdict(lambda: [0] * len(buckets))
    by_kind = defaultdict(lambda: [0] * len(buckets))
    for row in (
        Subscriber.objects.filter(
            status__in=[Subscriber.Status.CONFIRMED, Subscriber.Status.UNSUBSCRIBED],
            confirmed_at__lt=moments[-1],
        )
        .order_by()
        .values("language", "kind")
        .annotate(
            **{
                f"b{index}": Count("pk", filter=subscribed_at(moment))
                for index, moment in enumerate(moments)
            }
        )
    ):
        for index in range(len(buckets)):
            by_language[row["language"]][index] += row[f"b{index}"]
            by_kind[row["kind"]][index] += row[f"b{index}"]
    labels = [bucket.label for bucket in buckets]
    languages = [Series(language_name(code), by_language[code]) for code in LANGUAGE_CODES]
    kinds = [Series(label, by_kind[kind]) for kind, label in Subscriber.Kind.choices]
    description = _(
        "Confirmed subscribers at the end of each month (or year, or today for the current "
        "one), who had not unsubscribed by then."
    )
    return [
        _from_chart(
            "subscribers-by-language",
            description,
            columns(
                "subscribers-by-language",
                _("Subscribers by language"),
                _timeline_summary(labels, languages),
                labels,
                languages,
                _bucket_label(period),
            ),
        ),
        _from_chart(
            "subscribers-by-kind",
            description,
            columns(
                "subscribers-by-kind",
                _("Subscribers by kind"),
                _timeline_summary(labels, kinds),
                labels,
                kinds,
                _bucket_label(period),
            ),
        ),
    ]


ORGANISATION_GROUPS = [
    ("ru", _("Russian, not Estonian"), Q(works_in_russian=True, works_in_estonian=False)),
    ("et", _("Estonian, not Russian"), Q(works_in_estonian=True, works_in_russian=False)),
    ("both", _("Russian and Estonian"), Q(works_in_russian=True, works_in_estonian=True)),
    ("other", _("Neither (English or other)"), Q(works_in_russian=False, works_in_estonian=False)),
]


def organisation_figures(period):
    """Organisations listed in the directory by county and working language."""
    annotations = {
        key: Count("pk", filter=condition) for key, _label, condition in ORGANISATION_GROUPS
    }
    rows = {
        row["county"]: row
        for row in Organisation.objects.filter(is_listed=True, created_at__lt=period.end)
        .order_by()
        .values("county")
        .annotate(**annotations, new=Count("pk", filter=Q(created_at__gte=period.start)))
    }
    counties = [(value, label) for value, label in County.choices]
    series = [
        Series(label, [rows.get(county, {}).get(key, 0) for county, _name in counties])
        for key, label, _condition in ORGANISATION_GROUPS
    ]
    labels = [str(label) for _value, label in counties]
    summary = "; ".join(
        f"{label}: {sum(one.values[index] for one in series)}" for index, label in enumerate(labels)
    )
    chart = bars(
        "organisations",
        _("Organisations by county and working language"),
        summary,
        labels,
        series,
        _("County"),
    )
    new = [[rows.get(county, {}).get("new", 0)] for county, _name in counties]
    return [
        _from_chart(
            "organisations",
            _(
                "Organisations with a live profile in the directory, added before the end of "
                "the period; the last column counts those added during it."
            ),
            chart,
            extra_header=[_("New in the period")],
            extra_columns=new,
        )
    ]


RUSSIAN_TO_ESTONIAN = Q(
    sender_language="ru", organisation__works_in_estonian=True, organisation__works_in_russian=False
)
ESTONIAN_TO_RUSSIAN = Q(
    sender_language="et", organisation__works_in_russian=True, organisation__works_in_estonian=False
)


def contact_figures(period):
    """Messages sent through the directory's contact form, and those across languages."""
    buckets = period.buckets()
    kinds = [
        (
            "ru-et",
            _("Russian-speaking sender to an Estonian-speaking organisation"),
            RUSSIAN_TO_ESTONIAN,
        ),
        (
            "et-ru",
            _("Estonian-speaking sender to a Russian-speaking organisation"),
            ESTONIAN_TO_RUSSIAN,
        ),
        ("other", _("Other contacts"), ~RUSSIAN_TO_ESTONIAN & ~ESTONIAN_TO_RUSSIAN),
    ]
    counts = ContactRecord.objects.filter(
        created_at__gte=period.start, created_at__lt=period.end
    ).aggregate(
        **{
            f"{key}-{index}": Count("pk", filter=_in("created_at", bucket) & condition)
            for key, _label, condition in kinds
            for index, bucket in enumerate(buckets)
        }
    )
    series = [
        Series(label, [counts[f"{key}-{index}"] for index in range(len(buckets))])
        for key, label, _condition in kinds
    ]
    labels = [bucket.label for bucket in buckets]
    crossed = [series[0].values[index] + series[1].values[index] for index in range(len(buckets))]
    totals = [crossed[index] + series[2].values[index] for index in range(len(buckets))]
    all_crossed, all_contacts = sum(crossed), sum(totals)
    summary = _(
        "%(contacts)s contacts in the period, %(crossed)s of them across languages (%(share)s). "
        "By month: %(months)s"
    ) % {
        "contacts": all_contacts,
        "crossed": all_crossed,
        "share": share(all_crossed, all_contacts),
        "months": _timeline_summary(labels, series),
    }
    chart = columns(
        "contacts",
        _("Contacts through the directory"),
        summary,
        labels,
        series,
        _bucket_label(period),
    )
    return [
        _from_chart(
            "contacts",
            _(
                "Messages sent to organisations through their profiles. Across languages: a "
                "sender who used the portal in Russian writing to an organisation that works "
                "in Estonian and not in Russian, or the other way round."
            ),
            chart,
            extra_header=[_("Share across languages")],
            extra_columns=[[share(crossed[index], totals[index])] for index in range(len(buckets))],
        )
    ]


def share(part, whole):
    return f"{round(100 * part / whole)} %" if whole else "–"


def call_figures(period):
    """Funding calls first published in each month, with or without a Russian version."""
    buckets = period.buckets()
    firsts = (
        CallPage.objects.filter(first_published_at__isnull=False)
        .order_by()
        .values("translation_key")
        .annotate(
            first=Min("first_published_at"),
            russian=Count("pk", filter=Q(locale__language_code="ru", live=True)),
        )
        .filter(first__gte=period.start, first__lt=period.end)
        .values_list("first", "russian")
    )
    with_russian, without = [0] * len(buckets), [0] * len(buckets)
    for first, russian in firsts:
        index = next(i for i, bucket in enumerate(buckets) if first < bucket.end)
        (with_russian if russian else without)[index] += 1
    series = [
        Series(_("With a Russian version"), with_russian),
        Series(_("Without a Russian version"), without),
    ]
    labels = [bucket.label for bucket in buckets]
    chart = columns(
        "calls",
        _("Funding calls published"),
        _timeline_summary(labels, series),
        labels,
        series,
        _bucket_label(period),
    )
    return [
        _from_chart(
            "calls",
            _(
                "Calls counted once in all their languages, in the month their first version "
                "was first published; “with a Russian version”: one is live now."
            ),
            chart,
        )
    ]


def joint_project_figures(period):
    """Joint projects that a partner confirmed, by the year they were done (the years the
    period touches), and how many of them joined an organisation working in Russian with one
    working in Estonian: the cooperation the network exists for."""
    years = list(range(period.first.year, period.last.year + 1))
    partners = (
        ProjectPartner.objects.filter(
            status=ProjectPartner.Status.CONFIRMED, project__year__in=years
        )
        .order_by()
        .values_list(
            "project_id",
            "project__year",
            "project__organisation__works_in_russian",
            "project__organisation__works_in_estonian",
            "organisation__works_in_russian",
            "organisation__works_in_estonian",
        )
    )
    projects = {}
    for project, year, *languages in partners:
        recorder_ru, recorder_et, partner_ru, partner_et = languages
        bridged = (recorder_ru and partner_et) or (recorder_et and partner_ru)
        projects[project] = (year, projects.get(project, (year, False))[1] or bridged)
    bridging, other = [0] * len(years), [0] * len(years)
    for year, bridged in projects.values():
        (bridging if bridged else other)[years.index(year)] += 1
    series = [
        Series(_("Russian- and Estonian-speaking partners"), bridging),
        Series(_("Other partners"), other),
    ]
    labels = [str(year) for year in years]
    chart = columns(
        "joint-projects",
        _("Joint projects confirmed by a partner"),
        _timeline_summary(labels, series),
        labels,
        series,
        _("Year"),
    )
    return [
        _from_chart(
            "joint-projects",
            _(
                "Projects recorded by an organisation and confirmed by at least one partner, "
                "by the year they were done; a project joins Russian- and Estonian-speaking "
                "partners when one works in Russian and another in Estonian."
            ),
            chart,
        )
    ]


def bulletin_figures(period):
    """Bulletins sent (campaigns) and what became of their deliveries."""
    buckets = period.buckets()
    campaigns = list(
        Campaign.objects.annotate(moment=Coalesce("send_at", "created_at"))
        .filter(moment__gte=period.start, moment__lt=period.end)
        .order_by("moment", "pk")
        .values("pk", "moment", "status", "languages", "page__title")
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            waiting=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.QUEUED)),
        )
    )
    sent, failed = [0] * len(buckets), [0] * len(buckets)
    for campaign in campaigns:
        index = next(i for i, bucket in enumerate(buckets) if campaign["moment"] < bucket.end)
        sent[index] += campaign["sent"]
        failed[index] += campaign["failed"]
    series = [Series(_("Delivered"), sent), Series(_("Failed"), failed)]
    labels = [bucket.label for bucket in buckets]
    chart = columns(
        "bulletins",
        _("Bulletin e-mails sent"),
        _timeline_summary(labels, series),
        labels,
        series,
        _bucket_label(period),
    )
    statuses = dict(Campaign.Status.choices)
    return [
        _from_chart(
            "bulletins",
            _("Bulletin e-mails of the campaigns sent in each month, by what became of them."),
            chart,
        ),
        Figure(
            "campaigns",
            _("Bulletin campaigns"),
            _("Each sending of a bulletin in the period, with its deliveries."),
            [
                _("Date"),
                _("Bulletin"),
                _("Languages"),
                _("Status"),
                _("Delivered"),
                _("Failed"),
                _("Waiting"),
            ],
            [
                [
                    f"{timezone.localtime(campaign['moment']):%Y-%m-%d %H:%M}",
                    campaign["page__title"],
                    ", ".join(campaign["languages"] or []),
                    statuses.get(campaign["status"], campaign["status"]),
                    campaign["sent"],
                    campaign["failed"],
                    campaign["waiting"],
                ]
                for campaign in campaigns
            ],
        ),
    ]


def consultation_figures(period):
    """Consultation requests received in each month, by topic."""
    buckets = period.buckets()
    rows = {
        row["topic"]: row
        for row in ConsultationRequest.objects.filter(
            created_at__gte=period.start, created_at__lt=period.end
        )
        .order_by()
        .values("topic")
        .annotate(
            **{
                f"b{index}": Count("pk", filter=_in("created_at", bucket))
                for index, bucket in enumerate(buckets)
            }
        )
    }
    series = [
        Series(label, [rows.get(topic, {}).get(f"b{index}", 0) for index in range(len(buckets))])
        for topic, label in Topic.choices
    ]
    labels = [bucket.label for bucket in buckets]
    chart = columns(
        "consultations",
        _("Consultation requests"),
        _timeline_summary(labels, series),
        labels,
        series,
        _bucket_label(period),
    )
    return [
        _from_chart(
            "consultations",
            _("Requests received through the form or recorded by staff, by topic."),
            chart,
        )
    ]


SECTIONS = [
    subscriber_figures,
    organisation_figures,
    contact_figures,
    call_figures,
    joint_project_figures,
    bulletin_figures,
    consultation_figures,
]


def all_figures(period):
    return [figure for section in SECTIONS for figure in section(period)]


def figure(period, key):
    """The figure ``key`` alone (its section's query only), or None."""
    for section in SECTIONS:
        for one in section(period) if key in KEYS[section] else []:
            if one.key == key:
                return one
    return None


KEYS = {
    subscriber_figures: {"subscribers-by-language", "subscribers-by-kind"},
    organisation_figures: {"organisations"},
    contact_figures: {"contacts"},
    call_figures: {"calls"},
    joint_project_figures: {"joint-projects"},
    bulletin_figures: {"bulletins", "campaigns"},
    consultation_figures: {"consultations"},
}
