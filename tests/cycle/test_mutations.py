"""Cycle mutations over HTTP: the permission matrix, typed errors that change nothing, and what
each mutation does (order, current phase, publication, revisions, sanitisation)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from graphql_relay import to_global_id

from imedia_core.audit.models import AuditEntry
from imedia_core.content.models import Revision
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services
from imedia_core.cycle.models import Cycle, Phase, PhaseItem, PhaseResource
from imedia_core.cycle.services import _plain, _title
from imedia_core.cycle.templates import instantiate
from imedia_core.graphql.api import get_schema
from imedia_core.library.models import Resource
from tests.auth.helpers import api_key_for

SYSTEM = ServiceContext.system(Channel.CLI)

ERRORS = "errors { field code message }"


def gid(type_name, pk, schema="alpha"):
    return to_global_id(type_name, f"{schema}:{pk}")


def fingerprint(schema="alpha"):
    """Everything a cycle mutation could change, in one comparable value."""
    with schema_context(schema):
        return (
            list(Cycle.objects.order_by("pk").values_list("pk", "name", "description", "is_active", "template_key")),
            list(
                Phase.objects.order_by("pk").values_list(
                    "pk",
                    "cycle_id",
                    "slug",
                    "title",
                    "summary",
                    "body",
                    "position",
                    "status",
                    "publish_at",
                    "is_current",
                    "starts_on",
                    "ends_on",
                )
            ),
            list(PhaseItem.objects.order_by("pk").values_list("pk", "phase_id", "kind", "position", "title", "body")),
            list(PhaseResource.objects.order_by("pk").values_list("pk", "phase_id", "resource_id", "position", "note")),
            Revision.objects.count(),
            AuditEntry.objects.count(),
            Resource.objects.count(),
        )


@pytest.fixture
def ctx(cycle_a):
    """Alpha's generic cycle plus a draft phase; global IDs of what the mutations address."""
    with schema_context("alpha"):
        phases = list(cycle_a.phases.order_by("position"))
        draft = services.create_phase(SYSTEM, cycle_a, title="Brouillon", slug="brouillon")
        first = phases[0]
        stakes = list(first.items.filter(kind="stake").order_by("position"))
        links = list(first.resource_links.order_by("position"))
        return {
            "cycle": cycle_a,
            "phase": first,
            "phase_ids": [gid("Phase", p.pk) for p in [*phases, draft]],
            "first": gid("Phase", first.pk),
            "second": gid("Phase", phases[1].pk),
            "draft": gid("Phase", draft.pk),
            "stake": gid("PhaseItem", stakes[0].pk),
            "stake_ids": [gid("PhaseItem", s.pk) for s in stakes],
            "resource": gid("Resource", links[0].resource_id),
            "resource_ids": [gid("Resource", link.resource_id) for link in links],
        }


