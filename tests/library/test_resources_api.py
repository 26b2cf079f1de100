"""The `resources` connection, `resource(id|slug)`, `node` and `themes`: filters, sorting,
pagination and who sees what."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase, PhaseResource
from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.library import services

from .conftest import SYSTEM

LIST = """query($f: ResourceFilterInput, $sort: ResourceSortInput, $first: Int) {
  resources(filter: $f, sortBy: $sort, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { title slug kind status audiences readingLevel provenance language isVisible
                   themes { slug } phases { id slug title } } }
  }
}"""


def titles(data):
    return [edge["node"]["title"] for edge in data["resources"]["edges"]]


def gid(type_name, pk, schema="alpha"):
    with schema_context(schema):
        return TenantNode.to_global_id(type_name, pk)


@pytest.fixture
def library(make_resource):
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle en cours")
        old = Cycle.objects.create(name="Ancien cycle", is_active=False)
        diag = Phase.objects.create(cycle=cycle, position=0, slug="diagnostic", title="Diagnostic", status="published")
        coco = Phase.objects.create(
            cycle=cycle, position=1, slug="co-construction", title="Co-construction", status="published"
        )
        hidden = Phase.objects.create(cycle=cycle, position=2, slug="secrete", title="Phase en brouillon")
        past = Phase.objects.create(
            cycle=old, position=0, slug="diagnostic", title="Ancien diagnostic", status="published"
        )
    a = make_resource(
        title="Arbre à problèmes",
        kind="method",
        audiences=["facilitators", "professionals"],
        themes=["diagnostic", "animation"],
        reading_level="standard",
    )
    b = make_resource(
        title="Boîte à idées FALC",
        kind="tool",
        audiences=["citizens"],
        themes=["animation"],
        reading_level="easy_to_read",
        provenance="adapted",
        source="Commun des pratiques",
    )
    c = make_resource(
        title="Charte du groupe projet",
        kind="template",
        audiences=["citizens", "decision_makers"],
        language="en",
        provenance="imported",
    )
    with schema_context("alpha"):
        PhaseResource.objects.create(phase=diag, resource=a)
        PhaseResource.objects.create(phase=coco, resource=b)
        PhaseResource.objects.create(phase=hidden, resource=b)
        PhaseResource.objects.create(phase=past, resource=c)
    return {"a": a, "b": b, "c": c, "diag": diag, "coco": coco, "past": past}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": ["METHOD"]}, {"Arbre à problèmes"}),
        ({"kind": ["METHOD", "TOOL"]}, {"Arbre à problèmes", "Boîte à idées FALC"}),
        ({"themes": ["animation"]}, {"Arbre à problèmes", "Boîte à idées FALC"}),
        ({"themes": ["diagnostic", "inconnu"]}, {"Arbre à problèmes"}),
        ({"themes": ["inconnu"]}, set()),
        ({"phase": "diagnostic"}, {"Arbre à problèmes"}),  # slug: in the active cycle only
        ({"phase": "co-construction"}, {"Boîte à idées FALC"}),
        ({"audience": ["CITIZENS"]}, {"Boîte à idées FALC", "Charte du groupe projet"}),
        ({"audience": ["DECISION_MAKERS", "FACILITATORS"]}, {"Arbre à problèmes", "Charte du groupe projet"}),
        ({"language": "en"}, {"Charte du groupe projet"}),
        ({"readingLevel": ["EASY_TO_READ"]}, {"Boîte à idées FALC"}),
        ({"provenance": ["ADAPTED", "IMPORTED"]}, {"Boîte à idées FALC", "Charte du groupe projet"}),
        ({"kind": ["TOOL"], "audience": ["CITIZENS"], "themes": ["animation"]}, {"Boîte à idées FALC"}),
        ({"kind": ["TOOL"], "language": "en"}, set()),
    ],
)
def test_filters(api, tenant_a, library, filters, expected):
    data = api.gql(LIST, {"f": filters}, tenant=tenant_a)
    assert set(titles(data)) == expected
    assert data["resources"]["totalCount"] == len(expected)


def test_phase_filter_by_global_id(api, tenant_a, library):
    data = api.gql(LIST, {"f": {"phase": gid("Phase", library["past"].pk)}}, tenant=tenant_a)
    assert titles(data) == ["Charte du groupe projet"]
    # A phase ID of another programme names nothing here.
    data = api.gql(LIST, {"f": {"phase": gid("Phase", library["diag"].pk, "beta")}}, tenant=tenant_a)
    assert data["resources"]["totalCount"] == 0


def test_phases_field_lists_visible_phases_of_the_active_cycle(api, tenant_a, library, callers):
    nodes = {e["node"]["title"]: e["node"] for e in api.gql(LIST, {}, tenant=tenant_a)["resources"]["edges"]}
    assert nodes["Boîte à idées FALC"]["phases"] == [
        {"id": gid("Phase", library["coco"].pk), "slug": "co-construction", "title": "Co-construction"}
    ]
    assert nodes["Charte du groupe projet"]["phases"] == []  # linked to a past cycle's phase only
    staff = api.gql(LIST, {}, tenant=tenant_a, token=callers["facilitator"])["resources"]["edges"]
    staff_nodes = {e["node"]["title"]: e["node"] for e in staff}
    assert [p["slug"] for p in staff_nodes["Boîte à idées FALC"]["phases"]] == ["co-construction", "secrete"]


def test_fields_and_enums(api, tenant_a, library):
    nodes = {e["node"]["title"]: e["node"] for e in api.gql(LIST, {}, tenant=tenant_a)["resources"]["edges"]}
    arbre = nodes["Arbre à problèmes"]
    assert arbre["kind"] == "METHOD"
    assert arbre["slug"] == "arbre-a-problemes"
    assert arbre["audiences"] == ["FACILITATORS", "PROFESSIONALS"]
    assert [t["slug"] for t in arbre["themes"]] == ["animation", "diagnostic"]
    assert arbre["status"] == "PUBLISHED" and arbre["isVisible"] is True
    assert nodes["Boîte à idées FALC"]["readingLevel"] == "EASY_TO_READ"
    assert nodes["Boîte à idées FALC"]["provenance"] == "ADAPTED"


def test_sorting(api, tenant_a, make_resource):
    first = make_resource(title="Zèbre")
    second = make_resource(title="étoile")
    third = make_resource(title="Abeille")
    with schema_context("alpha"):
        services.update_resource(SYSTEM, first, {"summary": "touché en dernier"})
    by_title = api.gql(LIST, {"sort": {"field": "TITLE"}}, tenant=tenant_a)
    assert titles(by_title) == ["Abeille", "étoile", "Zèbre"]  # accents and case ignored
    assert titles(api.gql(LIST, {"sort": {"field": "TITLE", "direction": "DESC"}}, tenant=tenant_a)) == [
        "Zèbre",
        "étoile",
        "Abeille",
    ]
    assert titles(api.gql(LIST, {"sort": {"field": "UPDATED_AT"}}, tenant=tenant_a))[0] == "Zèbre"
    assert titles(api.gql(LIST, {}, tenant=tenant_a))[0] == "Zèbre"  # default: last update first
    published = titles(api.gql(LIST, {"sort": {"field": "PUBLISHED_AT", "direction": "ASC"}}, tenant=tenant_a))
    assert published == ["Zèbre", "étoile", "Abeille"]
    # Relevance without a search falls back to the last update.
    assert titles(api.gql(LIST, {"sort": {"field": "RELEVANCE"}}, tenant=tenant_a))[0] == "Zèbre"
    assert {second.title, third.title} <= set(titles(by_title))


def test_pagination_and_cap(api, tenant_a, make_resource):
    for i in range(7):
        make_resource(title=f"Fiche {i}")
    page = api.gql(LIST, {"first": 3, "sort": {"field": "TITLE"}}, tenant=tenant_a)["resources"]
    assert page["totalCount"] == 7 and len(page["edges"]) == 3 and page["pageInfo"]["hasNextPage"]
    query = """query($after: String) { resources(first: 5, after: $after, sortBy: {field: TITLE}) {
        edges { node { title } } pageInfo { hasNextPage } } }"""
    rest = api.gql(query, {"after": page["pageInfo"]["endCursor"]}, tenant=tenant_a)["resources"]
    assert [e["node"]["title"] for e in rest["edges"]] == ["Fiche 3", "Fiche 4", "Fiche 5", "Fiche 6"]
    assert rest["pageInfo"]["hasNextPage"] is False
    response = api.graphql(LIST, {"first": 1000}, tenant=tenant_a).json()
    assert response["data"]["resources"] is None
    assert response["errors"][0]["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"
    assert response["errors"][0]["extensions"]["maxPageSize"] == 100


# --- visibility ------------------------------------------------------------------------------

ONE = """query($id: ID, $slug: String) { resource(id: $id, slug: $slug) { title status } }"""
NODE = """query($id: ID!) { node(id: $id) { id ... on Resource { title } } }"""


@pytest.fixture
def states(make_resource):
    published = make_resource(title="Publiée")
    draft = make_resource(title="Brouillon", publish=False)
    scheduled = make_resource(title="Programmée", publish=False)
    archived = make_resource(title="Archivée")
    past_schedule = make_resource(title="Programmée hier", publish=False)
    with schema_context("alpha"):
        services.schedule_resource(SYSTEM, scheduled, timezone.now() + timedelta(days=2))
        services.archive_resource(SYSTEM, archived)
        services.publish_resource(SYSTEM, past_schedule)
        past_schedule.publish_at = timezone.now() - timedelta(days=1)
        past_schedule.save()
    return {"published": published, "draft": draft, "scheduled": scheduled, "archived": archived}


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_readers_see_only_published_and_due(api, tenant_a, states, callers, who):
    token = callers[who]
    data = api.gql(LIST, {}, tenant=tenant_a, token=token)
    assert set(titles(data)) == {"Publiée", "Programmée hier"}
    for name in ("draft", "scheduled", "archived"):
        resource = states[name]
        assert api.gql(ONE, {"slug": resource.slug}, tenant=tenant_a, token=token)["resource"] is None
        assert api.gql(ONE, {"id": gid("Resource", resource.pk)}, tenant=tenant_a, token=token)["resource"] is None
        assert api.gql(NODE, {"id": gid("Resource", resource.pk)}, tenant=tenant_a, token=token)["node"] is None
    published = states["published"]
    assert api.gql(ONE, {"slug": published.slug}, tenant=tenant_a, token=token)["resource"]["title"] == "Publiée"
    node = api.gql(NODE, {"id": gid("Resource", published.pk)}, tenant=tenant_a, token=token)["node"]
    assert node["title"] == "Publiée"


@pytest.mark.parametrize("who", ["facilitator", "tenant_admin", "read_key", "write_key"])
def test_staff_and_api_keys_see_everything(api, tenant_a, states, callers, who):
    token = callers[who]
    assert api.gql(LIST, {}, tenant=tenant_a, token=token)["resources"]["totalCount"] == 5
    for resource in states.values():
        assert api.gql(ONE, {"slug": resource.slug}, tenant=tenant_a, token=token)["resource"]["title"]
        assert api.gql(NODE, {"id": gid("Resource", resource.pk)}, tenant=tenant_a, token=token)["node"]
    data = api.gql(LIST, {"f": {"status": ["DRAFT", "ARCHIVED"]}}, tenant=tenant_a, token=token)
    assert set(titles(data)) == {"Brouillon", "Archivée"}


def test_status_filter_is_for_staff(api, tenant_a, states, callers):
    response = api.graphql(LIST, {"f": {"status": ["DRAFT"]}}, tenant=tenant_a).json()
    assert response["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    response = api.graphql(LIST, {"f": {"status": ["DRAFT"]}}, tenant=tenant_a, token=callers["participant"]).json()
    assert response["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_revisions_field_is_staff_only(api, tenant_a, states, callers):
    query = "query($slug: String) { resource(slug: $slug) { revisions { number summary } } }"
    slug = states["published"].slug
    assert api.gql(query, {"slug": slug}, tenant=tenant_a)["resource"]["revisions"] is None
    assert (
        api.gql(query, {"slug": slug}, tenant=tenant_a, token=callers["participant"])["resource"]["revisions"] is None
    )
    revisions = api.gql(query, {"slug": slug}, tenant=tenant_a, token=callers["facilitator"])["resource"]["revisions"]
    assert [r["number"] for r in revisions] == [2, 1]


def test_resource_needs_id_or_slug(api, tenant_a):
    response = api.graphql(ONE, {}, tenant=tenant_a).json()
    assert response["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert api.gql(ONE, {"id": "not-an-id"}, tenant=tenant_a)["resource"] is None


def test_themes_with_counts_per_viewer(api, tenant_a, make_resource, callers):
    make_resource(title="Visible", themes=["animation", "evaluation"])
    make_resource(title="Brouillon", themes=["animation"], publish=False)
    with schema_context("alpha"):
        services.create_theme(SYSTEM, {"name": "Thème vide"})
    query = "{ themes { name slug resourceCount } }"
    readers = api.gql(query, tenant=tenant_a)["themes"]
    assert readers == [
        {"name": "animation", "slug": "animation", "resourceCount": 1},
        {"name": "evaluation", "slug": "evaluation", "resourceCount": 1},
        {"name": "Thème vide", "slug": "theme-vide", "resourceCount": 0},
    ]
    staff = api.gql(query, tenant=tenant_a, token=callers["facilitator"])["themes"]
    assert [t["resourceCount"] for t in staff] == [2, 1, 0]


# --- isolation ------------------------------------------------------------------------------


def test_resources_are_isolated_between_tenants(api, tenant_a, tenant_b, make_resource, callers):
    mine = make_resource(title="Ressource d'Alpha", slug="partagee")
    make_resource("beta", title="Ressource de Bêta", slug="partagee")
    assert titles(api.gql(LIST, {}, tenant=tenant_b)) == ["Ressource de Bêta"]
    assert api.gql(ONE, {"slug": "partagee"}, tenant=tenant_b)["resource"]["title"] == "Ressource de Bêta"
    # Alpha's ID asked in beta (same primary key there): nothing.
    alpha_id = gid("Resource", mine.pk)
    assert api.gql(ONE, {"id": alpha_id}, tenant=tenant_b)["resource"] is None
    assert api.gql(NODE, {"id": alpha_id}, tenant=tenant_b)["node"] is None
    for via in ("host", "path", "header"):
        assert titles(api.gql(LIST, {}, tenant=tenant_a, via=via)) == ["Ressource d'Alpha"]
