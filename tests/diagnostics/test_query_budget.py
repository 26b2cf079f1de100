"""Lists cost a constant number of SQL queries whatever the page size: diagnostics with their
dimensions, items and levels; runs with their diagnostic, group and participant count; and
a run's results whatever the size of the group."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.diagnostics import services

from .conftest import SYSTEM, make_diagnostic

DIAGNOSTICS = """query($n: Int!) { diagnostics(first: $n) { totalCount edges { node {
  id title status scorerLabel itemCount maturityLevels { label minScore }
  dimensions { slug title phase { slug title } items { id text weight scale { label score } } }
  items { id dimensionId }
} } } }"""
RUNS = """query($n: Int!) { diagnosticRuns(first: $n) { totalCount edges { node {
  id title heldOn status code participantCount facilitatorLabel radarUrl
  diagnostic { title } group { name }
} } } }"""


def count(api, tenant, query, n, token):
    api.gql(query, {"n": 1}, tenant=tenant, token=token)  # warm caches
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, {"n": n}, tenant=tenant, token=token)
    return len(captured.captured_queries), data, [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def many(db):
    diagnostic, _, items = make_diagnostic()
    with schema_context("alpha"):
        for i in range(11):
            services.create_diagnostic(
                SYSTEM,
                {
                    "title": f"Diagnostic {i}",
                    "dimensions": [{"title": "X"}, {"title": "Y"}],
                    "items": [{"dimension": "x", "text": "x1"}, {"dimension": "y", "text": "y1"}],
                },
            )
        for i in range(12):
            run = services.open_run(SYSTEM, diagnostic, group_name=f"Groupe {i % 3}", held_on=date(2025, 1, 1 + i))
            services.submit_answers(SYSTEM, run.code, [(items["a1"].pk, 1)])
            services.submit_answers(SYSTEM, run.code, [(items["a2"].pk, 2)])


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_diagnostics_page_cost_is_constant(api, tenant_a, many, staff, who):
    token = staff if who == "staff" else None
    small, data_small, _ = count(api, tenant_a, DIAGNOSTICS, 3, token)
    large, data_large, sql = count(api, tenant_a, DIAGNOSTICS, 12, token)
    # The 11 extra are drafts: readers see only the published one.
    expected_total = 12 if who == "staff" else 1
    assert data_large["diagnostics"]["totalCount"] == expected_total
    assert len(data_large["diagnostics"]["edges"]) == min(12, expected_total)
    assert small == large, sql
    # Routing (search_path, domain), search_path, (token, role,) count, page, dimensions with their
    # phases, their items, the diagnostics' items, maturity levels.
    assert large == (11 if who == "staff" else 9), "\n".join(sql)


def test_runs_page_cost_is_constant(api, tenant_a, many, staff):
    small, data_small, _ = count(api, tenant_a, RUNS, 3, staff)
    large, data_large, sql = count(api, tenant_a, RUNS, 12, staff)
    assert len(data_small["diagnosticRuns"]["edges"]) == 3 and len(data_large["diagnosticRuns"]["edges"]) == 12
    assert all(e["node"]["participantCount"] == 2 for e in data_large["diagnosticRuns"]["edges"])
    assert small == large, sql
    assert large == 7, "\n".join(sql)  # routing (2), search_path, token, role, count, page