MUTATIONS = {
    "cycleUpdate": (
        f'mutation {{ cycleUpdate(name: "Notre cycle", description: "<p>Le nôtre</p>") {{ cycle {{ name }} {ERRORS} }} }}',
        lambda c: None,
    ),
    "cycleApplyTemplate": (
        f'mutation {{ cycleApplyTemplate(key: "imediatisation", mode: NEW_CYCLE) {{ cycle {{ templateKey }} {ERRORS} }} }}',
        lambda c: None,
    ),
    "phaseCreate": (
        f'mutation {{ phaseCreate(title: "Nouvelle phase") {{ phase {{ slug status }} {ERRORS} }} }}',
        lambda c: None,
    ),
    "phaseUpdate": (
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, title: "Autre titre") {{ phase {{ title }} {ERRORS} }} }}',
        lambda c: {"id": c["first"]},
    ),
    "phaseDelete": (
        f"mutation($id: ID!) {{ phaseDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        lambda c: {"id": c["second"]},
    ),
    "phaseReorder": (
        f"mutation($ids: [ID!]!) {{ phaseReorder(ids: $ids) {{ cycle {{ phases {{ slug }} }} {ERRORS} }} }}",
        lambda c: {"ids": c["phase_ids"][::-1]},
    ),
    "phaseSetCurrent": (
        f"mutation($id: ID!) {{ phaseSetCurrent(id: $id) {{ phase {{ isCurrent }} {ERRORS} }} }}",
        lambda c: {"id": c["second"]},
    ),
    "phasePublish": (
        f"mutation($id: ID!) {{ phasePublish(id: $id) {{ phase {{ status }} {ERRORS} }} }}",
        lambda c: {"id": c["draft"]},
    ),
    "phaseUnpublish": (
        f"mutation($id: ID!) {{ phaseUnpublish(id: $id) {{ phase {{ status }} {ERRORS} }} }}",
        lambda c: {"id": c["first"]},
    ),
    "phaseArchive": (
        f"mutation($id: ID!) {{ phaseArchive(id: $id) {{ phase {{ status }} {ERRORS} }} }}",
        lambda c: {"id": c["first"]},
    ),
    "phaseRestoreRevision": (
        f"mutation($id: ID!) {{ phaseRestoreRevision(id: $id, number: 1) {{ revision {{ number }} {ERRORS} }} }}",
        lambda c: {"id": c["first"]},
    ),
    "phaseItemCreate": (
        f'mutation($id: ID!) {{ phaseItemCreate(phaseId: $id, kind: STAKE, title: "Un enjeu") {{ item {{ id }} {ERRORS} }} }}',
        lambda c: {"id": c["first"]},
    ),
    "phaseItemUpdate": (
        f'mutation($id: ID!) {{ phaseItemUpdate(id: $id, title: "Reformulé") {{ item {{ title }} {ERRORS} }} }}',
        lambda c: {"id": c["stake"]},
    ),
    "phaseItemDelete": (
        f"mutation($id: ID!) {{ phaseItemDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        lambda c: {"id": c["stake"]},
    ),
    "phaseItemReorder": (
        f"mutation($id: ID!, $ids: [ID!]!) {{ phaseItemReorder(phaseId: $id, kind: STAKE, ids: $ids) {{ phase {{ id }} {ERRORS} }} }}",
        lambda c: {"id": c["first"], "ids": c["stake_ids"][::-1]},
    ),
    "phaseResourceLink": (
        f'mutation($id: ID!, $r: ID!) {{ phaseResourceLink(phaseId: $id, resourceId: $r, note: "utile") {{ phase {{ id }} {ERRORS} }} }}',
        lambda c: {"id": c["second"], "r": c["resource"]},
    ),
    "phaseResourceUnlink": (
        f"mutation($id: ID!, $r: ID!) {{ phaseResourceUnlink(phaseId: $id, resourceId: $r) {{ phase {{ id }} {ERRORS} }} }}",
        lambda c: {"id": c["first"], "r": c["resource"]},
    ),
    "phaseResourceReorder": (
        f"mutation($id: ID!, $ids: [ID!]!) {{ phaseResourceReorder(phaseId: $id, resourceIds: $ids) {{ phase {{ id }} {ERRORS} }} }}",
        lambda c: {"id": c["first"], "ids": c["resource_ids"][::-1]},
    ),
}


def run(api, tenant, name, ctx, **credentials):
    document, variables = MUTATIONS[name]
    return api.gql(document, variables(ctx), tenant=tenant, **credentials)[name]


def credentials_for(who, token, tenant):
    if who == "anonymous":
        return {}
    if who.endswith("_key"):
        return {"token": api_key_for(tenant, who.removesuffix("_key"))}
    return {"token": token(who)}


def test_every_cycle_mutation_is_in_the_matrix():
    fields = get_schema().graphql_schema.mutation_type.fields
    assert {name for name in fields if name.startswith(("cycle", "phase"))} == set(MUTATIONS)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
@pytest.mark.parametrize(
    ("who", "code"),
    [("anonymous", "UNAUTHENTICATED"), ("participant", "PERMISSION_DENIED"), ("read_key", "PERMISSION_DENIED")],
)
def test_refused_callers_change_nothing(api, tenant_a, token, ctx, name, who, code):
    before = fingerprint()
    result = run(api, tenant_a, name, ctx, **credentials_for(who, token, tenant_a))
    assert [e["code"] for e in result["errors"]] == [code]
    assert fingerprint() == before


@pytest.mark.parametrize("name", sorted(MUTATIONS))
@pytest.mark.parametrize("who", ["facilitator", "professional", "decision_maker", "tenant_admin", "write_key"])
def test_staff_may_run_every_mutation(api, tenant_a, token, ctx, name, who):
    before = fingerprint()
    result = run(api, tenant_a, name, ctx, **credentials_for(who, token, tenant_a))
    assert result["errors"] == []
    assert fingerprint() != before


