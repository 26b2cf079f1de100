"""Who may do what (every mutation, every kind of caller), and tenant isolation: alpha's
responses, commitments and contributions are unreachable from beta by ID, list or mutation."""

import datetime as dt

import pytest
from django_tenants.utils import schema_context

from imedia_core.events.models import OutboxEvent
from imedia_core.feedback import services
from imedia_core.feedback.models import Commitment, CommitmentUpdate, Response
from tests.auth.helpers import token_for

from .conftest import PAYLOAD, REFUSED, RESPONDERS, TEAM, gid


def _ops(make_contribution):
    def contribution_id():
        return gid("Contribution", make_contribution().pk)

    def draft_id():
        with schema_context("alpha"):
            draft = services.create_response(TEAM, make_contribution(), {"decision": "accepted", "text": "Oui."})
        return gid("Response", draft.pk)

    def commitment_id():
        with schema_context("alpha"):
            commitment = services.create_commitment(
                TEAM, {"title": "T", "owner_label": "S", "due_date": dt.date(2031, 1, 1)}
            )
        return gid("Commitment", commitment.pk)

    return {
        "responseCreate": (
            f'mutation($c: ID!) {{ responseCreate(input: {{contributionId: $c, decision: ACCEPTED, text: "Oui"}}, '
            f"publish: true) {{ response {{ id }} {PAYLOAD} }} }}",
            lambda: {"c": contribution_id()},
        ),
        "responseUpdate": (
            f'mutation($id: ID!) {{ responseUpdate(id: $id, input: {{text: "Autre"}}) {{ response {{ id }} {PAYLOAD} }} }}',
            lambda: {"id": draft_id()},
        ),
        "responsePublish": (
            f"mutation($id: ID!) {{ responsePublish(id: $id) {{ response {{ id }} {PAYLOAD} }} }}",
            lambda: {"id": draft_id()},
        ),
        "responseDelete": (
            f"mutation($id: ID!) {{ responseDelete(id: $id) {{ deletedId {PAYLOAD} }} }}",
            lambda: {"id": draft_id()},
        ),
        "commitmentCreate": (
            f'mutation {{ commitmentCreate(input: {{title: "T", ownerLabel: "S", dueDate: "2031-01-01"}}) '
            f"{{ commitment {{ id }} {PAYLOAD} }} }}",
            lambda: {},
        ),
        "commitmentUpdate": (
            f"mutation($id: ID!) {{ commitmentUpdate(id: $id, input: {{progress: 10}}) {{ commitment {{ id }} {PAYLOAD} }} }}",
            lambda: {"id": commitment_id()},
        ),
        "commitmentAddUpdate": (
            f'mutation($id: ID!) {{ commitmentAddUpdate(id: $id, input: {{text: "Étape"}}) {{ update {{ text }} {PAYLOAD} }} }}',
            lambda: {"id": commitment_id()},
        ),
        "commitmentLinkContributions": (
            f"mutation($id: ID!, $c: ID!) {{ commitmentLinkContributions(id: $id, contributions: [$c]) "
            f"{{ commitment {{ id }} {PAYLOAD} }} }}",
            lambda: {"id": commitment_id(), "c": contribution_id()},
        ),
        "commitmentUnlinkContributions": (
            f"mutation($id: ID!) {{ commitmentUnlinkContributions(id: $id, contributions: []) "
            f"{{ commitment {{ id }} {PAYLOAD} }} }}",
            lambda: {"id": commitment_id()},
        ),
    }


MUTATIONS = [
    "responseCreate",
    "responseUpdate",
    "responsePublish",
    "responseDelete",
    "commitmentCreate",
    "commitmentUpdate",
    "commitmentAddUpdate",
    "commitmentLinkContributions",
    "commitmentUnlinkContributions",
]


def snapshot():
    with schema_context("alpha"):
        return (
            sorted(Response.objects.values_list("id", "status", "text")),
            sorted(Commitment.objects.values_list("id", "progress", "status")),
            CommitmentUpdate.objects.count(),
            Commitment.contributions.through.objects.count(),
            OutboxEvent.objects.count(),
        )


