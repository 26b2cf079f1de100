"""Server-rendered SVG bar charts of the indicators, accessible and dependency-free.

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and described by a ``<desc>``
that states every value in French, so a screen reader (or a text-only client) gets the same
information as the picture. Every text from the database (phase titles...) is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from imedia_core.formats import xml_text

from .indicators import Indicators

MONTHS_FR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_FR_LONG = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
COLOURS = {"default": "#2f5f8a", "done": "#2e7d32", "overdue": "#c62828", "not_done": "#6d4c41"}


@dataclass(frozen=True)
class Bar:
    label: str  # short, under the bar
    spoken: str  # long, in the text alternative
    value: int
    colour: str = COLOURS["default"]


def _fr_date(day) -> str:
    return f"{day.day} {MONTHS_FR_LONG[day.month - 1]} {day.year}"


def _period_text(figures: Indicators) -> str:
    return f"du {_fr_date(figures.period.start)} au {_fr_date(figures.period.end)}"


def bar_chart(chart_id: str, title: str, intro: str, bars: list[Bar], *, unit: str, total: int | None = None) -> str:
    """A vertical bar chart. ``intro`` opens the text alternative; each bar's value follows.
    ``total`` overrides the sum of the bars (when one bar is a subset of others)."""
    width_per_bar, gap, left, top, plot_h, bottom = 44, 12, 48, 40, 180, 56
    width = max(320, left + len(bars) * (width_per_bar + gap) + gap)
    height = top + plot_h + bottom
    peak = max((bar.value for bar in bars), default=0)
    scale_max = max(peak, 1)
    total = sum(bar.value for bar in bars) if total is None else total
    spoken = "; ".join(f"{bar.spoken} : {bar.value} {unit}" for bar in bars) or "aucune donnée"
    desc = f"{intro} Total : {total} {unit}. {spoken}."
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{title_id} {desc_id}" lang="fr">',
        f'<title id="{title_id}">{xml_text(title)}</title>',
        f'<desc id="{desc_id}">{xml_text(desc)}</desc>',
        '<g font-family="sans-serif" font-size="11" fill="#222">',
        f'<text x="{left}" y="20" font-size="14" font-weight="bold" aria-hidden="true">{xml_text(title)}</text>',
        # Axis and the peak value, so the picture reads without the text alternative.
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - gap}" y2="{top + plot_h}" stroke="#888"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" aria-hidden="true">{scale_max}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" aria-hidden="true">0</text>',
    ]
    for index, bar in enumerate(bars):
        x = left + gap + index * (width_per_bar + gap)
        h = round(plot_h * bar.value / scale_max, 1)
        y = top + plot_h - h
        out.append(
            f'<rect x="{x}" y="{y}" width="{width_per_bar}" height="{h}" fill={quoteattr(bar.colour)}>'
            f"<title>{xml_text(bar.spoken)} : {bar.value}</title></rect>"
        )
        out.append(
            f'<text x="{x + width_per_bar / 2}" y="{y - 4}" text-anchor="middle" aria-hidden="true">{bar.value}</text>'
        )
        out.append(
            f'<text x="{x + width_per_bar / 2}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'aria-hidden="true">{xml_text(bar.label)}</text>'
        )
    out.append("</g></svg>")
    return "\n".join(out)


def contributions_by_month(figures: Indicators) -> str:
    bars = []
    for bucket in figures.contributions.by_month:
        month = bucket.month
        bars.append(
            Bar(
                f"{MONTHS_FR[month.month - 1]} {month.year % 100:02d}",
                f"{MONTHS_FR_LONG[month.month - 1]} {month.year}",
                bucket.count,
            )
        )
    return bar_chart(
        "contributions-par-mois",
        "Contributions par mois",
        f"Contributions reçues par mois, {_period_text(figures)}.",
        bars,
        unit="contributions",
    )


def contributions_by_kind(figures: Indicators) -> str:
    bars = [Bar(b.label, b.label, b.count) for b in figures.contributions.by_kind]
    return bar_chart(
        "contributions-par-type",
        "Contributions par type",
        f"Contributions reçues par type, {_period_text(figures)}.",
        bars,
        unit="contributions",
    )


def contributions_by_phase(figures: Indicators) -> str:
    bars = [Bar(p.title[:10], p.title, p.count) for p in figures.contributions.by_phase]
    return bar_chart(
        "contributions-par-phase",
        "Contributions par phase",
        f"Contributions reçues par phase du cycle, {_period_text(figures)}.",
        bars,
        unit="contributions",
    )


def commitments(figures: Indicators) -> str:
    c = figures.commitments
    bars = [
        Bar("Prévus", "Prévus", c.planned),
        Bar("En cours", "En cours", c.in_progress),
        Bar("Réalisés", "Réalisés", c.done, COLOURS["done"]),
        Bar("Non réal.", "Non réalisés", c.not_done, COLOURS["not_done"]),
        Bar("En retard", "En retard (prévus ou en cours, échéance dépassée)", c.overdue, COLOURS["overdue"]),
    ]
    return bar_chart(
        "engagements",
        "Engagements par état",
        f"Engagements dont l'échéance tombe {_period_text(figures)}, par état au {_fr_date(c.as_of)} "
        f"({c.total} engagements ; les engagements en retard sont aussi comptés comme prévus ou en cours).",
        bars,
        unit="engagements",
        total=c.total,
    )


CHARTS: dict[str, Callable[[Indicators], str]] = {
    "contributions-by-month": contributions_by_month,
    "contributions-by-kind": contributions_by_kind,
    "contributions-by-phase": contributions_by_phase,
    "commitments": commitments,
}