def mutate(api, tenant, token, document, variables=None):
    data = api.gql(document, variables, tenant=tenant, token=token)
    (payload,) = data.values()
    return payload


INVALID = [
    # (document, variables from ctx, expected code, expected field)
    (
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, slug: "diagnostic-partage") {{ {ERRORS} }} }}',
        lambda c: {"id": c["first"]},
        "UNIQUE",
        "slug",
    ),
    (f'mutation {{ phaseCreate(title: "X", slug: "mobiliser") {{ {ERRORS} }} }}', lambda c: {}, "UNIQUE", "slug"),
    (f'mutation {{ phaseCreate(title: "X", slug: "Pas Un Slug") {{ {ERRORS} }} }}', lambda c: {}, "INVALID", "slug"),
    (f'mutation {{ phaseCreate(title: "   ") {{ {ERRORS} }} }}', lambda c: {}, "REQUIRED", "title"),
    (f'mutation {{ phaseCreate(title: "{"x" * 201}") {{ {ERRORS} }} }}', lambda c: {}, "INVALID", "title"),
    (f'mutation {{ phaseCreate(title: "X", position: -1) {{ {ERRORS} }} }}', lambda c: {}, "INVALID", "position"),
    (
        f'mutation {{ phaseCreate(title: "X", startsOn: "2026-05-01", endsOn: "2026-04-01") {{ {ERRORS} }} }}',
        lambda c: {},
        "DATES_OUT_OF_ORDER",
        "endsOn",
    ),
    (
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, startsOn: "2026-05-01", endsOn: "2026-04-30") {{ {ERRORS} }} }}',
        lambda c: {"id": c["first"]},
        "DATES_OUT_OF_ORDER",
        "endsOn",
    ),
    (f'mutation {{ phaseUpdate(id: "bm9wZQ==", title: "X") {{ {ERRORS} }} }}', lambda c: {}, "NOT_FOUND", "id"),
    (
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, title: "X") {{ {ERRORS} }} }}',
        lambda c: {"id": gid("Phase", 999999)},
        "NOT_FOUND",
        "id",
    ),
    (f"mutation($id: ID!) {{ phaseDelete(id: $id) {{ {ERRORS} }} }}", lambda c: {"id": c["stake"]}, "NOT_FOUND", "id"),
    (
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, title: "") {{ {ERRORS} }} }}',
        lambda c: {"id": c["first"]},
        "REQUIRED",
        "title",
    ),
    (
        f"mutation($ids: [ID!]!) {{ phaseReorder(ids: $ids) {{ {ERRORS} }} }}",
        lambda c: {"ids": c["phase_ids"][1:]},
        "INVALID_ORDER",
        "ids",
    ),
    (
        f"mutation($ids: [ID!]!) {{ phaseReorder(ids: $ids) {{ {ERRORS} }} }}",
        lambda c: {"ids": [c["phase_ids"][0], *c["phase_ids"]]},
        "INVALID_ORDER",
        "ids",
    ),
    (
        f"mutation($ids: [ID!]!) {{ phaseReorder(ids: $ids) {{ {ERRORS} }} }}",
        lambda c: {"ids": [*c["phase_ids"], gid("Phase", 999999)]},
        "INVALID_ORDER",
        "ids",
    ),
    (
        f"mutation($id: ID!, $ids: [ID!]!) {{ phaseItemReorder(phaseId: $id, kind: STAKE, ids: $ids) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"], "ids": c["stake_ids"][:-1]},
        "INVALID_ORDER",
        "ids",
    ),
    (
        f"mutation($id: ID!, $ids: [ID!]!) {{ phaseItemReorder(phaseId: $id, kind: METHOD, ids: $ids) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"], "ids": c["stake_ids"]},
        "INVALID_ORDER",
        "ids",
    ),
    (
        f"mutation($id: ID!, $ids: [ID!]!) {{ phaseResourceReorder(phaseId: $id, resourceIds: $ids) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"], "ids": c["resource_ids"][:1]},
        "INVALID_ORDER",
        "resourceIds",
    ),
    (
        f'mutation($id: ID!) {{ phaseItemCreate(phaseId: $id, kind: OBJECTIVE, title: "") {{ {ERRORS} }} }}',
        lambda c: {"id": c["first"]},
        "REQUIRED",
        "title",
    ),
    (
        f'mutation($id: ID!) {{ phaseItemCreate(phaseId: $id, kind: OBJECTIVE, title: "X") {{ {ERRORS} }} }}',
        lambda c: {"id": c["stake"]},
        "NOT_FOUND",
        "phaseId",
    ),
    (
        f'mutation($id: ID!) {{ phaseItemUpdate(id: $id, title: " ") {{ {ERRORS} }} }}',
        lambda c: {"id": c["stake"]},
        "REQUIRED",
        "title",
    ),
    (
        f"mutation($id: ID!, $r: ID!) {{ phaseResourceUnlink(phaseId: $id, resourceId: $r) {{ {ERRORS} }} }}",
        lambda c: {"id": c["second"], "r": c["resource"]},
        "NOT_FOUND",
        "resourceId",
    ),
    (
        f"mutation($id: ID!, $r: ID!) {{ phaseResourceLink(phaseId: $id, resourceId: $r) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"], "r": gid("Resource", 999999)},
        "NOT_FOUND",
        "resourceId",
    ),
    (
        f'mutation($id: ID!, $r: ID!) {{ phaseResourceLink(phaseId: $id, resourceId: $r, note: "{"n" * 301}") {{ {ERRORS} }} }}',
        lambda c: {"id": c["first"], "r": c["resource"]},
        "INVALID",
        "note",
    ),
    (
        f"mutation($id: ID!) {{ phaseRestoreRevision(id: $id) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"]},
        "REQUIRED",
        "revisionId",
    ),
    (
        f"mutation($id: ID!) {{ phaseRestoreRevision(id: $id, number: 1, revisionId: $id) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"]},
        "REQUIRED",
        "revisionId",
    ),
    (
        f"mutation($id: ID!) {{ phaseRestoreRevision(id: $id, number: 99) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"]},
        "NOT_FOUND",
        "number",
    ),
    (
        f"mutation($id: ID!) {{ phaseRestoreRevision(id: $id, revisionId: $id) {{ {ERRORS} }} }}",
        lambda c: {"id": c["first"]},
        "NOT_FOUND",
        "revisionId",
    ),
    (
        f'mutation {{ cycleApplyTemplate(key: "inconnu", mode: RESET) {{ {ERRORS} }} }}',
        lambda c: {},
        "UNKNOWN_TEMPLATE",
        "key",
    ),
    (f'mutation {{ cycleUpdate(name: "") {{ {ERRORS} }} }}', lambda c: {}, "REQUIRED", "name"),
    (
        f'mutation($id: ID!) {{ cycleUpdate(id: $id, name: "X") {{ {ERRORS} }} }}',
        lambda c: {"id": c["first"]},
        "NOT_FOUND",
        "id",
    ),
]


