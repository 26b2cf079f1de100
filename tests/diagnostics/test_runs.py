"""Runs over GraphQL: opening, answering (signed in or anonymous with a code), its limits (one
answer set per participant, code required, closed runs refuse answers), closing with its
event, conclusions, and typed errors that change nothing."""

from datetime import date

import pytest
from django_tenants.utils import schema_context

from imedia_core.diagnostics import services, throttle
from imedia_core.diagnostics.models import Answer, Participant, Run
from imedia_core.events.models import OutboxEvent
from imedia_core.graphql.core.nodes import TenantNode
from tests.auth.helpers import api_key_for, token_for

from .conftest import SYSTEM, make_diagnostic

ERRORS = "errors { field code message }"
OPEN = f"""mutation($input: DiagnosticRunOpenInput!) {{
  diagnosticRunOpen(input: $input) {{ run {{ id code status title heldOn group {{ name }} participantCount }} {ERRORS} }}
}}"""
ANSWER = f"""mutation($code: String!, $answers: [AnswerInput!]!, $token: String) {{
  diagnosticAnswer(code: $code, answers: $answers, participantToken: $token) {{
    participantToken participantNumber answeredCount missingItems {{ text }} {ERRORS}
  }}
}}"""
CLOSE = f"mutation($id: ID!) {{ diagnosticRunClose(id: $id) {{ run {{ status closedAt }} {ERRORS} }} }}"
CONCLUDE = f"""mutation($id: ID!, $c: String, $p: String) {{
  diagnosticRunConclude(id: $id, conclusions: $c, priorities: $p) {{ run {{ conclusions priorities }} {ERRORS} }}
}}"""
INVITATION = """query($code: String!, $token: String) {
  diagnosticInvitation(code: $code, participantToken: $token) {
    title status groupName allowAnonymous myParticipantNumber myAnswers { itemId choice }
    diagnostic { title dimensions { slug items { id text scale { position label score } } } }
  }
}"""


@pytest.fixture
def diagnostic(db):
    return make_diagnostic()


def codes(payload):
    return [(e["field"], e["code"]) for e in payload["errors"]]


def open_run(api, tenant, token, diagnostic, **extra):
    with schema_context("alpha"):
        diagnostic_id = TenantNode.to_global_id("Diagnostic", diagnostic[0].pk)
    data = {"diagnosticId": diagnostic_id, "groupName": "Groupe des Lilas", **extra}
    return api.gql(OPEN, {"input": data}, tenant=tenant, token=token)["diagnosticRunOpen"]


def items_of(api, tenant, code):
    invitation = api.gql(INVITATION, {"code": code}, tenant=tenant)["diagnosticInvitation"]
    return {item["text"]: item["id"] for d in invitation["diagnostic"]["dimensions"] for item in d["items"]}


