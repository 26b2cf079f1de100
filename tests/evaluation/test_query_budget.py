"""Indicators cost a fixed number of SQL statements, whatever the number of rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.diagnostics.models import Answer, Diagnostic, Group, Item, Participant, Run
from imedia_core.evaluation.indicators import QUERIES, compute
from imedia_core.evaluation.period import Period

from .conftest import EXPECTED, commitment, contribution, response, search
from .test_graphql import INDICATORS

PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
# One per family, plus the answers and the structure behind diagnostic progress.
EXPECTED_QUERIES = len(QUERIES) + 2


def measure(detailed=True):
    with schema_context("alpha"), CaptureQueriesContext(connection) as captured:
        figures = compute(PERIOD, detailed=detailed)
    return len([q for q in captured.captured_queries if not q["sql"].startswith("SET search_path")]), figures


def grow(phases):
    """Ten times more of everything, including twenty more groups to compare."""
    diagnostic = Diagnostic.objects.get(slug="demarche")
    item = Item.objects.filter(diagnostic=diagnostic).first()
    for i in range(60):
        row = contribution(("proposal", "question")[i % 2], created=f"2026-0{1 + i % 3}-1{i % 9}")
        response(row, f"2026-03-2{i % 9}")
        commitment(f"2026-02-{10 + i % 15}", ("planned", "done", "in_progress")[i % 3])
        search(f"recherche {i}", i + 1, "2026-01-01", "2026-02-01")
    for g in range(20):
        group = Group.objects.create(name=f"Groupe {g}", slug=f"groupe-{g}")
        for n, held in enumerate(("2026-01-10", "2026-02-10")):
            run = Run.objects.create(
                diagnostic=diagnostic, group=group, title="S", held_on=held, code=f"G{g}N{n}", status="closed"
            )
            for p in range(1, 4):
                participant = Participant.objects.create(run=run, number=p, token_hash=f"{g}-{n}-{p}")
                Answer.objects.create(participant=participant, item=item, choice=p, score=p)


def test_cost_does_not_grow_with_rows(programme, phases):
    small, before = measure()
    assert small == EXPECTED_QUERIES
    with schema_context("alpha"):
        grow(phases)
    large, after = measure()
    assert large == small
    assert after.contributions.total == EXPECTED["contributions.total"] + 60
    assert after.diagnostics.groups_compared == 21 and len(after.diagnostics.progress) == 21
    assert after.unanswered_searches.searches > before.unanswered_searches.searches


def test_without_runs_to_compare_two_statements_are_saved(phases):
    count, figures = measure()
    assert figures.diagnostics.progress == [] and count == len(QUERIES)


@pytest.mark.parametrize("rows", [0, 40])
def test_graphql_indicators_cost(api, tenant_a, phases, staff_token, rows):
    with schema_context("alpha"):
        for i in range(rows):
            contribution("proposal", created=f"2026-02-{1 + i % 27:02d}")
    api.gql(INDICATORS, {"from": "2026-01-01", "to": "2026-03-31"}, tenant=tenant_a, token=staff_token)
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(INDICATORS, {"from": "2026-01-01", "to": "2026-03-31"}, tenant=tenant_a, token=staff_token)
    assert data["indicators"]["contributions"]["total"] == rows
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET search_path")]
    # Routing (domain), token and role (3), then the indicators (no pair of runs: no progress queries).
    assert len(statements) == 3 + len(QUERIES), "\n".join(s[:120] for s in statements)
