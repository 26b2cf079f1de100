"""``indicators`` and ``operatorIndicators`` over GraphQL: values, period validation, permissions."""

import pytest
import time_machine
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Phase
from imedia_core.diagnostics.models import Diagnostic
from imedia_core.graphql.core.nodes import TenantNode
from tenants.models import Operator, OperatorMembership, Tenant
from tests.auth.helpers import api_key_for, token_for

from .conftest import EXPECTED, TODAY

INDICATORS = """query Indicators($from: Date, $to: Date) {
  indicators(from: $from, to: $to) {
    period { from to days }
    computedAt
    contributions {
      total
      byKind { key label count }
      byStatus { key label count }
      byPhase { phaseId slug title count }
      byMonth { month count }
    }
    responses { proposals answered share medianDaysToFirstResponse responsesPublished }
    commitments { total planned inProgress done notDone overdue asOf }
    diagnostics {
      runs closedRuns groups participants groupsCompared meanDelta
      progress { diagnosticId diagnosticTitle group previousRunOn lastRunOn meanDelta }
    }
    unansweredSearches { distinct searches top { text count } }
  }
}"""

OPERATOR = """query($from: Date, $to: Date, $archived: Boolean) {
  operatorIndicators(from: $from, to: $to, includeArchived: $archived) {
    operatorSlug operatorName period { from to }
    programmes {
      slug name status
      indicators {
        contributions { total }
        responses { proposals answered share medianDaysToFirstResponse }
        commitments { total overdue }
        diagnostics { runs meanDelta progress { group } }
        unansweredSearches { distinct searches top { text } }
      }
    }
  }
}"""

Q1 = {"from": "2026-01-01", "to": "2026-03-31"}


def test_indicators_over_graphql(api, tenant_a, programme, staff_token):
    with time_machine.travel(TODAY, tick=False):
        data = api.gql(INDICATORS, Q1, tenant=tenant_a, token=staff_token)["indicators"]
    assert data["period"] == {"from": "2026-01-01", "to": "2026-03-31", "days": 90}
    c = data["contributions"]
    assert c["total"] == EXPECTED["contributions.total"]
    assert {b["key"]: b["count"] for b in c["byKind"]} == EXPECTED["contributions.by_kind"]
    assert c["byKind"][2]["label"] == "Proposition"
    assert [m["month"] for m in c["byMonth"]] == ["2026-01-01", "2026-02-01", "2026-03-01"]
    assert [(p["slug"], p["count"]) for p in c["byPhase"]] == EXPECTED["contributions.by_phase"]
    with schema_context("alpha"):
        assert c["byPhase"][0]["phaseId"] == TenantNode.to_global_id("Phase", programme_phase_id("diagnostic"))
    assert c["byPhase"][-1] == {"phaseId": None, "slug": "", "title": "Sans phase", "count": 2}
    assert data["responses"] == {
        "proposals": 4,
        "answered": 3,
        "share": 0.75,
        "medianDaysToFirstResponse": 5.0,
        "responsesPublished": 6,
    }
    assert data["commitments"] == {
        "total": 6,
        "planned": 2,
        "inProgress": 2,
        "done": 1,
        "notDone": 1,
        "overdue": 2,
        "asOf": "2026-03-15",
    }
    d = data["diagnostics"]
    assert (d["runs"], d["closedRuns"], d["groups"], d["participants"], d["groupsCompared"]) == (3, 2, 2, 5, 1)
    assert d["meanDelta"] == pytest.approx(EXPECTED["diagnostics"]["mean_delta"], abs=1e-4)
    with schema_context("alpha"):
        diagnostic_id = TenantNode.to_global_id("Diagnostic", Diagnostic.objects.get(slug="demarche").pk)
    assert d["progress"][0] | {"meanDelta": None} == {
        "diagnosticId": diagnostic_id,
        "diagnosticTitle": "Où en est notre démarche ?",
        "group": "A",
        "previousRunOn": "2025-11-10",
        "lastRunOn": "2026-02-20",
        "meanDelta": None,
    }
    assert data["unansweredSearches"]["top"][0] == {"text": "mobiliser les jeunes", "count": 7}


def programme_phase_id(slug):
    return Phase.objects.get(slug=slug).pk


def test_default_period_is_twelve_calendar_months(api, tenant_a, phases, staff_token):
    with time_machine.travel(TODAY, tick=False):
        data = api.gql(INDICATORS, tenant=tenant_a, token=staff_token)["indicators"]
    assert data["period"]["from"] == "2025-04-01" and data["period"]["to"] == "2026-03-15"
    assert len(data["contributions"]["byMonth"]) == 12