def test_full_run(api, tenant_a, staff, diagnostic, make_user):
    opened = open_run(api, tenant_a, staff, diagnostic, title="Séance de juin", heldOn="2025-06-15")
    assert opened["errors"] == []
    run = opened["run"]
    assert (run["status"], run["title"], run["heldOn"], run["group"]["name"]) == (
        "OPEN",
        "Séance de juin",
        "2025-06-15",
        "Groupe des Lilas",
    )
    code = run["code"]
    assert len(code) == 9 and code[4] == "-"  # ABCD-EFGH
    items = items_of(api, tenant_a, code)
    assert set(items) == {"a1", "a2", "b1", "b2"}

    # Anonymous: a token on the first answer; the missing items are reported.
    first = api.gql(ANSWER, {"code": code.lower(), "answers": [{"itemId": items["a1"], "choice": 3}]}, tenant=tenant_a)
    first = first["diagnosticAnswer"]
    assert first["errors"] == [] and first["participantToken"].startswith("imp_")
    assert (first["participantNumber"], first["answeredCount"]) == (1, 1)
    assert [i["text"] for i in first["missingItems"]] == ["a2", "b1", "b2"]
    token = first["participantToken"]

    # Resuming with the token replaces the answer set: no second participant, no duplicate.
    again = api.gql(
        ANSWER,
        {
            "code": code,
            "token": token,
            "answers": [{"itemId": items["a1"], "choice": 0}, {"itemId": items["b2"], "choice": 4}],
        },
        tenant=tenant_a,
    )["diagnosticAnswer"]
    assert again["errors"] == [] and again["participantToken"] is None and again["participantNumber"] == 1
    mine = api.gql(INVITATION, {"code": code, "token": token}, tenant=tenant_a)["diagnosticInvitation"]
    assert mine["myParticipantNumber"] == 1
    assert {(a["itemId"], a["choice"]) for a in mine["myAnswers"]} == {(items["a1"], 0), (items["b2"], 4)}
    assert api.gql(INVITATION, {"code": code}, tenant=tenant_a)["diagnosticInvitation"]["myAnswers"] == []

    # Signed in: recognised by account, one answer set too.
    member = token_for(make_user("membre@alpha.test", "participant", tenant_a), tenant_a)
    for choice in (1, 2):
        signed = api.gql(
            ANSWER,
            {"code": code, "answers": [{"itemId": items["a2"], "choice": choice}]},
            tenant=tenant_a,
            token=member,
        )
        signed = signed["diagnosticAnswer"]
        assert signed["errors"] == [] and signed["participantToken"] is None and signed["participantNumber"] == 2
    with schema_context("alpha"):
        run_row = Run.objects.get()
        assert run_row.participants.count() == 2
        assert sorted(Answer.objects.filter(participant__run=run_row).values_list("participant__number", "choice")) == [
            (1, 0),
            (1, 4),
            (2, 2),
        ]
        assert Participant.objects.get(number=1).token_hash != token  # stored hashed

    # Conclusions, then closing (with its event), then answers are refused.
    conclude = api.gql(
        CONCLUDE,
        {"id": run["id"], "c": "Nous sommes <b>d'accord</b> sur la mobilisation.", "p": "1. Aller vers."},
        tenant=tenant_a,
        token=staff,
    )["diagnosticRunConclude"]
    assert conclude["errors"] == []
    assert conclude["run"] == {
        "conclusions": "Nous sommes d'accord sur la mobilisation.",
        "priorities": "1. Aller vers.",
    }
    closed = api.gql(CLOSE, {"id": run["id"]}, tenant=tenant_a, token=staff)["diagnosticRunClose"]
    assert closed["errors"] == [] and closed["run"]["status"] == "CLOSED" and closed["run"]["closedAt"]
    with schema_context("alpha"):
        event = OutboxEvent.objects.get(type="diagnostic_run.closed")
        assert event.payload == {
            "id": run_row.pk,
            "diagnostic_id": diagnostic[0].pk,
            "group_id": run_row.group_id,
            "held_on": "2025-06-15",
            "participant_count": 2,
        }
    refused = api.gql(
        ANSWER, {"code": code, "token": token, "answers": [{"itemId": items["a1"], "choice": 3}]}, tenant=tenant_a
    )
    assert codes(refused["diagnosticAnswer"]) == [("code", "RUN_CLOSED")]
    twice = api.gql(CLOSE, {"id": run["id"]}, tenant=tenant_a, token=staff)["diagnosticRunClose"]
    assert codes(twice) == [("id", "ALREADY_CLOSED")]
    with schema_context("alpha"):
        assert OutboxEvent.objects.filter(type="diagnostic_run.closed").count() == 1
        assert Answer.objects.filter(participant__run=run_row).count() == 3


