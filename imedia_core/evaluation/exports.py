"""Indicators as CSV and XLSX.

Both exports come from one flat list of rows ``(indicator, dimension, value)``, the *long
format*: one figure per row, ``indicator`` a stable dotted key (``contributions.by_kind``),
``dimension`` the bucket (``proposal``, ``2026-03``...) or empty for a single figure.

- CSV: UTF-8 with a byte-order mark (so spreadsheet software reads the accents), ``;`` as the
  separator, ``.`` as the decimal point, a header row; the operator export adds a first
  ``programme`` column.
- XLSX (openpyxl): one sheet per indicator family, with a French label column; the operator
  export puts the programmes side by side, one column each.

Text that comes from a programme (phase titles, searched text, group names) is neutralised
against formula injection: a cell never starts with ``=``, ``+``, ``-``, ``@``, tab or CR.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from imedia_core.formats import csv_bytes, spreadsheet_safe

from .indicators import Indicators
from .operator import OperatorIndicators

FAMILIES = {
    "period": "Période",
    "contributions": "Contributions",
    "responses": "Réponses",
    "commitments": "Engagements",
    "diagnostics": "Diagnostics",
    "unanswered_searches": "Recherches sans réponse",
}

LABELS = {
    "period.from": "Début de la période",
    "period.to": "Fin de la période",
    "contributions.total": "Contributions reçues",
    "contributions.by_kind": "Contributions par type",
    "contributions.by_status": "Contributions par état",
    "contributions.by_phase": "Contributions par phase",
    "contributions.by_month": "Contributions par mois",
    "responses.proposals": "Propositions publiées",
    "responses.answered": "Propositions ayant reçu une réponse",
    "responses.share": "Part des propositions ayant reçu une réponse",
    "responses.median_days_to_first_response": "Délai médian de première réponse (jours)",
    "responses.responses_published": "Réponses publiées",
    "commitments.total": "Engagements",
    "commitments.planned": "Engagements prévus",
    "commitments.in_progress": "Engagements en cours",
    "commitments.done": "Engagements réalisés",
    "commitments.not_done": "Engagements non réalisés",
    "commitments.overdue": "Engagements en retard",
    "commitments.as_of": "État des engagements au",
    "diagnostics.runs": "Sessions d'autodiagnostic",
    "diagnostics.closed_runs": "Sessions clôturées",
    "diagnostics.groups": "Groupes ayant tenu une session",
    "diagnostics.participants": "Réponses individuelles",
    "diagnostics.groups_compared": "Groupes comparés à leur session précédente",
    "diagnostics.mean_delta": "Progression moyenne des groupes",
    "diagnostics.progress": "Progression par diagnostic et groupe",
    "unanswered_searches.distinct": "Recherches sans réponse (distinctes)",
    "unanswered_searches.searches": "Recherches sans réponse (total)",
    "unanswered_searches.top": "Recherches sans réponse les plus fréquentes",
}

Value = int | float | str | None


@dataclass(frozen=True)
class Row:
    indicator: str
    dimension: str
    value: Value

    @property
    def family(self) -> str:
        return self.indicator.split(".", 1)[0]


def rows(figures: Indicators) -> list[Row]:
    """Every figure of ``figures``, one per row, in a stable order."""
    c, r, k, d, s = (
        figures.contributions,
        figures.responses,
        figures.commitments,
        figures.diagnostics,
        figures.unanswered_searches,
    )
    out = [
        Row("period.from", "", figures.period.start.isoformat()),
        Row("period.to", "", figures.period.end.isoformat()),
    ]
    out.append(Row("contributions.total", "", c.total))
    out += [Row("contributions.by_kind", b.key, b.count) for b in c.by_kind]
    out += [Row("contributions.by_status", b.key, b.count) for b in c.by_status]
    out += [Row("contributions.by_phase", p.slug or "sans-phase", p.count) for p in c.by_phase]
    out += [Row("contributions.by_month", m.month.strftime("%Y-%m"), m.count) for m in c.by_month]
    for name in ("proposals", "answered", "share", "median_days_to_first_response", "responses_published"):
        out.append(Row(f"responses.{name}", "", getattr(r, name)))
    for name in ("total", "planned", "in_progress", "done", "not_done", "overdue"):
        out.append(Row(f"commitments.{name}", "", getattr(k, name)))
    out.append(Row("commitments.as_of", "", k.as_of.isoformat()))
    for name in ("runs", "closed_runs", "groups", "participants", "groups_compared", "mean_delta"):
        out.append(Row(f"diagnostics.{name}", "", getattr(d, name)))
    out += [Row("diagnostics.progress", f"{p.diagnostic_title} / {p.group}", p.mean_delta) for p in d.progress]
    out += [Row("unanswered_searches.distinct", "", s.distinct), Row("unanswered_searches.searches", "", s.searches)]
    out += [Row("unanswered_searches.top", t.text, t.count) for t in s.top]
    return out


def _csv_value(value: Value) -> Value:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return value


def _csv(header: list[str], lines: Iterable[list]) -> bytes:
    return csv_bytes(header, ([_csv_value(v) for v in line] for line in lines))


def to_csv(figures: Indicators) -> bytes:
    return _csv(["indicator", "dimension", "value"], ([r.indicator, r.dimension, r.value] for r in rows(figures)))


def operator_to_csv(report: OperatorIndicators) -> bytes:
    lines = (
        [programme.slug, r.indicator, r.dimension, r.value]
        for programme in report.programmes
        for r in rows(programme.indicators)
    )
    return _csv(["programme", "indicator", "dimension", "value"], lines)


def _write_sheet(sheet, header: list[str], lines: Iterable[list]):
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append([spreadsheet_safe(v) for v in line])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABC", (38, 44, 28), strict=False):
        sheet.column_dimensions[column].width = width


def _workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_xlsx(figures: Indicators) -> bytes:
    book = Workbook()
    book.remove(book.active)
    all_rows = rows(figures)
    for family, title in FAMILIES.items():
        lines = [[r.indicator, LABELS[r.indicator], r.dimension, r.value] for r in all_rows if r.family == family]
        _write_sheet(book.create_sheet(title), ["indicator", "Indicateur", "Dimension", "Valeur"], lines)
    return _workbook_bytes(book)


def operator_to_xlsx(report: OperatorIndicators) -> bytes:
    """One sheet per family; one row per (indicator, dimension), one column per programme."""
    book = Workbook()
    book.remove(book.active)
    per_programme = [{(r.indicator, r.dimension): r.value for r in rows(p.indicators)} for p in report.programmes]
    keys: dict[tuple[str, str], None] = {}
    for programme in report.programmes:
        keys.update(dict.fromkeys((r.indicator, r.dimension) for r in rows(programme.indicators)))
    header = ["indicator", "Indicateur", "Dimension", *(p.name for p in report.programmes)]
    for family, title in FAMILIES.items():
        lines = [
            [indicator, LABELS[indicator], dimension, *(values.get((indicator, dimension)) for values in per_programme)]
            for indicator, dimension in keys
            if indicator.split(".", 1)[0] == family
        ]
        _write_sheet(book.create_sheet(title), header, lines)
    slugs = book.create_sheet("Programmes")
    _write_sheet(
        slugs,
        ["slug", "Programme", "État", "Territoire"],
        ([p.slug, p.name, p.status, p.territory] for p in report.programmes),
    )
    return _workbook_bytes(book)