@pytest.mark.parametrize(
    ("variables", "field", "reason"),
    [
        ({"from": "2026-03-01", "to": "2026-02-01"}, "from", "PERIOD_REVERSED"),
        ({"from": "2020-01-01", "to": "2025-01-01"}, "to", "PERIOD_TOO_LONG"),
    ],
)
def test_bad_period_is_a_typed_error(api, tenant_a, staff_token, variables, field, reason):
    payload = api.graphql(INDICATORS, variables, tenant=tenant_a, token=staff_token).json()
    assert payload["data"] == {"indicators": None}
    [error] = payload["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field, "reason": reason}
    assert error["path"] == ["indicators"] and error["message"]


def test_longest_period_accepted(api, tenant_a, staff_token):
    data = api.gql(INDICATORS, {"from": "2021-01-01", "to": "2025-12-31"}, tenant=tenant_a, token=staff_token)
    assert len(data["indicators"]["contributions"]["byMonth"]) == 60


@pytest.mark.parametrize(("who", "code"), [("anonymous", "UNAUTHENTICATED"), ("participant", "PERMISSION_DENIED")])
def test_readers_cannot_read_indicators(api, tenant_a, participant_token, who, code):
    token = participant_token if who == "participant" else None
    payload = api.graphql(INDICATORS, Q1, tenant=tenant_a, token=token).json()
    assert payload["data"] == {"indicators": None}
    assert payload["errors"][0]["extensions"] == {"code": code, "permission": "evaluation.read"}


def test_api_keys_cannot_read_indicators(api, tenant_a):
    payload = api.graphql(INDICATORS, Q1, tenant=tenant_a, token=api_key_for(tenant_a, "write")).json()
    assert payload["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


# --- the operator view -------------------------------------------------------------------------


@pytest.fixture
def operator_admin(operator, make_user):
    user = make_user("ops@eval.test")
    OperatorMembership.objects.create(user=user, operator=operator)
    return user


def test_operator_admin_sees_every_programme_side_by_side(api, tenant_a, programme, operator_admin):
    with time_machine.travel(TODAY, tick=False):
        data = api.gql(OPERATOR, Q1, tenant=tenant_a, token=token_for(operator_admin, tenant_a))
    report = data["operatorIndicators"]
    assert (report["operatorSlug"], report["period"]) == ("op-test", {"from": "2026-01-01", "to": "2026-03-31"})
    by_slug = {p["slug"]: p for p in report["programmes"]}
    assert list(by_slug) == ["alpha", "beta"]  # by name: « Espace Alpha », « Espace Bêta »
    alpha, beta = by_slug["alpha"]["indicators"], by_slug["beta"]["indicators"]
    assert alpha["contributions"]["total"] == 7 and beta["contributions"]["total"] == 2
    assert alpha["responses"] == {"proposals": 4, "answered": 3, "share": 0.75, "medianDaysToFirstResponse": 5.0}
    assert beta["responses"] == {"proposals": 1, "answered": 1, "share": 1.0, "medianDaysToFirstResponse": 2.0}
    assert (alpha["commitments"], beta["commitments"]) == ({"total": 6, "overdue": 2}, {"total": 1, "overdue": 1})
    assert alpha["diagnostics"]["meanDelta"] == pytest.approx(29.6296, abs=1e-4)
    # Aggregates only: no group names, no searched text leave a programme.
    assert alpha["diagnostics"]["progress"] == [] and alpha["unansweredSearches"]["top"] == []
    assert alpha["unansweredSearches"] == {"distinct": 3, "searches": 11, "top": []}


def test_operator_view_from_beta_is_the_same(api, tenant_b, tenant_a, programme, operator_admin):
    with time_machine.travel(TODAY, tick=False):
        from_a = api.gql(OPERATOR, Q1, tenant=tenant_a, token=token_for(operator_admin, tenant_a))
        from_b = api.gql(OPERATOR, Q1, tenant=tenant_b, token=token_for(operator_admin, tenant_b))
    assert from_a == from_b


def test_archived_programmes_only_when_asked(api, tenant_a, tenant_b, phases, operator_admin):
    Tenant.objects.filter(pk=tenant_b.pk).update(status="archived")
    token = token_for(operator_admin, tenant_a)
    listed = api.gql(OPERATOR, Q1, tenant=tenant_a, token=token)["operatorIndicators"]["programmes"]
    assert [p["slug"] for p in listed] == ["alpha"]
    listed = api.gql(OPERATOR, {**Q1, "archived": True}, tenant=tenant_a, token=token)["operatorIndicators"]
    assert [(p["slug"], p["status"]) for p in listed["programmes"]] == [("alpha", "active"), ("beta", "archived")]


@pytest.mark.parametrize("who", ["tenant_admin", "participant", "other_operator", "anonymous"])
def test_others_are_refused_the_operator_view(api, tenant_a, make_user, who):
    token = None
    if who in ("tenant_admin", "participant"):
        token = token_for(make_user(f"{who}@op.alpha.test", who, tenant_a), tenant_a)
    elif who == "other_operator":
        other = Operator.objects.create(slug="autre-op", name="Autre opérateur")
        user = make_user("ops@autre-op.test")
        OperatorMembership.objects.create(user=user, operator=other)
        token = token_for(user, tenant_a)
    payload = api.graphql(OPERATOR, Q1, tenant=tenant_a, token=token).json()
    assert payload["data"] == {"operatorIndicators": None}
    expected = "UNAUTHENTICATED" if who == "anonymous" else "PERMISSION_DENIED"
    assert payload["errors"][0]["extensions"] == {"code": expected, "permission": "operator.manage"}