@pytest.mark.parametrize("name", MUTATIONS)
def test_permission_matrix(api, tenant_a, make_contribution, callers, name):
    mutation, variables = _ops(make_contribution)[name]
    for who, code in REFUSED.items():
        args = variables()
        before = snapshot()
        payload = api.gql(mutation, args, tenant=tenant_a, token=callers[who])[name]
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [(None, code)], who
        assert snapshot() == before, who
    for who in RESPONDERS:
        payload = api.gql(mutation, variables(), tenant=tenant_a, token=callers[who])[name]
        assert payload["errors"] == [], (who, payload)


def test_platform_superuser_may_respond(api, tenant_a, make_contribution, make_user):
    root = make_user("root@platform.test", is_staff=True, is_superuser=True)
    mutation, variables = _ops(make_contribution)["responseCreate"]
    payload = api.gql(mutation, variables(), tenant=tenant_a, token=token_for(root, tenant_a))["responseCreate"]
    assert payload["errors"] == []


def test_alpha_rows_are_unreachable_from_beta(api, tenant_a, tenant_b, make_contribution, make_user):
    contribution = make_contribution()
    with schema_context("alpha"):
        response = services.create_response(TEAM, contribution, {"decision": "accepted", "text": "Oui."}, publish=True)
        commitment = services.create_commitment(
            TEAM,
            {
                "title": "Chez alpha",
                "owner_label": "S",
                "due_date": dt.date(2031, 1, 1),
                "contributions": [contribution],
            },
        )
    beta_admin = token_for(make_user("admin@beta.test", "tenant_admin", tenant_b), tenant_b)
    # Beta has rows with the same primary keys: the IDs still name nothing there.
    beta_contribution = make_contribution("beta", title="Chez bêta")
    with schema_context("beta"):
        services.create_response(TEAM, beta_contribution, {"decision": "accepted", "text": "Oui."}, publish=True)
        services.create_commitment(TEAM, {"title": "Chez bêta", "owner_label": "S", "due_date": dt.date(2031, 1, 1)})
    rid, cid, kid = gid("Response", response.pk), gid("Commitment", commitment.pk), gid("Contribution", contribution.pk)

    query = """query($r: ID!, $c: ID!) { response(id: $r) { id } commitment(id: $c) { id }
               nr: node(id: $r) { id } nc: node(id: $c) { id } }"""
    assert api.gql(query, {"r": rid, "c": cid}, tenant=tenant_b, token=beta_admin) == {
        "response": None,
        "commitment": None,
        "nr": None,
        "nc": None,
    }
    lists = """{ commitments { edges { node { title } } } responses { totalCount }
                 youSaidWeDid { edges { node { title } } } }"""
    data = api.gql(lists, tenant=tenant_b, token=beta_admin)
    assert [e["node"]["title"] for e in data["commitments"]["edges"]] == ["Chez bêta"]
    assert data["responses"]["totalCount"] == 1
    assert [e["node"]["title"] for e in data["youSaidWeDid"]["edges"]] == ["Chez bêta"]
    filtered = api.gql(
        "query($k: ID!) { commitments(filter: {contribution: $k}) { totalCount } }",
        {"k": kid},
        tenant=tenant_b,
        token=beta_admin,
    )
    assert filtered["commitments"]["totalCount"] == 0

    before = snapshot()
    for mutation, variables, field in (
        (
            'mutation($id: ID!) { responseUpdate(id: $id, input: {text: "x"}) { errors { field code } } }',
            {"id": rid},
            "responseUpdate",
        ),
        (
            "mutation($id: ID!) { commitmentUpdate(id: $id, input: {progress: 5}) { errors { field code } } }",
            {"id": cid},
            "commitmentUpdate",
        ),
        (
            'mutation($id: ID!) { commitmentAddUpdate(id: $id, input: {text: "x"}) { errors { field code } } }',
            {"id": cid},
            "commitmentAddUpdate",
        ),
        (
            'mutation($k: ID!) { responseCreate(input: {contributionId: $k, decision: ACCEPTED, text: "x"}) '
            "{ errors { field code } } }",
            {"k": kid},
            "responseCreate",
        ),
    ):
        errors = api.gql(mutation, variables, tenant=tenant_b, token=beta_admin)[field]["errors"]
        assert errors[0]["code"] == "NOT_FOUND", field
    assert snapshot() == before
