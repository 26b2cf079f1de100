"""Every GraphQL response says what its operation cost beside the limits, and ``limits`` gives
them all, so a client can tune its operations before being refused."""

from tests.auth.helpers import token_for

LIMITS = "{ limits { maxCost maxDepth maxAliases maxPageSize maxBytes maxTokens maxFields maxDirectives } }"


def test_a_response_carries_its_cost_and_depth_beside_the_limits(api, tenant_a):
    body = api.graphql("{ tenant { slug name } me { kind } }", tenant=tenant_a).json()
    assert body["data"]["tenant"]["slug"] == "alpha"
    assert body["extensions"] == {"cost": {"cost": 5, "maxCost": 50000, "depth": 1, "maxDepth": 12}}


def test_cost_follows_the_documented_formula_for_pages_and_fragments(api, tenant_a, make_user):
    token = token_for(make_user("cout@alpha.test", "tenant_admin", tenant_a), tenant_a)
    query = (
        "query { auditLog(first: 10) { totalCount edges { node { ...E } } } } fragment E on AuditEntry { id action }"
    )
    body = api.graphql(query, tenant=tenant_a, token=token).json()
    assert "errors" not in body
    # docs/api.md#limits: 1 + 10 × (1 + (1 + (1 + 2))) = 51; auditLog > edges > node: depth 3.
    assert body["extensions"]["cost"] == {"cost": 51, "maxCost": 50000, "depth": 3, "maxDepth": 12}


def test_a_field_error_still_carries_the_cost(api, tenant_a):
    body = api.graphql("{ auditLog(first: 1) { totalCount } }", tenant=tenant_a).json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["extensions"]["cost"]["cost"] == 2


def test_a_refused_operation_carries_its_cost_too(api, tenant_a, settings):
    settings.IMEDIA_GRAPHQL_MAX_COST = 10
    settings.IMEDIA_GRAPHQL_MAX_DEPTH = 2
    body = api.graphql("{ auditLog(first: 5) { edges { node { id } } } }", tenant=tenant_a).json()
    assert "data" not in body
    assert {e["extensions"]["code"] for e in body["errors"]} == {"QUERY_TOO_COSTLY", "GRAPHQL_VALIDATION_FAILED"}
    assert body["extensions"]["cost"] == {"cost": 16, "maxCost": 10, "depth": 3, "maxDepth": 2}


def test_introspection_does_not_count_in_the_depth(api, tenant_a):
    body = api.graphql("{ __schema { types { name fields { name type { name } } } } }", tenant=tenant_a).json()
    assert body["extensions"]["cost"]["depth"] == 0


def test_mutations_carry_the_cost(api, tenant_a):
    body = api.graphql("mutation { tokenRevoke { revoked errors { code } } }", tenant=tenant_a).json()
    assert body["data"]["tokenRevoke"]["errors"][0]["code"] == "NOT_A_PERSON_TOKEN"
    assert body["extensions"]["cost"]["cost"] == 1 + 1 + (1 + 1)


def test_limits_gives_every_limit_in_force(api, tenant_a, settings):
    settings.IMEDIA_GRAPHQL_MAX_COST = 1234
    settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE = 40
    data = api.gql(LIMITS, tenant=tenant_a)
    assert data["limits"] == {
        "maxCost": 1234,
        "maxDepth": settings.IMEDIA_GRAPHQL_MAX_DEPTH,
        "maxAliases": settings.IMEDIA_GRAPHQL_MAX_ALIASES,
        "maxPageSize": 40,
        "maxBytes": settings.IMEDIA_GRAPHQL_MAX_BYTES,
        "maxTokens": settings.IMEDIA_GRAPHQL_MAX_TOKENS,
        "maxFields": settings.IMEDIA_GRAPHQL_MAX_FIELDS,
        "maxDirectives": settings.IMEDIA_GRAPHQL_MAX_DIRECTIVES,
    }


def test_limits_are_the_ones_that_refuse(api, tenant_a, settings):
    """A client that keeps under ``limits`` passes; one row more is refused with those numbers."""
    settings.IMEDIA_GRAPHQL_MAX_COST = 50
    max_cost = api.gql(LIMITS, tenant=tenant_a)["limits"]["maxCost"]
    rows = (max_cost - 1) // 2  # news(first: n) { nodes { id } } costs 1 + 2n
    under = api.graphql(f"{{ news(first: {rows}) {{ nodes {{ id }} }} }}", tenant=tenant_a).json()
    assert "errors" not in under
    assert under["extensions"]["cost"]["cost"] == 1 + 2 * rows <= max_cost
    over = api.graphql(f"{{ news(first: {rows + 1}) {{ nodes {{ id }} }} }}", tenant=tenant_a).json()
    assert over["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 1 + 2 * (rows + 1), "maxCost": 50}


def test_a_request_error_before_any_operation_has_no_cost(api, tenant_a):
    body = api.graphql("{ tenant {", tenant=tenant_a).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert "extensions" not in body