@pytest.mark.parametrize(("document", "variables", "code", "field"), INVALID)
def test_invalid_input_is_a_typed_error_that_changes_nothing(
    api, tenant_a, token, ctx, document, variables, code, field
):
    before = fingerprint()
    payload = mutate(api, tenant_a, token("facilitator"), document, variables(ctx))
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
    assert payload["errors"][0]["message"]
    assert fingerprint() == before


def test_a_revision_of_another_phase_is_not_restorable(api, tenant_a, token, ctx):
    with schema_context("alpha"):
        other = services.phase_revisions(Phase.objects.get(slug="co-construire")).first()
    before = fingerprint()
    document = f"mutation($id: ID!, $r: ID!) {{ phaseRestoreRevision(id: $id, revisionId: $r) {{ {ERRORS} }} }}"
    payload = mutate(
        api, tenant_a, token("facilitator"), document, {"id": ctx["first"], "r": gid("PhaseRevision", other.pk)}
    )
    assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"]
    assert fingerprint() == before


def test_ids_from_another_tenant_are_not_found_and_change_nothing(api, tenant_a, tenant_b, token, ctx, templates):
    with schema_context("beta"):
        beta = instantiate(SYSTEM, templates["generique"])
        beta_phase = beta.phases.first()
        beta_item = beta_phase.items.first()
        beta_resource = beta_phase.resource_links.first().resource
    staff = token("tenant_admin")
    cases = [
        (
            f'mutation($id: ID!) {{ phaseUpdate(id: $id, title: "Piraté") {{ {ERRORS} }} }}',
            {"id": gid("Phase", beta_phase.pk, "beta")},
        ),
        (f"mutation($id: ID!) {{ phaseDelete(id: $id) {{ {ERRORS} }} }}", {"id": gid("Phase", beta_phase.pk, "beta")}),
        (
            f'mutation($id: ID!) {{ phaseItemUpdate(id: $id, title: "Piraté") {{ {ERRORS} }} }}',
            {"id": gid("PhaseItem", beta_item.pk, "beta")},
        ),
        (
            f"mutation($id: ID!, $r: ID!) {{ phaseResourceLink(phaseId: $id, resourceId: $r) {{ {ERRORS} }} }}",
            {"id": ctx["first"], "r": gid("Resource", beta_resource.pk, "beta")},
        ),
        # Same primary key, but the ID names the other tenant: still not found here.
        (
            f'mutation($id: ID!) {{ phaseUpdate(id: $id, title: "Piraté") {{ {ERRORS} }} }}',
            {"id": gid("Phase", ctx["phase"].pk, "beta")},
        ),
    ]
    before_a, before_b = fingerprint("alpha"), fingerprint("beta")
    for document, variables in cases:
        payload = mutate(api, tenant_a, staff, document, variables)
        assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"], document
    assert fingerprint("alpha") == before_a
    assert fingerprint("beta") == before_b


