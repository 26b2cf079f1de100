"""One visibility rule per kind of row (``diagnostics.access``): a ``node(id:)`` lookup returns
exactly what the lists show the same caller, and the domain events of answering carry nothing
personal."""

from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.diagnostics import services
from imedia_core.events.models import OutboxEvent
from imedia_core.graphql.core.nodes import TenantNode

from .conftest import SYSTEM

NODE = "query($id: ID!) { node(id: $id) { id } }"
LISTS = """{
  diagnostics { edges { node { id dimensions { id } items { id } } } }
  diagnosticRuns { edges { node { id group { id } } } }
}"""


def test_node_lookups_show_what_the_lists_show(api, tenant_a, staff, scored):
    with schema_context("alpha"):
        draft = services.create_diagnostic(
            SYSTEM, {"title": "Brouillon", "dimensions": [{"title": "X"}], "items": [{"dimension": "x", "text": "x1"}]}
        )
        run = scored.runs["current"]
        ids = {
            "draft": TenantNode.to_global_id("Diagnostic", draft.pk),
            "draft dimension": TenantNode.to_global_id("DiagnosticDimension", draft.dimensions.get().pk),
            "draft item": TenantNode.to_global_id("DiagnosticItem", draft.items.get().pk),
            "published dimension": TenantNode.to_global_id("DiagnosticDimension", scored.items["a1"].dimension_id),
            "published item": TenantNode.to_global_id("DiagnosticItem", scored.items["a1"].pk),
            "group": TenantNode.to_global_id("DiagnosticGroup", run.group_id),
            "run": TenantNode.to_global_id("DiagnosticRun", run.pk),
        }

    def found_by_node(token):
        return {name for name, gid in ids.items() if api.gql(NODE, {"id": gid}, tenant=tenant_a, token=token)["node"]}

    def found_in_lists(token):
        data = api.gql(LISTS, tenant=tenant_a, token=token)
        seen = set()
        for edge in data["diagnostics"]["edges"]:
            node = edge["node"]
            seen |= {node["id"], *(d["id"] for d in node["dimensions"]), *(i["id"] for i in node["items"])}
        for edge in data["diagnosticRuns"]["edges"]:
            seen |= {edge["node"]["id"], edge["node"]["group"]["id"]}
        return {name for name, gid in ids.items() if gid in seen}

    # Staff see everything; readers, published questionnaires only; a participant, also the run
    # they answered, though not its group (groups are listed for staff only).
    assert found_by_node(staff) == set(ids)
    assert found_by_node(None) == {"published dimension", "published item"} == found_in_lists(None)
    member = scored.tokens["member"]
    assert found_by_node(member) == {"published dimension", "published item", "run"}
    assert found_in_lists(member) == {"published dimension", "published item", "run", "group"}


def test_answering_is_an_event_without_answers_nor_identity(scored):
    with schema_context("alpha"):
        run = scored.runs["current"]
        events = OutboxEvent.objects.filter(type="diagnostic_run.answered", subject_id=str(run.pk))
        # p1 (signed in), p2 and p3 (anonymous) answered the current run, in that order.
        assert [event.payload for event in events.order_by("id")] == [
            {"id": run.pk, "diagnostic_id": run.diagnostic_id, "group_id": run.group_id, "participant_count": n}
            for n in (1, 2, 3)
        ]
        assert {event.subject_type for event in events} == {"Run"}
        assert not AuditEntry.objects.filter(action="diagnostic_run.answered").exists()


def test_each_publication_state_has_its_event(scored):
    with schema_context("alpha"):
        diagnostic = scored.diagnostic
        for status in ("draft", "archived", "published"):
            services.set_diagnostic_status(SYSTEM, diagnostic, status)
        types = list(
            OutboxEvent.objects.filter(subject_id=str(diagnostic.pk), subject_type="Diagnostic")
            .values_list("type", flat=True)
            .order_by("id")
        )
        audit = list(
            AuditEntry.objects.filter(target_id=str(diagnostic.pk), action__startswith="diagnostic.")
            .values_list("action", flat=True)
            .order_by("id")
        )
    expected = [
        "diagnostic.created",
        "diagnostic.published",
        "diagnostic.unpublished",
        "diagnostic.archived",
        "diagnostic.published",
    ]
    assert types == audit == expected
