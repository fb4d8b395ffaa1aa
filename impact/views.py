"""The impact report in the admin (``/admin/impact/``) and a CSV file per figure."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.exports import csv_response

from .figures import all_figures, figure
from .forms import PeriodForm
from .periods import Period


def _period_form(request):
    """The form bound to the request's dates, the last twelve months where none is given (so
    that the fields show the period the figures are for)."""
    default = Period.default()
    data = {"start": f"{default.first:%Y-%m-%d}", "end": f"{default.last:%Y-%m-%d}"}
    data.update(request.GET.dict())
    return PeriodForm(data)


def report(request):
    form = _period_form(request)
    figures = all_figures(form.cleaned_data["period"]) if form.is_valid() else []
    query = request.GET.urlencode()
    return TemplateResponse(
        request,
        "impact/report.html",
        {
            "form": form,
            "figures": figures,
            "period": form.cleaned_data.get("period") if form.is_valid() else None,
            "query": query,
            "page_title": _("Impact"),
        },
        status=200 if form.is_valid() else 400,
    )


def figure_csv(request, key):
    form = _period_form(request)
    if not form.is_valid():
        raise Http404(_("Choose a valid period."))
    period = form.cleaned_data["period"]
    found = figure(period, key)
    if found is None:
        raise Http404(_("There is no such figure."))
    filename = f"{key}-{period.first:%Y-%m-%d}-{period.last:%Y-%m-%d}.csv"
    return csv_response(filename, found.header, found.rows)
