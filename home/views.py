"""Admin views of the home app."""

from wagtail.contrib.forms.views import SubmissionsListView

from portal.exports import SafeSpreadsheetExportMixin

from .survey import answer_charts


class SurveySubmissionsView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's submissions listing and its CSV/XLSX export, with a chart of each choice
    question above the list (the date filter applies to both)."""

    results_template_name = "home/survey_submissions_results.html"

    def answers_of_every_version(self):
        versions = self.form_page.get_translations(inclusive=True)
        queryset = self.form_page.get_submission_class().objects.filter(page__in=versions)
        if self.filterset_class:
            queryset = self.filterset_class(self.request.GET, queryset=queryset).qs
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["charts"] = answer_charts(self.form_page, self.answers_of_every_version())
        return context
