"""Bar charts drawn at build time as inline SVG: no script, no external resource.

Each chart is a ``<figure>`` whose ``<svg role="img">`` is named by the figure's caption and
described by a ``<desc>`` that states every value in words, so a screen reader reads the whole
chart as one sentence. Every bar carries its value (``data-key``, ``data-value``) so tests can
compare what is drawn with the count. The SVG has no ``viewBox``: it is as wide as its column,
bar lengths are percentages and the text keeps its size, so the chart stays readable on a
390-pixel phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

ROW = 40  # pixels per bar: a 20-pixel line of text above a 12-pixel bar
TEXT = 15
BAR = 12


@dataclass(frozen=True)
class Bar:
    key: str  # what the bar counts (a login, "no preference", "yes")
    label: str  # what a reader sees (a name)
    value: int
    note: str = ""  # more words after the value ("6 five-star ratings")
    strong: bool = False  # drawn emphasised (the winner of the runoff, the elected)


def _words(n: int, unit: str) -> str:
    if unit.endswith("s") and n == 1:
        unit = unit[:-1]
    return f"{n:,} {unit}".rstrip()


def bar_chart(chart_id: str, caption: str | Markup, bars: Sequence[Bar], unit: str,
              kind: str, scale: int | None = None) -> Markup:
    """A horizontal bar chart; bar lengths are ``value / scale`` (default: the largest value)."""
    top = scale if scale is not None else max((b.value for b in bars), default=0)
    desc = "; ".join(
        f"{b.label}: {_words(b.value, unit)}" + (f", {b.note}" if b.note else "")
        + (" (highlighted)" if b.strong else "") for b in bars) + "."
    rows = []
    for i, b in enumerate(bars):
        y = i * ROW
        pct = 0.0 if top <= 0 else 100.0 * b.value / top
        text = f"{b.label} · {_words(b.value, unit)}" + (f" · {b.note}" if b.note else "")
        rows.append(Markup(
            '<g class="bar{strong}" data-key="{key}" data-value="{value}">'
            '<text x="0" y="{ty}">{text}</text>'
            '<rect x="0" y="{by}" width="{pct}%" height="{h}" rx="2"></rect></g>'
        ).format(strong=" strong" if b.strong else "", key=b.key, value=b.value,
                 ty=y + TEXT, text=text, by=y + TEXT + 6, pct=f"{pct:.2f}", h=BAR))
    height = ROW * len(bars)
    return Markup(
        '<figure class="chart" data-chart="{kind}">'
        '<figcaption id="{cid}-caption">{caption}</figcaption>'
        '<svg class="bars" role="img" aria-labelledby="{cid}-caption {cid}-desc" width="100%" '
        'height="{height}" data-scale="{top}"><desc id="{cid}-desc">{desc}</desc>{rows}</svg>'
        '</figure>'
    ).format(kind=kind, cid=chart_id, caption=caption, height=height, top=top,
             desc=escape(desc), rows=Markup("").join(rows))
