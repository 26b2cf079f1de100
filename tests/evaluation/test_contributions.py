"""Contribution indicators on a hand-computed fixture: kinds, statuses, phases, months, local-time bounds."""

import datetime as dt

from django_tenants.utils import schema_context

from imedia_core.evaluation.indicators import compute
from imedia_core.evaluation.period import Period

from .conftest import contribution

Q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_contribution_breakdowns(phases):
    with schema_context("alpha"):
        contribution("proposal", created="2026-01-05", phase=phases["diagnostic"])
        contribution("proposal", created="2026-01-20", phase=phases["propositions"])
        contribution("proposal", created="2026-02-10", phase=phases["propositions"])
        contribution("proposal", "pending", created="2026-02-11")
        contribution("question", created="2026-03-31", hour=23, phase=phases["ancienne"])  # 21:30 UTC: March
        contribution("observation", "rejected", created="2026-03-01", hour=0)  # 28 Feb in UTC, March in Paris
        contribution("testimony", created="2025-12-31", hour=23)  # before the period
        contribution("proposal", created="2026-04-01", hour=0)  # 31 March in UTC, April in Paris: after
        figures = compute(Q1).contributions
    assert figures.total == 6
    assert [(b.key, b.label, b.count) for b in figures.by_kind] == [
        ("question", "Question", 1),
        ("observation", "Constat", 1),
        ("proposal", "Proposition", 4),
        ("testimony", "Témoignage", 0),
    ]
    assert {b.key: b.count for b in figures.by_status} == {
        "pending": 1,
        "published": 4,
        "rejected": 1,
        "hidden": 0,
        "withdrawn": 0,
    }
    assert [(m.month, m.count) for m in figures.by_month] == [
        (dt.date(2026, 1, 1), 2),
        (dt.date(2026, 2, 1), 2),
        (dt.date(2026, 3, 1), 2),
    ]
    assert [(p.slug, p.title, p.count) for p in figures.by_phase] == [
        ("diagnostic", "Diagnostic partagé", 1),
        ("propositions", "Propositions", 2),
        ("suivi", "Suivi", 0),
        ("ancienne", "Ancienne phase", 1),
        ("", "Sans phase", 2),
    ]
    assert figures.by_phase[0].phase_id == phases["diagnostic"].pk and figures.by_phase[-1].phase_id is None


def test_empty_period_lists_every_month_and_phase_with_zero(phases):
    with schema_context("alpha"):
        figures = compute(Period(dt.date(2025, 11, 15), dt.date(2026, 2, 3))).contributions
    assert figures.total == 0
    assert [m.month.isoformat() for m in figures.by_month] == ["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]
    assert {m.count for m in figures.by_month} == {0}
    assert [(p.slug, p.count) for p in figures.by_phase] == [("diagnostic", 0), ("propositions", 0), ("suivi", 0)]