def test_create_update_and_delete_a_phase(api, tenant_a, token, ctx):
    staff = token("professional")
    created = mutate(
        api,
        tenant_a,
        staff,
        f"""mutation {{ phaseCreate(title: "Bilan d'étape", summary: "Faire le point.", position: 1,
            startsOn: "2026-03-01", endsOn: "2026-03-31") {{ phase {{ id slug status position startsOn endsOn }} {ERRORS} }} }}""",
    )
    assert created["errors"] == []
    phase = created["phase"]
    assert phase["slug"] == "bilan-detape" and phase["status"] == "DRAFT" and phase["position"] == 1
    with schema_context("alpha"):
        assert list(Phase.objects.filter(cycle=ctx["cycle"]).order_by("position").values_list("slug", flat=True))[
            :3
        ] == [
            "mobiliser",
            "bilan-detape",
            "diagnostic-partage",
        ]
    again = mutate(
        api, tenant_a, staff, f'mutation {{ phaseCreate(title: "Bilan d\'étape") {{ phase {{ slug }} {ERRORS} }} }}'
    )
    assert again["phase"]["slug"] == "bilan-detape-2"
    updated = mutate(
        api,
        tenant_a,
        staff,
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, endsOn: null, revisionSummary: "Sans fin") {{ phase {{ startsOn endsOn revisions {{ number summary }} }} {ERRORS} }} }}',
        {"id": phase["id"]},
    )["phase"]
    assert updated["startsOn"] == "2026-03-01" and updated["endsOn"] is None
    assert updated["revisions"][0] == {"number": 2, "summary": "Sans fin"}
    deleted = mutate(
        api,
        tenant_a,
        staff,
        f"mutation($id: ID!) {{ phaseDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        {"id": phase["id"]},
    )
    assert deleted == {"deletedId": phase["id"], "errors": []}
    with schema_context("alpha"):
        positions = list(
            Phase.objects.filter(cycle=ctx["cycle"]).order_by("position").values_list("position", flat=True)
        )
        assert positions == list(range(len(positions)))
        assert AuditEntry.objects.filter(action="phase.deleted").count() == 1


