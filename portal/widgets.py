from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python: the HTML of Django's ``Select`` without a template
    render, nor a dictionary of attributes, per ``<option>``; for a filter form of some
    seventy options that was a sixth of the calls list's time. No option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        selected = None
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            chosen = option_value in values and (selected is None or self.allow_multiple_selected)
            if chosen:
                selected = option_value
            options.append(
                f'<option value="{escape(option_value)}"{" selected" if chosen else ""}>'
                f"{conditional_escape(label)}</option>"
            )
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        # Every value and label above is escaped.
        options = mark_safe("".join(options))  # noqa: S308
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class QuickInputMixin:
    """An ``<input>`` written in Python: the HTML of Django's input widgets without the two
    template renders (the input and its attributes) each costs; a form of five fields was a
    sixth of an organisation's profile."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            format_html(' value="{}"', value) if value is not None else "",
            flatatt(widget["attrs"]),
        )


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickEmailInput(QuickInputMixin, forms.EmailInput):
    pass


class QuickTextarea(forms.Textarea):
    """A ``<textarea>`` written in Python (see ``QuickInputMixin``)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            widget["name"],
            flatatt(widget["attrs"]),
            widget["value"] or "",
        )
