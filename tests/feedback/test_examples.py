"""The feedback examples integrators copy (graphql/examples/feedback-*.graphql) run over HTTP."""

import datetime as dt

import pytest
from django_tenants.utils import schema_context

from imedia_core.feedback import services
from tests.api.test_examples_run import documented_variables, read

from .conftest import TEAM, gid


@pytest.mark.parametrize("via", ["host", "path"])
def test_feedback_examples(api, tenant_a, make_contribution, callers, via):
    contribution = make_contribution(title="Les convocations arrivent trop tard")
    cid = gid("Contribution", contribution.pk)
    respond = read("feedback-respond.graphql")
    variables = {**documented_variables("feedback-respond.graphql"), "contributionId": cid}
    done = api.gql(respond, variables, tenant=tenant_a, via=via, token=callers["decision_maker"])
    assert done["responseCreate"]["errors"] == [] and done["commitmentCreate"]["errors"] == []
    assert done["responseCreate"]["response"]["decision"] == "PARTLY_ACCEPTED"
    commitment = done["commitmentCreate"]["commitment"]
    assert commitment["contributions"] == [{"id": cid}] and commitment["status"] == "PLANNED"
    # Readers cannot.
    refused = api.gql(respond, variables, tenant=tenant_a, via=via, token=callers["participant"])
    assert refused["responseCreate"]["errors"][0]["code"] == "PERMISSION_DENIED"

    step = read("feedback-commitment-step.graphql")
    step_vars = {**documented_variables("feedback-commitment-step.graphql"), "id": commitment["id"]}
    moved = api.gql(step, step_vars, tenant=tenant_a, via=via, token=callers["decision_maker"])["commitmentAddUpdate"]
    assert moved["errors"] == [] and moved["commitment"]["status"] == "IN_PROGRESS"
    assert moved["commitment"]["updates"][0]["progress"] == 50
    closed = api.gql(
        step,
        {"id": commitment["id"], "input": {"text": "Terminé.", "status": "DONE"}},
        tenant=tenant_a,
        via=via,
        token=callers["decision_maker"],
    )["commitmentAddUpdate"]
    assert closed["commitment"]["progress"] == 100 and closed["commitment"]["closedAt"]

    feed = read("feedback-you-said-we-did.graphql")
    ledger = api.gql(feed, documented_variables("feedback-you-said-we-did.graphql"), tenant=tenant_a, via=via)
    node = ledger["youSaidWeDid"]["edges"][0]["node"]
    assert node["title"] == "Les convocations arrivent trop tard" and node["currentDecision"] == "PARTLY_ACCEPTED"
    assert [e["kind"] for e in node["timeline"]] == [
        "SUBMITTED",
        "RESPONSE",
        "COMMITMENT_CREATED",
        "COMMITMENT_UPDATE",
        "COMMITMENT_DONE",
    ]


def test_admin_lists_the_ledger(client, tenant_a, make_contribution, people):
    contribution = make_contribution()
    with schema_context("alpha"):
        services.create_response(TEAM, contribution, {"decision": "accepted", "text": "Oui."}, publish=True)
        late = services.create_commitment(
            TEAM, {"title": "En retard", "owner_label": "S", "due_date": dt.date(2020, 1, 1)}
        )
        services.add_update(TEAM, late, {"text": "Démarré.", "progress": 10})
    client.force_login(people["professional"])
    listing = client.get("/t/alpha/admin/feedback/commitment/?overdue=yes", HTTP_HOST="testserver")
    assert listing.status_code == 200 and "En retard" in listing.content.decode()
    page = client.get(f"/t/alpha/admin/feedback/commitment/{late.pk}/change/", HTTP_HOST="testserver")
    assert page.status_code == 200 and "Démarré." in page.content.decode()
    assert client.get("/t/alpha/admin/feedback/response/", HTTP_HOST="testserver").status_code == 200
    # Those who may respond add commitments in the admin (tests/feedback/test_admin.py); others read.
    assert client.get("/t/alpha/admin/feedback/commitment/add/", HTTP_HOST="testserver").status_code == 200
    client.force_login(people["facilitator"])
    assert client.get("/t/alpha/admin/feedback/commitment/add/", HTTP_HOST="testserver").status_code == 403
