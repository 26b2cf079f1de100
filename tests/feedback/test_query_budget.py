"""A page of commitments, and a page of the "you said, we did" ledger with its responses,
commitments, updates and timelines, cost the same number of SQL queries for 3 as for 30."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase
from imedia_core.feedback import services

from .conftest import TEAM

COMMITMENTS = """query($n: Int!) { commitments(first: $n) { totalCount edges { node {
  id title description status isOverdue progress dueDate
  phase { id slug } contributions { id title } updates { date text status progress }
} } } }"""
FEED = """query($n: Int!) { youSaidWeDid(first: $n) { totalCount edges { node {
  title currentDecision lastActivityAt contribution { id title }
  responses { id decision text }
  commitments { id title isOverdue phase { slug } contributions { title } updates { text } }
  timeline { kind date title response { decision } commitment { title } update { text } }
} } } }"""


@pytest.fixture
def big_ledger(make_contribution):
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle")
        phase = Phase.objects.create(cycle=cycle, position=0, slug="agir", title="Agir", status="published")
    contributions = [make_contribution(title=f"Contribution {i}") for i in range(35)]
    with schema_context("alpha"):
        for i, contribution in enumerate(contributions):
            services.create_response(
                TEAM, contribution, {"decision": "under_study", "text": "On regarde."}, publish=True
            )
            services.create_response(TEAM, contribution, {"decision": "accepted", "text": "Oui."}, publish=True)
            commitment = services.create_commitment(
                TEAM,
                {
                    "title": f"Engagement {i}",
                    "owner_label": "Service",
                    "due_date": dt.date(2020 + i % 20, 1, 1),
                    "phase": phase,
                    "contributions": [contribution, contributions[(i + 1) % 35]],
                },
            )
            services.add_update(TEAM, commitment, {"text": "Point d'étape.", "progress": 30})
            services.add_update(TEAM, commitment, {"text": "Fini.", "status": "done"})


def count(api, tenant, query, n, token=None):
    api.gql(query, {"n": 1}, tenant=tenant, via="header", token=token)  # warm caches
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, {"n": n}, tenant=tenant, via="header", token=token)
    return len(captured.captured_queries), data, [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("who", ["anonymous", "professional"])
def test_commitments_page_cost_is_constant(api, tenant_a, big_ledger, callers, who):
    small, data_small, _ = count(api, tenant_a, COMMITMENTS, 3, callers[who])
    large, data, sql = count(api, tenant_a, COMMITMENTS, 30, callers[who])
    edges = data["commitments"]["edges"]
    assert len(data_small["commitments"]["edges"]) == 3 and len(edges) == 30
    node = edges[0]["node"]
    assert len(node["contributions"]) == 2 and len(node["updates"]) == 2 and node["phase"]["slug"] == "agir"
    assert small == large, sql
    # search_path, (token, role,) count, page, updates, contributions, phase
    assert large <= (6 if who == "anonymous" else 8), "\n".join(s[:160] for s in sql)


@pytest.mark.parametrize("who", ["anonymous", "professional"])
def test_ledger_page_cost_is_constant(api, tenant_a, big_ledger, callers, who):
    small, data_small, _ = count(api, tenant_a, FEED, 3, callers[who])
    large, data, sql = count(api, tenant_a, FEED, 30, callers[who])
    edges = data["youSaidWeDid"]["edges"]
    assert len(data_small["youSaidWeDid"]["edges"]) == 3 and len(edges) == 30
    node = edges[0]["node"]
    assert len(node["responses"]) == 2 and len(node["commitments"]) == 2
    assert len(node["timeline"]) == 1 + 2 + 2 * 3
    assert small == large, sql
    # search_path, (token, role,) count, page, responses, commitments, updates, contributions, phases
    assert large <= (8 if who == "anonymous" else 10), "\n".join(s[:160] for s in sql)
