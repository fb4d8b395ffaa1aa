"""The quick widgets write the same HTML as Django's template-rendered ones."""

import pytest
from bs4 import BeautifulSoup
from django import forms

from portal.widgets import QuickEmailInput, QuickSelect, QuickTextarea, QuickTextInput

CHOICES = [("", "Any funder"), ("kysk", "KÜSK"), ("tricky", 'Fund <b>"A" & B</b>')]


def _form(widget, data):
    class Form(forms.Form):
        funder = forms.ChoiceField(label="Funder", choices=CHOICES, required=False, widget=widget)

    return Form(data)


def _parsed(html):
    select = BeautifulSoup(html, "html.parser").select_one("select")
    options = [
        (option["value"], option.get_text(), option.has_attr("selected"))
        for option in select.select("option")
    ]
    return select.attrs, options


@pytest.mark.parametrize("data", [None, {"funder": "kysk"}, {"funder": "unknown"}, {}])
def test_quick_select_renders_what_django_select_renders(data):
    quick = str(_form(QuickSelect, data)["funder"])
    django = str(_form(forms.Select, data)["funder"])

    assert _parsed(quick) == _parsed(django)


def test_labels_and_values_are_escaped():
    html = str(_form(QuickSelect, {"funder": "tricky"})["funder"])

    assert "<b>" not in html
    assert "Fund &lt;b&gt;&quot;A&quot; &amp; B&lt;/b&gt;" in html
    assert _parsed(html)[1][2] == ("tricky", 'Fund <b>"A" & B</b>', True)


class ContactLike(forms.Form):
    name = forms.CharField(max_length=100, help_text="As you sign letters.")
    email = forms.EmailField(max_length=254, required=False)
    message = forms.CharField(
        min_length=20, max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )


class QuickContactLike(ContactLike):
    name = forms.CharField(max_length=100, help_text="As you sign letters.", widget=QuickTextInput)
    email = forms.EmailField(max_length=254, required=False, widget=QuickEmailInput)
    message = forms.CharField(
        min_length=20, max_length=3000, widget=QuickTextarea(attrs={"rows": 6})
    )


def _element(html):
    element = BeautifulSoup(html, "html.parser").find(["input", "textarea"])
    return element.name, element.attrs, element.get_text()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"name": 'Ann "<b>" & Co', "email": "not an address", "message": "short </textarea>"},
        {"name": "Mari", "email": "mari@example.ee", "message": "Tere!\nKirjutan teile..." * 3},
    ],
)
@pytest.mark.parametrize("field", ["name", "email", "message"])
def test_quick_inputs_render_what_django_renders(data, field):
    quick = str(QuickContactLike(data)[field])
    django = str(ContactLike(data)[field])

    assert _element(quick) == _element(django)
    assert "<b>" not in quick
