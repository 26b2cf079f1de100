"""References in participation inputs follow the schema's convention (one object: ``<name>Id``;
a list: the plural noun), and typed errors name those inputs, whether the GraphQL layer or the
service refused them."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase
from imedia_core.library.models import Theme
from imedia_core.participation.models import Contribution, ExpressionGroup
from tests.participation.conftest import SUBMIT, gid
from tests.participation.test_engagement import COMMENT

EDIT = """mutation($id: ID!, $input: ContributionEditInput!) { contributionEdit(id: $id, input: $input) {
  contribution { id } errors { field code } } }"""


def errors(data):
    return [(e["field"], e["code"]) for e in data["errors"]]


@pytest.fixture
def refs(db, rules):
    rules(moderation_mode="post", edit_window_minutes=30)
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle", is_active=True)
        phases = [
            Phase.objects.create(cycle=cycle, position=i, slug=f"p{i}", title=f"Phase {i}", status="published")
            for i in range(2)
        ]
        theme = Theme.objects.create(name="Mobilité", slug="mobilite")
        group = ExpressionGroup.objects.create(name="Atelier mobilité")
        closed = ExpressionGroup.objects.create(name="Ancien atelier", is_active=False)
    return {"phases": phases, "theme": theme, "group": group, "closed": closed}


def submit(api, tenant, token, **fields):
    variables = {"input": {"kind": "PROPOSAL", "title": fields.pop("title", "Un minibus le samedi"), **fields}}
    return api.gql(SUBMIT, variables, tenant=tenant, token=token)["contributionSubmit"]


def test_submit_and_edit_take_phase_id_and_themes(api, tenant_a, tokens, refs):
    first, second = refs["phases"]
    data = submit(
        api,
        tenant_a,
        tokens["participant"],
        phaseId=gid("Phase", first.pk),
        themes=[gid("Theme", refs["theme"].pk)],
    )
    assert data["errors"] == []
    cid = data["contribution"]["id"]
    edited = api.gql(
        EDIT, {"id": cid, "input": {"phaseId": gid("Phase", second.pk)}}, tenant=tenant_a, token=tokens["participant"]
    )["contributionEdit"]
    assert edited["errors"] == []
    with schema_context("alpha"):
        row = Contribution.objects.get()
        assert row.phase_id == second.pk and list(row.themes.values_list("slug", flat=True)) == ["mobilite"]


def test_phase_errors_name_phase_id(api, tenant_a, tokens, refs):
    # Refused by the GraphQL layer (an ID of another type), then by the service (no such phase).
    wrong_type = submit(api, tenant_a, tokens["participant"], phaseId=gid("Theme", refs["theme"].pk))
    assert errors(wrong_type) == [("phaseId", "NOT_FOUND")]
    missing = submit(api, tenant_a, tokens["participant"], phaseId=gid("Phase", 999999))
    assert errors(missing) == [("phaseId", "NOT_FOUND")]
    cid = submit(api, tenant_a, tokens["participant"], title="À modifier")["contribution"]["id"]
    edited = api.gql(
        EDIT, {"id": cid, "input": {"phaseId": gid("Phase", 999999)}}, tenant=tenant_a, token=tokens["participant"]
    )["contributionEdit"]
    assert errors(edited) == [("phaseId", "NOT_FOUND")]


def test_group_errors_name_group_id_and_on_behalf_of(api, tenant_a, tokens, refs):
    as_group = {"authorKind": "GROUP"}
    not_member = submit(
        api, tenant_a, tokens["participant"], groupId=gid("ExpressionGroup", refs["group"].pk), **as_group
    )
    assert errors(not_member) == [("groupId", "PERMISSION_DENIED")]
    closed = submit(api, tenant_a, tokens["facilitator"], groupId=gid("ExpressionGroup", refs["closed"].pk), **as_group)
    assert errors(closed) == [("groupId", "NOT_ALLOWED")]
    malformed = submit(api, tenant_a, tokens["facilitator"], groupId=gid("Phase", refs["phases"][0].pk), **as_group)
    assert errors(malformed) == [("groupId", "NOT_FOUND")]
    entered = submit(
        api, tenant_a, tokens["facilitator"], onBehalfOf={"groupId": gid("ExpressionGroup", refs["group"].pk)}
    )
    assert entered["errors"] == [] and entered["contribution"]["authorLabel"] == "Atelier mobilité"
    for group_id in (gid("ExpressionGroup", refs["closed"].pk), gid("ExpressionGroup", 999999), "nope"):
        refused = submit(api, tenant_a, tokens["facilitator"], title="Pour eux", onBehalfOf={"groupId": group_id})
        assert [field for field, _ in errors(refused)] == ["onBehalfOf"], group_id


def test_comment_errors_name_contribution_id(api, tenant_a, tokens, refs, contribute, rules):
    rules(moderation_mode="pre")
    pending = contribute()
    refused = api.gql(
        COMMENT,
        {"input": {"contributionId": gid("Contribution", pending.pk), "body": "?"}},
        tenant=tenant_a,
        token=tokens["facilitator"],  # a moderator sees pending ones
    )["commentAdd"]
    assert refused["errors"] == [{"code": "NOT_ALLOWED", "field": "contributionId"}]
    unknown = api.gql(
        COMMENT,
        {"input": {"contributionId": gid("Contribution", 999999), "body": "?"}},
        tenant=tenant_a,
        token=tokens["participant"],
    )["commentAdd"]
    assert unknown["errors"] == [{"code": "NOT_FOUND", "field": "contributionId"}]