def test_answer_limits(api, tenant_a, staff, diagnostic):
    run = open_run(api, tenant_a, staff, diagnostic)["run"]
    items = items_of(api, tenant_a, run["code"])
    one = [{"itemId": items["a1"], "choice": 1}]

    def answer(variables):
        return codes(api.gql(ANSWER, variables, tenant=tenant_a)["diagnosticAnswer"])

    assert answer({"code": "ZZZZ-ZZZZ", "answers": one}) == [("code", "INVALID_CODE")]
    assert answer({"code": "", "answers": one}) == [("code", "INVALID_CODE")]
    assert answer({"code": run["code"], "answers": one, "token": "imp_faux"}) == [
        ("participantToken", "INVALID_PARTICIPANT_TOKEN")
    ]
    assert answer({"code": run["code"], "answers": []}) == [("answers", "REQUIRED")]
    assert answer({"code": run["code"], "answers": [{"itemId": items["a1"], "choice": 4}]}) == [("answers", "INVALID")]
    assert answer({"code": run["code"], "answers": [{"itemId": items["b2"], "choice": 5}]}) == [("answers", "INVALID")]
    assert answer({"code": run["code"], "answers": one + one}) == [("answers", "INVALID")]
    assert answer({"code": run["code"], "answers": [{"itemId": "bm9wZQ==", "choice": 1}]}) == [("answers", "NOT_FOUND")]
    # An item of another diagnostic of the same programme.
    with schema_context("alpha"):
        other = services.create_diagnostic(
            SYSTEM, {"title": "Autre", "dimensions": [{"title": "X"}], "items": [{"dimension": "x", "text": "x1"}]}
        )
        foreign = TenantNode.to_global_id("DiagnosticItem", other.items.get().pk)
    assert answer({"code": run["code"], "answers": [{"itemId": foreign, "choice": 1}]}) == [("answers", "NOT_FOUND")]
    with schema_context("alpha"):
        assert Participant.objects.count() == 0  # nothing was recorded by the refusals

    # A run for signed-in people only.
    private = open_run(api, tenant_a, staff, diagnostic, allowAnonymous=False)["run"]
    assert answer({"code": private["code"], "answers": one}) == [(None, "SIGN_IN_REQUIRED")]


def test_open_needs_a_published_diagnostic_and_a_group(api, tenant_a, staff, diagnostic):
    with schema_context("alpha"):
        services.set_diagnostic_status(SYSTEM, diagnostic[0], "draft")
    refused = open_run(api, tenant_a, staff, diagnostic, groupName="  ")
    assert codes(refused) == [("groupName", "REQUIRED"), ("diagnosticId", "NOT_PUBLISHED")]
    assert refused["run"] is None
    with schema_context("alpha"):
        assert Run.objects.count() == 0
    unknown = api.gql(OPEN, {"input": {"diagnosticId": "bm9wZQ==", "groupName": "G"}}, tenant=tenant_a, token=staff)
    assert codes(unknown["diagnosticRunOpen"]) == [("diagnosticId", "NOT_FOUND")]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("participant", False),
        ("read_key", False),
        ("facilitator", True),
        ("professional", True),
        ("tenant_admin", True),
    ],
)
def test_run_permissions(api, tenant_a, make_user, diagnostic, who, allowed):
    if who == "anonymous":
        token = None
    elif who == "read_key":
        token = api_key_for(tenant_a, "read")
    else:
        token = token_for(make_user(f"{who}@alpha.test", who, tenant_a), tenant_a)
    opened = open_run(api, tenant_a, token, diagnostic)
    if allowed:
        assert opened["errors"] == [] and opened["run"]["code"]
        return
    expected = "UNAUTHENTICATED" if token is None else "PERMISSION_DENIED"
    assert codes(opened) == [(None, expected)]
    with schema_context("alpha"):
        run = services.open_run(SYSTEM, diagnostic[0], group_name="G")
        run_id = TenantNode.to_global_id("DiagnosticRun", run.pk)
    assert codes(api.gql(CLOSE, {"id": run_id}, tenant=tenant_a, token=token)["diagnosticRunClose"]) == [
        (None, expected)
    ]
    assert codes(
        api.gql(CONCLUDE, {"id": run_id, "c": "x"}, tenant=tenant_a, token=token)["diagnosticRunConclude"]
    ) == [(None, expected)]
    with schema_context("alpha"):
        run.refresh_from_db()
        assert (run.status, run.conclusions) == ("open", "")


