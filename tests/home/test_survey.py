"""The needs survey: a form page editors build and translate; visitors answer it in their
language; the admin lists, exports and charts the answers of every language version."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.models import Translation, TranslationSource

from home import demo_survey
from home.models import FormField, FormPage, HomePage

pytestmark = pytest.mark.django_db

ET = "/et/needs-survey/"
RU = "/ru/needs-survey/"


@pytest.fixture
def survey(site_tree):
    pages = demo_survey.seed()["survey"]
    FormSubmission.objects.all().delete()
    return pages


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


def names(page):
    """The form's field names, in order: support, language, channels, topics, name, other."""
    return [field.clean_name for field in page.get_form_fields()]


def answer(survey, language, support, info, channels=(), organisation="", other=""):
    fields = names(survey[language])
    column = 0 if language == "et" else 1
    questions = demo_survey.QUESTIONS

    def choice(question, index):
        return questions[question][3][index][column]

    return {
        fields[0]: [choice(0, index) for index in support],
        fields[1]: choice(1, info),
        fields[2]: [choice(2, index) for index in channels],
        fields[4]: organisation,
        fields[5]: other,
        "homepage": "",
    }


class TestSurveyPageType(WagtailPageTestCase):
    def test_surveys_live_under_a_home_page(self):
        self.assertAllowedParentPageTypes(FormPage, {HomePage})
        self.assertAllowedSubpageTypes(FormPage, set())

    def test_home_pages_allow_surveys(self):
        self.assertCanCreateAt(HomePage, FormPage)


def test_the_demo_survey_is_in_estonian_and_russian(client, survey):
    estonian = BeautifulSoup(client.get(ET).content, "html.parser")
    russian = BeautifulSoup(client.get(RU).content, "html.parser")

    assert "Millist tuge teie organisatsioon vajab?" in estonian.get_text()
    assert "Какая поддержка нужна вашей организации?" in russian.get_text()
    assert russian.find("input", attrs={"value": "Поиск финансирования"}) is not None
    # Translated through wagtail-localize, the answers stored under the same names.
    assert TranslationSource.objects.filter(object_id=survey["et"].translation_key).exists()
    assert names(survey["ru"]) == names(survey["et"])
    assert estonian.find("a", attrs={"hreflang": "ru"})["href"] == RU


def test_seeding_the_survey_again_changes_nothing(survey):
    before = (FormPage.objects.count(), FormField.objects.count(), FormSubmission.objects.count())

    demo_survey.seed()

    assert FormPage.objects.count() == before[0]
    assert FormField.objects.count() == before[1]


def test_a_visitor_answers_in_russian(client, survey):
    response = client.post(RU, answer(survey, "ru", [0, 4], 1, organisation="MTÜ Narva"))

    assert response.status_code == 200
    assert "Спасибо! Ваши ответы получены." in response.content.decode()
    submission = FormSubmission.objects.get()
    assert submission.page_id == survey["ru"].pk
    data = submission.form_data
    fields = names(survey["ru"])
    assert data[fields[0]] == ["Поиск финансирования", "Поиск партнёров"]
    assert data[fields[1]] == "На русском"
    assert "homepage" not in data


def test_missing_answers_are_explained_and_what_was_typed_is_kept(client, survey):
    data = answer(survey, "et", [], 0, organisation="MTÜ Tartu Noored")

    response = client.post(ET, data)

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    field = names(survey["et"])[0]
    assert page.find(id=f"id_{field}_error") is not None
    assert page.find("input", attrs={"name": names(survey["et"])[4]})["value"] == "MTÜ Tartu Noored"
    assert page.find("input", attrs={"value": "Eesti keeles"}).has_attr("checked")
    assert not FormSubmission.objects.exists()


def test_a_filled_honeypot_keeps_nothing(client, survey):
    data = answer(survey, "et", [0], 0) | {"homepage": "http://spam.example"}

    response = client.post(ET, data)

    assert response.status_code == 200
    assert not FormSubmission.objects.exists()


def test_one_network_sends_ten_answers_an_hour(client, survey):
    for _number in range(10):
        assert client.post(ET, answer(survey, "et", [0], 0)).status_code == 200

    refused = client.post(ET, answer(survey, "et", [1], 0, organisation="Kept"))

    assert refused.status_code == 429
    assert "Kept" in refused.content.decode()
    assert FormSubmission.objects.count() == 10


