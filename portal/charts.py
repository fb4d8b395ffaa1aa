"""Charts drawn on the server as SVG: no scripts, no external files, and a text alternative.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by a ``<desc>``
that says in words what it shows; the page shows the same numbers in a table next to it
(``Chart.rows``), which is the full text alternative. Colours are set with presentation
attributes, never ``style``, so a strict Content-Security-Policy does not strip them.

- ``bars(...)``: horizontal bars, one per category (answers to a question, counties...).
- ``columns(...)``: vertical columns along time (months or years), stacked by series.
"""

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# Distinguishable colours, each with at least 4.5:1 contrast against white.
PALETTE = ["#0b4f6c", "#9a5b00", "#1d6b34", "#8a1c1c", "#5b3f8c", "#4a5866", "#00657a"]
WIDTH = 640
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
CHAR_WIDTH = 7  # about the width of a digit at that size


@dataclass
class Series:
    label: str
    values: list


@dataclass
class Chart:
    """What a page needs to show one chart: the SVG, and the table that says the same."""

    chart_id: str
    title: str
    summary: str
    categories: list
    series: list = field(default_factory=list)
    category_label: str = ""
    svg: str = ""

    @property
    def rows(self):
        """``(category, [value per series], total)`` for the table."""
        return [
            (category, [series.values[index] for series in self.series], self.total(index))
            for index, category in enumerate(self.categories)
        ]

    def total(self, index):
        return sum(series.values[index] for series in self.series)

    @property
    def is_empty(self):
        return not any(self.total(index) for index in range(len(self.categories)))


def nice_maximum(value):
    """The top of the scale: the smallest of 1, 2, 5 times a power of ten that is at least
    ``value`` (at least 1)."""
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def _open(chart, height):
    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}">'
        f'<title id="{title_id}">{escape(chart.title)}</title>'
        f'<desc id="{desc_id}">{escape(chart.summary)}</desc>'
    )


def _legend(series, top):
    if len(series) < 2:
        return "", 0
    parts, x = [], 0
    for index, one in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{top}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{top + 10}" {FONT} fill="#1d2733">{escape(one.label)}</text>'
        )
        x += 28 + 7 * len(str(one.label))
    return "".join(parts), 22


def bars(chart_id, title, summary, categories, series, category_label=""):
    """Horizontal bars, stacked by series, one row per category."""
    chart = Chart(chart_id, title, summary, [str(c) for c in categories], series, category_label)
    label_width, row_height, right = 230, 26, 48
    legend, legend_height = _legend(series, 0)
    top = legend_height + 4
    height = top + row_height * max(len(categories), 1) + 4
    maximum = max([chart.total(i) for i in range(len(categories))] + [0]) or 1
    scale = (WIDTH - label_width - right) / maximum
    parts = [_open(chart, height), f'<g aria-hidden="true">{legend}']
    for index, category in enumerate(chart.categories):
        y = top + index * row_height
        label = Truncator(category).chars(34)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" {FONT} '
            f'fill="#1d2733">{escape(label)}</text>'
        )
        x = label_width
        for number, one in enumerate(series):
            width = one.values[index] * scale
            if width:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{width:.1f}" height="{row_height - 8}" '
                    f'fill="{PALETTE[number % len(PALETTE)]}"/>'
                )
            x += width
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 16}" {FONT} fill="#1d2733">{chart.total(index)}</text>'
        )
    parts.append("</g></svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
    return chart


def columns(chart_id, title, summary, categories, series, category_label=""):
    """Vertical columns along time, stacked by series, with a scale on the left."""
    chart = Chart(chart_id, title, summary, [str(c) for c in categories], series, category_label)
    left, bottom, plot_height = 44, 34, 200
    legend, legend_height = _legend(series, 0)
    top = legend_height + 8
    height = top + plot_height + bottom
    count = max(len(categories), 1)
    slot = (WIDTH - left - 8) / count
    maximum = nice_maximum(max([chart.total(i) for i in range(len(categories))] + [0]))
    scale = plot_height / maximum
    parts = [_open(chart, height), f'<g aria-hidden="true">{legend}']
    for tick in (0, maximum / 2, maximum):
        y = top + plot_height - tick * scale
        text = f"{tick:g}"
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5dde3"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT} '
            f'fill="#4a5866">{text}</text>'
        )
    # Label every category when the labels fit side by side, else every n-th one.
    widest = max([len(category) for category in chart.categories] + [1]) * CHAR_WIDTH + 8
    every = max(1, math.ceil(widest / slot))
    for index, category in enumerate(chart.categories):
        x = left + index * slot
        y = top + plot_height
        for number, one in enumerate(series):
            bar = one.values[index] * scale
            if bar:
                y -= bar
                parts.append(
                    f'<rect x="{x + slot * 0.15:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                    f'height="{bar:.1f}" fill="{PALETTE[number % len(PALETTE)]}"/>'
                )
        if index % every == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{top + plot_height + 16}" text-anchor="middle" '
                f'{FONT} fill="#1d2733">{escape(category)}</text>'
            )
    parts.append("</g></svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
    return chart