def test_runs_list_by_role(api, tenant_a, staff, scored):
    query = "{ diagnosticRuns { totalCount edges { node { title code facilitatorLabel participantCount group { name } } } } }"
    staff_view = api.gql(query, tenant=tenant_a, token=staff)["diagnosticRuns"]
    assert [e["node"]["title"] for e in staff_view["edges"]] == ["Juin", "Janvier"]
    assert [e["node"]["participantCount"] for e in staff_view["edges"]] == [3, 2]
    assert all(e["node"]["code"] for e in staff_view["edges"])
    member_view = api.gql(query, tenant=tenant_a, token=scored.tokens["member"])["diagnosticRuns"]
    assert [(e["node"]["title"], e["node"]["code"], e["node"]["facilitatorLabel"]) for e in member_view["edges"]] == [
        ("Juin", None, None)
    ]
    assert api.gql(query, tenant=tenant_a)["diagnosticRuns"]["totalCount"] == 0
    closed = api.gql("{ diagnosticRuns(status: CLOSED) { edges { node { title } } } }", tenant=tenant_a, token=staff)
    assert [e["node"]["title"] for e in closed["diagnosticRuns"]["edges"]] == ["Janvier"]


def test_groups_are_found_by_name(api, tenant_a, staff, diagnostic):
    first = open_run(api, tenant_a, staff, diagnostic, groupName="Groupe des Lilas", heldOn=str(date(2025, 1, 1)))
    second = open_run(api, tenant_a, staff, diagnostic, groupName="groupe des lilas")
    assert first["run"]["group"] == second["run"]["group"] == {"name": "Groupe des Lilas"}
    groups = api.gql("{ diagnosticGroups { name slug } }", tenant=tenant_a, token=staff)["diagnosticGroups"]
    assert groups == [{"name": "Groupe des Lilas", "slug": "groupe-des-lilas"}]
    denied = api.graphql("{ diagnosticGroups { name } }", tenant=tenant_a).json()
    assert denied["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_guessing_codes_is_throttled_per_client_and_per_space(api, tenant_a, tenant_b, staff, diagnostic):
    run = open_run(api, tenant_a, staff, diagnostic)["run"]
    items = items_of(api, tenant_a, run["code"])
    one = [{"itemId": items["a1"], "choice": 1}]

    def answer(code, tenant=tenant_a, ip="203.0.113.7"):
        payload = api.graphql(ANSWER, {"code": code, "answers": one}, tenant=tenant, headers={"REMOTE_ADDR": ip})
        return codes(payload.json()["data"]["diagnosticAnswer"])

    for i in range(throttle.MAX_MISSES):
        assert answer(f"ZZZZ-ZZ{i:02d}") == [("code", "INVALID_CODE")]
    # Now even the right code is refused to that client, with a typed error, and nothing is written.
    assert answer(run["code"]) == [("code", "RATE_LIMITED")]
    invitation = api.graphql(
        "query($c: String!) { diagnosticInvitation(code: $c) { title } }",
        {"c": run["code"]},
        tenant=tenant_a,
        headers={"REMOTE_ADDR": "203.0.113.7"},
    ).json()
    assert invitation["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    with schema_context("alpha"):
        assert Participant.objects.count() == 0
    # Another client of the same space, and the same client in another space, are not affected.
    assert answer(run["code"], ip="198.51.100.9") == []
    elsewhere = api.graphql(
        "query($c: String!) { diagnosticInvitation(code: $c) { title } }",
        {"c": "ZZZZ-ZZZZ"},
        tenant=tenant_b,
        headers={"REMOTE_ADDR": "203.0.113.7"},
    ).json()
    assert elsewhere["data"] == {"diagnosticInvitation": None}
    assert set(elsewhere) == {"data", "extensions"}