def test_reorder_phases_items_and_resources(api, tenant_a, token, ctx):
    staff = token("facilitator")
    order = ctx["phase_ids"][::-1]
    result = mutate(api, tenant_a, staff, MUTATIONS["phaseReorder"][0], {"ids": order})
    assert [p["slug"] for p in result["cycle"]["phases"]] == [
        "brouillon",
        "evaluer-et-ajuster",
        "agir-et-rendre-compte",
        "co-construire",
        "diagnostic-partage",
        "mobiliser",
    ]
    mutate(api, tenant_a, staff, MUTATIONS["phaseItemReorder"][0], {"id": ctx["first"], "ids": ctx["stake_ids"][::-1]})
    mutate(
        api,
        tenant_a,
        staff,
        MUTATIONS["phaseResourceReorder"][0],
        {"id": ctx["first"], "ids": ctx["resource_ids"][::-1]},
    )
    phase = api.gql(
        '{ phase(slug: "mobiliser") { position stakes { id position } resources { resource { id } position } } }',
        tenant=tenant_a,
        token=staff,
    )["phase"]
    assert phase["position"] == 5
    assert [s["id"] for s in phase["stakes"]] == ctx["stake_ids"][::-1]
    assert [s["position"] for s in phase["stakes"]] == [0, 1, 2]
    assert [r["resource"]["id"] for r in phase["resources"]] == ctx["resource_ids"][::-1]


def test_only_one_current_phase(api, tenant_a, token, ctx):
    staff = token("decision_maker")
    for target in (ctx["second"], ctx["draft"], ctx["second"]):
        assert mutate(api, tenant_a, staff, MUTATIONS["phaseSetCurrent"][0], {"id": target})["errors"] == []
    with schema_context("alpha"):
        current = list(Phase.objects.filter(cycle=ctx["cycle"], is_current=True).values_list("slug", flat=True))
    assert current == ["diagnostic-partage"]
    assert api.gql("{ cycle { currentPhase { slug } } }", tenant=tenant_a)["cycle"]["currentPhase"] == {
        "slug": "diagnostic-partage"
    }


def test_publish_schedule_unpublish_archive(api, tenant_a, token, ctx):
    staff = token("facilitator")
    later = (timezone.now() + timedelta(days=2)).isoformat()
    document = f"mutation($id: ID!, $at: DateTime) {{ phasePublish(id: $id, publishAt: $at) {{ phase {{ status isVisible publishAt }} {ERRORS} }} }}"
    scheduled = mutate(api, tenant_a, staff, document, {"id": ctx["draft"], "at": later})["phase"]
    assert scheduled["status"] == "PUBLISHED" and not scheduled["isVisible"] and scheduled["publishAt"]
    public = "{ cycle { phases { slug } } }"
    assert "brouillon" not in [p["slug"] for p in api.gql(public, tenant=tenant_a)["cycle"]["phases"]]
    published = mutate(api, tenant_a, staff, document, {"id": ctx["draft"], "at": None})["phase"]
    assert published == {"status": "PUBLISHED", "isVisible": True, "publishAt": None}
    assert "brouillon" in [p["slug"] for p in api.gql(public, tenant=tenant_a)["cycle"]["phases"]]
    mutate(api, tenant_a, staff, MUTATIONS["phaseUnpublish"][0], {"id": ctx["draft"]})
    assert "brouillon" not in [p["slug"] for p in api.gql(public, tenant=tenant_a)["cycle"]["phases"]]
    archived = mutate(api, tenant_a, staff, MUTATIONS["phaseArchive"][0], {"id": ctx["first"]})
    assert archived["phase"]["status"] == "ARCHIVED"
    assert "mobiliser" not in [p["slug"] for p in api.gql(public, tenant=tenant_a)["cycle"]["phases"]]
    with schema_context("alpha"):
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"phase.scheduled", "phase.published", "phase.unpublished", "phase.archived"} <= actions


