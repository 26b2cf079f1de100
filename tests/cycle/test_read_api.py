"""Reading the cycle over GraphQL: structure, order, and who sees drafts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from graphql_relay import to_global_id

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services
from imedia_core.cycle.templates import instantiate
from imedia_core.library.models import Resource
from tests.auth.helpers import api_key_for

SYSTEM = ServiceContext.system(Channel.CLI)

CYCLE = """
query {
  cycle {
    id name templateKey isActive
    currentPhase { slug }
    phases {
      id slug title status isVisible isCurrent position
      stakes { title position kind }
      objectives { title }
      vigilancePoints { title }
      methods { title }
      items(kind: METHOD) { title }
      resources { position note resource { id title slug kind status } }
    }
  }
}
"""


def gid(type_name, pk, schema="alpha"):
    return to_global_id(type_name, f"{schema}:{pk}")


def slugs(data):
    return [phase["slug"] for phase in data["cycle"]["phases"]]


@pytest.fixture
def unpublished(cycle_a):
    """A draft, an archived and a scheduled phase, and a draft resource on a published phase."""
    with schema_context("alpha"):
        draft = services.create_phase(SYSTEM, cycle_a, title="Brouillon", slug="brouillon")
        archived = services.create_phase(SYSTEM, cycle_a, title="Archivée", slug="archivee")
        services.publish_phase(SYSTEM, archived)
        services.archive_phase(SYSTEM, archived)
        scheduled = services.create_phase(SYSTEM, cycle_a, title="Programmée", slug="programmee")
        services.publish_phase(SYSTEM, scheduled, publish_at=timezone.now() + timedelta(days=3))
        resource = Resource.objects.create(slug="ressource-brouillon", title="Brouillon", kind="tool")
        services.link_resource(SYSTEM, cycle_a.phases.get(slug="mobiliser"), resource, note="à relire")
    return {"draft": draft, "archived": archived, "scheduled": scheduled, "resource": resource}


PUBLISHED = ["mobiliser", "diagnostic-partage", "co-construire", "agir-et-rendre-compte", "evaluer-et-ajuster"]
EVERYTHING = [*PUBLISHED, "brouillon", "archivee", "programmee"]


def test_the_active_cycle_with_everything_each_phase_carries(api, cycle_a, tenant_a):
    data = api.gql(CYCLE, tenant=tenant_a)
    cycle = data["cycle"]
    assert cycle["templateKey"] == "generique" and cycle["isActive"]
    assert cycle["currentPhase"] == {"slug": "mobiliser"}
    assert slugs(data) == PUBLISHED
    first = cycle["phases"][0]
    assert first["status"] == "PUBLISHED" and first["isVisible"] and first["isCurrent"]
    assert [s["position"] for s in first["stakes"]] == [0, 1, 2]
    assert {s["kind"] for s in first["stakes"]} == {"STAKE"}
    assert first["stakes"][0]["title"] == "Toucher celles et ceux qu'on n'entend jamais"
    assert len(first["objectives"]) == 2 and len(first["vigilancePoints"]) == 3
    assert [m["title"] for m in first["items"]] == [m["title"] for m in first["methods"]]
    assert [r["resource"]["slug"] for r in first["resources"]] == [
        "modele-charte-de-participation",
        "guide-ecrire-en-falc",
    ]
    assert [r["position"] for r in first["resources"]] == [0, 1]
    assert first["resources"][0]["resource"]["kind"] == "TEMPLATE"


def test_no_cycle_is_null(api, tenant_a):
    assert api.gql("{ cycle { id } cycles { id } }", tenant=tenant_a) == {"cycle": None, "cycles": []}


@pytest.mark.parametrize(("who", "expected"), [("anonymous", PUBLISHED), ("participant", PUBLISHED)])
def test_readers_never_see_drafts_archives_or_scheduled_phases(api, tenant_a, token, unpublished, who, expected):
    credentials = {} if who == "anonymous" else {"token": token(who)}
    data = api.gql(CYCLE, tenant=tenant_a, **credentials)
    assert slugs(data) == expected
    assert [r["resource"]["slug"] for r in data["cycle"]["phases"][0]["resources"]] == [
        "modele-charte-de-participation",
        "guide-ecrire-en-falc",
    ]
    for key in ("draft", "archived", "scheduled"):
        phase = unpublished[key]
        assert api.gql(
            "query($s: String!) { phase(slug: $s) { id } }", {"s": phase.slug}, tenant=tenant_a, **credentials
        ) == {"phase": None}
        node = api.gql(
            "query($id: ID!) { node(id: $id) { id } }", {"id": gid("Phase", phase.pk)}, tenant=tenant_a, **credentials
        )
        assert node == {"node": None}


@pytest.mark.parametrize("who", ["facilitator", "professional", "decision_maker", "tenant_admin", "read_key"])
def test_staff_and_read_keys_see_everything(api, tenant_a, token, unpublished, who):
    credentials = {"token": api_key_for(tenant_a, "read") if who == "read_key" else token(who)}
    data = api.gql(CYCLE, tenant=tenant_a, **credentials)
    assert slugs(data) == EVERYTHING
    statuses = {p["slug"]: (p["status"], p["isVisible"]) for p in data["cycle"]["phases"]}
    assert statuses["brouillon"] == ("DRAFT", False)
    assert statuses["archivee"] == ("ARCHIVED", False)
    assert statuses["programmee"] == ("PUBLISHED", False)
    resources = data["cycle"]["phases"][0]["resources"]
    assert resources[-1]["note"] == "à relire"
    assert resources[-1]["resource"]["slug"] == "ressource-brouillon" and resources[-1]["resource"]["status"] == "DRAFT"
    phase = api.gql('{ phase(slug: "brouillon") { title status } }', tenant=tenant_a, **credentials)
    assert phase == {"phase": {"title": "Brouillon", "status": "DRAFT"}}


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_visibility_is_the_same_whatever_the_routing(api, tenant_a, unpublished, via):
    assert slugs(api.gql(CYCLE, tenant=tenant_a, via=via)) == PUBLISHED


def test_a_scheduled_phase_appears_when_due(api, tenant_a, unpublished):
    with schema_context("alpha"):
        services.publish_phase(SYSTEM, unpublished["scheduled"], publish_at=timezone.now() - timedelta(minutes=1))
    assert "programmee" in slugs(api.gql(CYCLE, tenant=tenant_a))


def test_phase_by_slug_and_items_by_kind(api, tenant_a, cycle_a):
    query = """query($s: String!) { phase(slug: $s) { title cycle { name }
        items { kind title } vigilancePoints { title } } }"""
    data = api.gql(query, {"s": "diagnostic-partage"}, tenant=tenant_a)["phase"]
    assert data["cycle"]["name"] == "Cycle de participation"
    kinds = [item["kind"] for item in data["items"]]
    assert kinds == sorted(kinds, key=["STAKE", "OBJECTIVE", "VIGILANCE", "METHOD"].index)
    assert [i["title"] for i in data["items"] if i["kind"] == "VIGILANCE"] == [
        v["title"] for v in data["vigilancePoints"]
    ]
    assert api.gql('{ phase(slug: "inconnue") { id } }', tenant=tenant_a) == {"phase": None}


def test_past_cycles_are_for_staff(api, tenant_a, token, cycle_a, templates):
    with schema_context("alpha"):
        instantiate(SYSTEM, templates["imediatisation"])
    query = "{ cycles { templateKey isActive } }"
    assert api.gql(query, tenant=tenant_a)["cycles"] == [{"templateKey": "imediatisation", "isActive": True}]
    staff = api.gql(query, tenant=tenant_a, token=token("facilitator"))["cycles"]
    assert staff == [
        {"templateKey": "imediatisation", "isActive": True},
        {"templateKey": "generique", "isActive": False},
    ]
    past = {"id": gid("Cycle", cycle_a.pk)}
    by_id = "query($id: ID!) { cycle(id: $id) { name phases { slug } } }"
    assert api.gql(by_id, past, tenant=tenant_a) == {"cycle": None}
    assert (
        api.gql(by_id, past, tenant=tenant_a, token=token("facilitator"))["cycle"]["phases"][0]["slug"] == "mobiliser"
    )


def test_ids_of_another_tenant_name_nothing(api, tenant_a, tenant_b, token, templates):
    with schema_context("beta"):
        beta_cycle = instantiate(SYSTEM, templates["generique"])
        beta_phase = beta_cycle.phases.first()
    with schema_context("alpha"):
        instantiate(SYSTEM, templates["generique"])
    staff = token("tenant_admin")
    assert api.gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": gid("Phase", beta_phase.pk, "beta")},
        tenant=tenant_a,
        token=staff,
    ) == {"node": None}
    assert api.gql(
        "query($id: ID!) { cycle(id: $id) { id } }",
        {"id": gid("Cycle", beta_cycle.pk, "beta")},
        tenant=tenant_a,
        token=staff,
    ) == {"cycle": None}


def test_revisions_are_for_staff(api, tenant_a, token, cycle_a):
    query = '{ phase(slug: "mobiliser") { revisions { number summary title itemCount } } }'
    response = api.graphql(query, tenant=tenant_a)
    payload = response.json()
    assert payload["data"] == {"phase": {"revisions": None}}
    assert set(payload) == {"data", "extensions"}
    payload = api.graphql(query, tenant=tenant_a, token=token("participant")).json()
    assert payload["data"] == {"phase": {"revisions": None}}
    assert set(payload) == {"data", "extensions"}
    revisions = api.gql(query, tenant=tenant_a, token=token("facilitator"))["phase"]["revisions"]
    assert revisions == [
        {
            "number": 1,
            "summary": "Créée depuis le modèle « Cycle de participation »",
            "title": "Mobiliser",
            "itemCount": 11,
        }
    ]


def test_cycle_templates_are_listed(api, tenant_a):
    data = api.gql(
        "{ cycleTemplates { key name description policyAreas starterResources phases { slug title itemCount } } }",
        tenant=tenant_a,
    )
    by_key = {t["key"]: t for t in data["cycleTemplates"]}
    assert {
        "generique",
        "imediatisation",
        "conseils_citoyens",
        "amelioration_continue_formation",
        "participation_rsa",
    } <= set(by_key)
    rsa = by_key["participation_rsa"]
    assert rsa["phases"][0]["title"] == "Constituer le groupe des allocataires"
    assert rsa["phases"][0]["itemCount"] >= 8
    assert "Défrayer et reconnaître les participants" in rsa["starterResources"]