def test_the_admin_charts_the_answers_of_both_languages(client, editor_client, survey):
    client.post(ET, answer(survey, "et", [0, 1], 0))
    client.post(ET, answer(survey, "et", [0], 1))
    client.post(RU, answer(survey, "ru", [0, 4], 1))
    editor_client.force_login(get_user_model().objects.get(username="editor"))

    response = editor_client.get(f"/admin/forms/submissions/{survey['et'].pk}/")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    charts = page.select("figure.chart-figure")
    # The four choice questions, the two text questions have no chart.
    assert len(charts) == 4
    support = charts[0]
    svg = support.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() == "Millist tuge teie organisatsioon vajab?"
    assert "Rahastuse leidmine: 3" in svg.find("desc").get_text()
    rows = {
        row.find("th").get_text(): [cell.get_text() for cell in row.find_all("td")]
        for row in support.select("tbody tr")
    }
    # Russian, Estonian, total: the Russian "Поиск финансирования" is the same answer.
    assert rows["Rahastuse leidmine"] == ["1", "2", "3"]
    assert rows["Projektitaotluse kirjutamine"] == ["0", "1", "1"]
    assert rows["Partnerite leidmine"] == ["1", "0", "1"]
    assert rows["Koolitused"] == ["0", "0", "0"]
    language = {
        row.find("th").get_text(): row.find_all("td")[-1].get_text()
        for row in charts[1].select("tbody tr")
    }
    assert language == {"Eesti keeles": "1", "Vene keeles": "2", "Inglise keeles": "0"}


def test_the_russian_version_charts_with_russian_labels(client, editor_client, survey):
    client.post(ET, answer(survey, "et", [0], 0))

    response = editor_client.get(f"/admin/forms/submissions/{survey['ru'].pk}/")

    page = BeautifulSoup(response.content, "html.parser")
    first = page.select("figure.chart-figure")[0]
    rows = {
        row.find("th").get_text(): row.find_all("td")[-1].get_text()
        for row in first.select("tbody tr")
    }
    assert rows["Поиск финансирования"] == "1"


def test_submissions_export_as_safe_csv_and_as_xlsx(client, editor_client, survey):
    client.post(ET, answer(survey, "et", [0, 1], 0, organisation='=HYPERLINK("http://x")'))
    url = f"/admin/forms/submissions/{survey['et'].pk}/"

    exported = editor_client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    header, row = rows
    values = dict(zip(header, row, strict=True))
    assert values["Organisatsiooni nimi"] == '\'=HYPERLINK("http://x")'
    assert values["Millist tuge teie organisatsioon vajab?"] == (
        "Rahastuse leidmine, Projektitaotluse kirjutamine"
    )

    workbook = editor_client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    assert list(sheet.values)[1][1] == "Rahastuse leidmine, Projektitaotluse kirjutamine"


def test_an_editor_translates_a_new_survey_with_wagtail_localize(
    editor_client, site_tree, locales, django_capture_on_commit_callbacks
):
    source = FormPage(title="Küsitlus", slug="kusitlus")
    source.form_fields.add(
        FormField(sort_order=0, label="Kas olete rahul?", field_type="radio", choices="Jah\nEi")
    )
    site_tree["homes"]["et"].add_child(instance=source)
    source.save_revision().publish()

    response = editor_client.post(
        f"/admin/localize/submit/page/{source.pk}/", {"locales": [locales["ru"].pk]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=source.translation_key)
    # The choices are one segment, their lines kept as <br> by wagtail-localize.
    russian_text = {
        "Küsitlus": "Опрос",
        "Kas olete rahul?": "Вы довольны?",
        "Jah<br/>Ei": "Да<br/>Нет",
    }
    for segment in translation.source.stringsegment_set.select_related("string"):
        if segment.string.data in russian_text:
            segment.string.translations.create(
                locale=locales["ru"],
                context=segment.context,
                data=russian_text[segment.string.data],
            )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    russian = Page.objects.get(pk=source.get_translation(locales["ru"]).pk).specific
    (question,) = russian.get_form_fields()
    assert (question.label, question.choices) == ("Вы довольны?", "Да\nНет")
    assert question.locale == locales["ru"]
    assert question.clean_name == source.get_form_fields()[0].clean_name
    assert editor_client.get("/ru/kusitlus/").status_code == 200


def test_the_survey_renders_with_a_bounded_number_of_queries(client, survey):
    client.get(RU)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(RU)

    assert response.status_code == 200
    assert len(queries) <= 12, [query["sql"] for query in queries]