def test_revisions_list_and_restore_brings_items_back(api, tenant_a, token, ctx):
    staff = token("tenant_admin")
    original = api.gql(
        '{ phase(slug: "mobiliser") { title stakes { id title } resources { resource { slug } } } }',
        tenant=tenant_a,
        token=staff,
    )["phase"]
    mutate(
        api,
        tenant_a,
        staff,
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, title: "Aller vers") {{ {ERRORS} }} }}',
        {"id": ctx["first"]},
    )
    mutate(api, tenant_a, staff, MUTATIONS["phaseItemDelete"][0], {"id": ctx["stake"]})
    mutate(
        api,
        tenant_a,
        staff,
        f'mutation($id: ID!) {{ phaseItemCreate(phaseId: $id, kind: STAKE, title: "Nouveau") {{ {ERRORS} }} }}',
        {"id": ctx["first"]},
    )
    mutate(api, tenant_a, staff, MUTATIONS["phaseResourceUnlink"][0], {"id": ctx["first"], "r": ctx["resource"]})
    revisions = api.gql(
        '{ phase(slug: "mobiliser") { revisions { id number summary title itemCount } } }', tenant=tenant_a, token=staff
    )["phase"]["revisions"]
    assert [r["number"] for r in revisions] == [5, 4, 3, 2, 1]
    assert revisions[-1]["title"] == "Mobiliser" and revisions[0]["title"] == "Aller vers"
    assert revisions[2]["itemCount"] == revisions[-1]["itemCount"] - 1
    restored = mutate(
        api,
        tenant_a,
        staff,
        f"mutation($id: ID!, $r: ID!) {{ phaseRestoreRevision(id: $id, revisionId: $r) {{ phase {{ title stakes {{ id title }} resources {{ resource {{ slug }} }} }} revision {{ number summary }} {ERRORS} }} }}",
        {"id": ctx["first"], "r": revisions[-1]["id"]},
    )
    assert restored["errors"] == []
    assert restored["revision"] == {"number": 6, "summary": "Restauration de la version 1"}
    phase = restored["phase"]
    assert phase["title"] == "Mobiliser"
    assert [s["title"] for s in phase["stakes"]] == [s["title"] for s in original["stakes"]]
    assert [s["id"] for s in phase["stakes"]][1:] == [s["id"] for s in original["stakes"]][
        1:
    ]  # surviving items keep their ID
    assert phase["resources"] == original["resources"]
    # Restoring by number works too, and history only grows.
    again = mutate(
        api,
        tenant_a,
        staff,
        f"mutation($id: ID!) {{ phaseRestoreRevision(id: $id, number: 5) {{ phase {{ title stakes {{ title }} }} {ERRORS} }} }}",
        {"id": ctx["first"]},
    )
    assert again["phase"]["title"] == "Aller vers"
    assert "Nouveau" in [s["title"] for s in again["phase"]["stakes"]]


def test_restore_refuses_a_slug_taken_since(api, tenant_a, token, ctx):
    staff = token("facilitator")
    mutate(
        api,
        tenant_a,
        staff,
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, slug: "aller-vers") {{ {ERRORS} }} }}',
        {"id": ctx["first"]},
    )
    mutate(
        api,
        tenant_a,
        staff,
        f'mutation($id: ID!) {{ phaseUpdate(id: $id, slug: "mobiliser") {{ {ERRORS} }} }}',
        {"id": ctx["second"]},
    )
    before = fingerprint()
    payload = mutate(
        api,
        tenant_a,
        staff,
        f"mutation($id: ID!) {{ phaseRestoreRevision(id: $id, number: 1) {{ {ERRORS} }} }}",
        {"id": ctx["first"]},
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("UNIQUE", "slug")]
    assert fingerprint() == before


def test_link_a_resource_then_update_its_note_and_position(api, tenant_a, token, ctx):
    staff = token("facilitator")
    document = f"mutation($id: ID!, $r: ID!, $note: String, $pos: Int) {{ phaseResourceLink(phaseId: $id, resourceId: $r, note: $note, position: $pos) {{ phase {{ resources {{ resource {{ id }} note position }} }} {ERRORS} }} }}"
    with schema_context("alpha"):
        extra = Resource.objects.create(slug="grille-locale", title="Grille locale", kind="tool", status="published")
    extra_id = gid("Resource", extra.pk)
    first = mutate(
        api, tenant_a, staff, document, {"id": ctx["first"], "r": extra_id, "note": "Pour démarrer", "pos": 0}
    )
    assert first["phase"]["resources"][0] == {"resource": {"id": extra_id}, "note": "Pour démarrer", "position": 0}
    moved = mutate(api, tenant_a, staff, document, {"id": ctx["first"], "r": extra_id, "note": None, "pos": 5})
    assert moved["phase"]["resources"][-1] == {"resource": {"id": extra_id}, "note": "Pour démarrer", "position": 2}


def test_item_kind_change_moves_it_to_the_end_of_the_other_list(api, tenant_a, token, ctx):
    staff = token("facilitator")
    result = mutate(
        api,
        tenant_a,
        staff,
        f"mutation($id: ID!) {{ phaseItemUpdate(id: $id, kind: METHOD) {{ item {{ kind position phase {{ stakes {{ position }} methods {{ id }} }} }} {ERRORS} }} }}",
        {"id": ctx["stake"]},
    )["item"]
    assert result["kind"] == "METHOD" and result["position"] == 3
    assert [s["position"] for s in result["phase"]["stakes"]] == [0, 1]
    assert result["phase"]["methods"][-1]["id"] == ctx["stake"]


