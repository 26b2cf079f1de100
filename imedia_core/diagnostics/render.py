"""Results as an accessible SVG radar chart and as CSV, built with the standard library only.

The SVG is a string built by hand: every text goes through ``imedia_core.formats.xml_text`` (XML
escaping, control characters removed), every number is formatted by us. It carries ``role="img"`` and a
``<title>``/``<desc>`` pair (referenced by ``aria-labelledby``) whose text lists every score,
so a screen reader gets the whole chart as words.

The CSV is made for a French spreadsheet by default (``excel-fr``): ``;`` between fields,
decimal comma, UTF-8 with a byte-order mark so Excel reads the accents. ``standard`` gives
RFC 4180 (``,``, decimal point, no BOM) for programs. Text cells that look like formulas are
neutralised (``formats.spreadsheet_safe``).
"""

from __future__ import annotations

import math

from imedia_core.formats import csv_bytes, xml_text

from .results import RunResults, participant_label

WIDTH, HEIGHT = 720, 620
CX, CY, RADIUS = 360, 290, 200
GROUP_COLOUR = "#1d4e89"  # contrast ≥ 7:1 on white
COMPARE_COLOUR = "#b3541e"


def french_number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}".replace(".", ",")


def _point(index: int, count: int, score: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * max(0.0, min(score, 100.0)) / 100.0
    return CX + r * math.cos(angle), CY + r * math.sin(angle)


def _points(scores: list[float | None]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(i, len(scores), s or 0.0) for i, s in enumerate(scores)))


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def radar_svg(results: RunResults, compare: tuple[str, list[float | None]] | None = None) -> str:
    """The group's score per dimension on a radar; ``compare`` = (caption, scores in the same
    dimension order) draws an earlier run dashed beneath it."""
    run = results.run
    dims = results.dimensions
    count = max(len(dims), 1)
    scores = [d.score for d in dims]
    title = f"Résultats de l'autodiagnostic « {run.diagnostic.title} » — {run.group.name}, {run.held_on:%d/%m/%Y}"
    lines = []
    for index, d in enumerate(dims):
        level = f" ({d.level.label})" if d.level else ""
        before = ""
        if compare is not None:
            before = f", {compare[0]} : {french_number(compare[1][index])}"
        lines.append(f"{d.dimension.title} : {french_number(d.score)} sur 100{level}{before}")
    description = (
        f"Score du groupe par dimension, sur 100 ({results.participant_count} participant·es). "
        + " ; ".join(lines)
        + "."
    )
    if results.group_withheld:
        description = (
            f"Les scores du groupe ne sont montrés qu'à partir de 3 participant·es "
            f"({results.participant_count} pour l'instant), pour que personne ne puisse retrouver les "
            "réponses des autres."
        )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-labelledby="radar-title radar-desc" font-family="sans-serif" font-size="13">',
        f'<title id="radar-title">{xml_text(title)}</title>',
        f'<desc id="radar-desc">{xml_text(description)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<g aria-hidden="true">',
    ]
    for ring in (25, 50, 75, 100):
        out.append(f'<polygon points="{_points([ring] * count)}" fill="none" stroke="#c8c8c8" stroke-width="1"/>')
        out.append(
            f'<text x="{CX + 4}" y="{CY - RADIUS * ring / 100 + 12:.1f}" fill="#555555" font-size="10">{ring}</text>'
        )
    for index, d in enumerate(dims):
        x, y = _point(index, count, 100)
        out.append(f'<line x1="{CX}" y1="{CY}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8c8c8" stroke-width="1"/>')
        lx, ly = _point(index, count, 116)
        anchor = "middle" if abs(lx - CX) < 10 else ("start" if lx > CX else "end")
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" dominant-baseline="middle" fill="#222222">'
            f"{xml_text(_short(d.dimension.title))}</text>"
        )
    if compare is not None and dims:
        out.append(
            f'<polygon points="{_points(compare[1])}" fill="{COMPARE_COLOUR}" fill-opacity="0.08" '
            f'stroke="{COMPARE_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    if dims and not results.group_withheld:
        out.append(
            f'<polygon points="{_points(scores)}" fill="{GROUP_COLOUR}" fill-opacity="0.2" '
            f'stroke="{GROUP_COLOUR}" stroke-width="2.5"/>'
        )
        for index, score in enumerate(scores):
            if score is not None:
                x, y = _point(index, count, score)
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{GROUP_COLOUR}"/>')
    legend_y = HEIGHT - 40
    out.append(f'<rect x="40" y="{legend_y - 10}" width="22" height="4" fill="{GROUP_COLOUR}"/>')
    out.append(f'<text x="70" y="{legend_y - 4}" fill="#222222">{xml_text(run.title)}</text>')
    if compare is not None:
        out.append(
            f'<line x1="40" y1="{legend_y + 16}" x2="62" y2="{legend_y + 16}" stroke="{COMPARE_COLOUR}" '
            'stroke-width="3" stroke-dasharray="6 4"/>'
        )
        out.append(f'<text x="70" y="{legend_y + 20}" fill="#222222">{xml_text(compare[0])}</text>')
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


CSV_HEADER = [
    "Ligne",
    "Participant·e",
    "Dimension",
    "Score (sur 100)",
    "Niveau de maturité",
    "Items répondus",
    "Items sans réponse",
    "Répondant·es",
    "Écart-type",
]
DIALECTS = {"excel-fr": (";", ",", True), "standard": (",", ".", False)}


def results_csv(results: RunResults, dialect: str = "excel-fr") -> bytes:
    """One row per member × dimension (pseudonymised), then one group row per dimension."""
    delimiter, decimal, bom = DIALECTS[dialect]

    def number(value):
        return "" if value is None else f"{value:.1f}".replace(".", decimal)

    lines = [
        [
            "membre",
            participant_label(member.number),
            score.dimension.title,
            number(score.score),
            score.level.label if score.level else "",
            score.answered,
            score.missing,
            "",
            "",
        ]
        for member in results.members
        for score in member.scores
    ]
    lines += [
        [
            "groupe",
            "Groupe",
            d.dimension.title,
            number(d.score),
            d.level.label if d.level else "",
            "",
            d.missing_answers,
            d.respondents,
            number(d.spread),
        ]
        for d in results.dimensions
    ]
    return csv_bytes(CSV_HEADER, lines, delimiter=delimiter, bom=bom)
