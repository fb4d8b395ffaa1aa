"""QuickSelect writes the same <select> as Django's template-rendered Select."""

import pytest
from bs4 import BeautifulSoup
from django import forms

from portal.widgets import QuickSelect

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