HOSTILE = (
    '<p>Bonjour<script>alert("x")</script></p>'
    '<img src="https://example.org/a.png" onerror="alert(1)" alt="a">'
    '<a href="javascript:alert(2)" onclick="steal()">lien</a>'
    '<a href="https://example.org/guide">guide</a>'
)


def assert_clean(html):
    lowered = html.lower()
    for bad in ("<script", 'alert("x")', "onerror", "onclick", "javascript:"):
        assert bad not in lowered, html
    assert "Bonjour" in html and 'href="https://example.org/guide"' in html


def test_rich_text_is_sanitised_on_the_way_in(api, tenant_a, token, ctx):
    staff = token("facilitator")
    variables = {"id": ctx["first"], "body": HOSTILE}
    phase = mutate(
        api,
        tenant_a,
        staff,
        f"mutation($id: ID!, $body: String) {{ phaseUpdate(id: $id, body: $body) {{ phase {{ body }} {ERRORS} }} }}",
        variables,
    )
    assert_clean(phase["phase"]["body"])
    item = mutate(
        api,
        tenant_a,
        staff,
        f'mutation($id: ID!, $body: String) {{ phaseItemCreate(phaseId: $id, kind: METHOD, title: "M", body: $body) {{ item {{ body }} {ERRORS} }} }}',
        variables,
    )
    assert_clean(item["item"]["body"])
    created = mutate(
        api,
        tenant_a,
        staff,
        f'mutation($body: String) {{ phaseCreate(title: "P", body: $body) {{ phase {{ body }} {ERRORS} }} }}',
        {"body": HOSTILE},
    )
    assert_clean(created["phase"]["body"])
    cycle = mutate(
        api,
        tenant_a,
        staff,
        f"mutation($body: String) {{ cycleUpdate(description: $body) {{ cycle {{ description }} {ERRORS} }} }}",
        {"body": HOSTILE},
    )
    assert_clean(cycle["cycle"]["description"])
    with schema_context("alpha"):
        assert_clean(Phase.objects.get(pk=ctx["phase"].pk).body)
        assert_clean(PhaseItem.objects.get(title="M").body)


def test_apply_template_over_graphql(api, tenant_a, token, ctx):
    staff = token("tenant_admin")
    document = f"mutation($key: String!, $mode: CycleTemplateMode!) {{ cycleApplyTemplate(key: $key, mode: $mode) {{ cycle {{ id templateKey isActive phases {{ slug }} }} {ERRORS} }} }}"
    reset = mutate(api, tenant_a, staff, document, {"key": "participation_rsa", "mode": "RESET"})["cycle"]
    assert reset["id"] == gid("Cycle", ctx["cycle"].pk)
    assert reset["phases"][0]["slug"] == "constituer-le-groupe" and len(reset["phases"]) == 5
    new = mutate(api, tenant_a, staff, document, {"key": "generique", "mode": "NEW_CYCLE"})["cycle"]
    assert new["id"] != reset["id"] and new["templateKey"] == "generique"
    cycles = api.gql("{ cycles { templateKey isActive } }", tenant=tenant_a, token=staff)["cycles"]
    assert cycles == [
        {"templateKey": "generique", "isActive": True},
        {"templateKey": "participation_rsa", "isActive": False},
    ]
    with schema_context("alpha"):
        assert {"cycle.reset", "cycle.instantiated"} <= set(AuditEntry.objects.values_list("action", flat=True))


def test_phase_create_without_an_active_cycle(api, tenant_a, token):
    payload = mutate(api, tenant_a, token("facilitator"), f'mutation {{ phaseCreate(title: "X") {{ {ERRORS} }} }}')
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NO_ACTIVE_CYCLE", "cycleId")]


def test_phase_titles_and_summaries_keep_no_markup():
    assert _title('<img src=x onerror="alert(1)">Mobiliser <b>les</b> habitants') == "Mobiliser les habitants"
    assert _plain("Ligne 1<script>alert(1)</script>\nLigne 2") == "Ligne 1\nLigne 2"
