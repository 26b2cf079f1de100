"""Every connection has ``nodes`` beside ``edges`` (as GitHub's API has): the same page, for the
same SQL queries, counted the same by the cost limit."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context
from graphql import GraphQLObjectType, get_named_type

from imedia_core.audit.log import record
from imedia_core.context import Channel, ServiceContext
from imedia_core.graphql.api import get_schema
from imedia_core.library import services
from tests.auth.helpers import token_for

EDGES = "query($n: Int!) { auditLog(first: $n) { totalCount edges { node { id action summary via createdAt } } } }"
NODES = "query($n: Int!) { auditLog(first: $n) { totalCount nodes { id action summary via createdAt } } }"
RESOURCES_EDGES = "{ resources(first: 20) { edges { node { id title themes { slug } } } } }"
RESOURCES_NODES = "{ resources(first: 20) { nodes { id title themes { slug } } } }"
SYSTEM = ServiceContext.system(Channel.CLI)


def _queries(api, query, variables, tenant, token):
    api.gql(query, variables, tenant=tenant, via="header", token=token)  # warm: routing cache, token stamp
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, variables, tenant=tenant, via="header", token=token)
    return len(captured.captured_queries), data


def test_every_connection_type_has_described_nodes_of_its_node_type():
    schema = get_schema().graphql_schema
    connections = [
        t
        for name, t in schema.type_map.items()
        if isinstance(t, GraphQLObjectType) and name.endswith("Connection") and "edges" in t.fields
    ]
    assert len(connections) > 10
    for type_ in connections:
        assert "nodes" in type_.fields, type_.name
        edge = get_named_type(type_.fields["edges"].type)
        assert get_named_type(type_.fields["nodes"].type) == get_named_type(edge.fields["node"].type), type_.name
        assert type_.fields["nodes"].description, type_.name


def test_nodes_is_the_page_of_edges_for_the_same_sql_queries(api, tenant_a, make_user):
    token = token_for(make_user("nodes@alpha.test", "tenant_admin", tenant_a), tenant_a)
    with schema_context("alpha"):
        for i in range(30):
            record("test.nodes", summary=f"entrée {i}")
    edges_count, by_edges = _queries(api, EDGES, {"n": 25}, tenant_a, token)
    nodes_count, by_nodes = _queries(api, NODES, {"n": 25}, tenant_a, token)
    assert len(by_nodes["auditLog"]["nodes"]) == 25
    assert by_nodes["auditLog"]["nodes"] == [edge["node"] for edge in by_edges["auditLog"]["edges"]]
    assert by_nodes["auditLog"]["totalCount"] == by_edges["auditLog"]["totalCount"]
    assert nodes_count == edges_count


def test_nodes_gets_the_prefetches_edges_get(api, tenant_a):
    """Relations below ``nodes`` (a resource's themes) are prefetched as below ``edges { node }``:
    one query for the page, not one per row."""
    with schema_context("alpha"):
        themes = [services.create_theme(SYSTEM, {"name": f"Thème {i}", "slug": f"theme-{i}"}) for i in range(3)]
        for i in range(12):
            resource = services.create_resource(
                SYSTEM, {"kind": "guide", "title": f"Fiche {i}", "themes": themes[i % 2 : i % 2 + 2]}
            )
            services.publish_resource(SYSTEM, resource)
    edges_count, by_edges = _queries(api, RESOURCES_EDGES, None, tenant_a, None)
    nodes_count, by_nodes = _queries(api, RESOURCES_NODES, None, tenant_a, None)
    assert len(by_nodes["resources"]["nodes"]) == 12
    assert all(len(node["themes"]) == 2 for node in by_nodes["resources"]["nodes"])
    assert by_nodes["resources"]["nodes"] == [edge["node"] for edge in by_edges["resources"]["edges"]]
    assert nodes_count == edges_count


def test_nodes_is_counted_by_the_cost_limit_like_edges(api, tenant_a, settings):
    """Without ``first``, ``nodes`` makes the list cost a full page, as ``edges`` does: one per
    field per row (``edges { node { id } }`` is 3 fields a row, ``nodes { id }`` 2)."""
    settings.IMEDIA_GRAPHQL_MAX_COST = 200
    edges = api.graphql("{ auditLog { edges { node { id } } } }", tenant=tenant_a).json()
    nodes = api.graphql("{ auditLog { nodes { id } } }", tenant=tenant_a).json()
    assert edges["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 1 + 100 * 3, "maxCost": 200}
    assert nodes["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 1 + 100 * 2, "maxCost": 200}
    assert "data" not in nodes
    small = api.graphql("{ auditLog(first: 2) { nodes { id } } }", tenant=tenant_a).json()
    assert small["extensions"]["cost"]["cost"] == 1 + 2 * 2


def test_nodes_keeps_beta_out_of_alphas_list(api, tenant_a, tenant_b, make_user):
    with schema_context("alpha"):
        record("test.nodes", summary="secret d'alpha")
    token = token_for(make_user("nodes3@beta.test", "tenant_admin", tenant_b), tenant_b)
    data = api.gql("{ auditLog(first: 100) { nodes { summary } } }", tenant=tenant_b, token=token)
    assert "secret d'alpha" not in {node["summary"] for node in data["auditLog"]["nodes"]}
