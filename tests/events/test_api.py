"""``outboxEvents``: the outbox for space admins, filters, constant query count, isolation."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.events.outbox import emit
from imedia_core.events.worker import run_once
from tests.auth.helpers import token_for

QUERY = """query($first: Int, $type: String, $pending: Boolean) {
  outboxEvents(first: $first, type: $type, pending: $pending) {
    totalCount edges { node { id eventId type subjectType subjectId payload createdAt dispatchedAt attempts lastError } }
  }
}"""


def test_space_admins_read_the_outbox(api, tenant_a, make_user):
    admin = token_for(make_user("admin-outbox@alpha.test", "tenant_admin", tenant_a), tenant_a)
    professional = token_for(make_user("pro-outbox@alpha.test", "professional", tenant_a), tenant_a)
    with schema_context("alpha"):
        first = emit("contribution.submitted", {"kind": "observation"})
    run_once([tenant_a], jobs=False)
    with schema_context("alpha"):
        emit("contribution.published", {"kind": "observation"})
    data = api.gql(QUERY, {"first": 10}, tenant=tenant_a, token=admin)["outboxEvents"]
    assert data["totalCount"] == 2
    newest, oldest = (e["node"] for e in data["edges"])
    assert newest["type"] == "contribution.published" and newest["dispatchedAt"] is None
    assert oldest["eventId"] == str(first.event_id) and oldest["dispatchedAt"] is not None
    assert json.loads(oldest["payload"]) == {"kind": "observation"}
    assert api.gql(QUERY, {"pending": True}, tenant=tenant_a, token=admin)["outboxEvents"]["totalCount"] == 1
    assert api.gql(QUERY, {"pending": False}, tenant=tenant_a, token=admin)["outboxEvents"]["totalCount"] == 1
    assert (
        api.gql(QUERY, {"type": "contribution.submitted"}, tenant=tenant_a, token=admin)["outboxEvents"]["totalCount"]
        == 1
    )
    for token, code in ((professional, "PERMISSION_DENIED"), (None, "UNAUTHENTICATED")):
        assert api.graphql(QUERY, tenant=tenant_a, token=token).json()["errors"][0]["extensions"]["code"] == code


def test_the_outbox_list_costs_a_constant_number_of_queries(api, tenant_a, make_user):
    admin = token_for(make_user("admin-budget@alpha.test", "tenant_admin", tenant_a), tenant_a)
    with schema_context("alpha"):
        for n in range(12):
            emit("resource.published", {"n": n})
    api.gql(QUERY, {"first": 1}, tenant=tenant_a, token=admin)  # warm the caches
    counts = []
    for first in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            assert len(api.gql(QUERY, {"first": first}, tenant=tenant_a, token=admin)["outboxEvents"]["edges"]) == first
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_beta_never_sees_alpha_events(api, tenant_a, tenant_b, make_user):
    with schema_context("alpha"):
        emit("practice.shared", {"title": "Propre à alpha"})
    admin_a = token_for(make_user("a@alpha.test", "tenant_admin", tenant_a), tenant_a)
    admin_b = token_for(make_user("b@beta.test", "tenant_admin", tenant_b), tenant_b)
    node_id = api.gql(QUERY, tenant=tenant_a, token=admin_a)["outboxEvents"]["edges"][0]["node"]["id"]
    assert api.gql(QUERY, tenant=tenant_b, token=admin_b)["outboxEvents"]["totalCount"] == 0
    found = api.gql("query($id: ID!) { node(id: $id) { id } }", {"id": node_id}, tenant=tenant_b, token=admin_b)
    assert found["node"] is None
