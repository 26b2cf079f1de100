"""The GraphQL endpoint follows the GraphQL-over-HTTP specification and refuses bad input clearly."""

import json

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from tenants.models import ApiKey

GRAPHQL_RESPONSE = "application/graphql-response+json"


def post(api, body, *, content_type="application/json", accept=None, host="alpha.test"):
    extra = {"HTTP_HOST": host}
    if accept:
        extra["HTTP_ACCEPT"] = accept
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return api.client.post("/graphql/", data=data, content_type=content_type, **extra)


def test_get_query(api, tenant_a):
    response = api.client.get("/graphql/", {"query": "{ tenant { slug } }"}, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["data"] == {"tenant": {"slug": "alpha"}}
    assert set(response.json()) == {"data", "extensions"}


def test_graphql_response_media_type_is_honoured(api, tenant_a):
    response = post(api, {"query": "{ tenant { slug } }"}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"


def test_mutation_over_get_is_405(api, tenant_a):
    response = api.client.get(
        "/graphql/",
        {"query": 'mutation { tokenCreate(email:"a@b.c", password:"x") { token } }'},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


def test_other_methods_are_405(api, tenant_a):
    response = api.client.put("/graphql/", data="{}", content_type="application/json", HTTP_HOST="alpha.test")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2]", "application/json"),
        ({"variables": {}}, "application/json"),
        ({"query": 42}, "application/json"),
        ({"query": "{ tenant { slug } }", "variables": [1]}, "application/json"),
        ({"query": "{ tenant { slug } }", "operationName": 3}, "application/json"),
    ],
)
def test_malformed_requests_are_400(api, tenant_a, body, content_type):
    response = post(api, body, content_type=content_type)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert error["message"]


def test_unparseable_query_is_a_request_error(api, tenant_a):
    legacy = post(api, {"query": "{ tenant { slug "})
    assert legacy.status_code == 200
    assert legacy.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert "data" not in legacy.json()
    assert post(api, {"query": "{ tenant { slug "}, accept=GRAPHQL_RESPONSE).status_code == 400


def test_wrong_content_type_is_415(api, tenant_a):
    response = post(api, "query={tenant{slug}}", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_unacceptable_accept_is_406(api, tenant_a):
    response = post(api, {"query": "{ tenant { slug } }"}, accept="text/csv")
    assert response.status_code == 406


def test_oversized_body_is_413_and_changes_nothing(api, tenant_a, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    response = post(api, {"query": "{ tenant { slug } }", "variables": {"pad": "x" * 5000}})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_validation_errors_status_depends_on_media_type(api, tenant_a):
    query = {"query": "{ tenant { nope } }"}
    legacy = post(api, query)
    assert legacy.status_code == 200
    assert legacy.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "data" not in legacy.json()
    modern = post(api, query, accept=GRAPHQL_RESPONSE)
    assert modern.status_code == 400


def test_wrong_variable_type_is_a_clear_error_and_changes_nothing(api, tenant_a):
    query = "mutation($n: String!, $s: [ApiKeyScope!]!) { apiKeyCreate(name: $n, scopes: $s) { secret } }"
    response = post(api, {"query": query, "variables": {"n": 12, "s": ["ADMIN"]}}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert "data" not in response.json()
    assert "ADMIN" in json.dumps(response.json()["errors"])
    assert not ApiKey.objects.exists()


def test_depth_limit(api, tenant_a, settings):
    settings.IMEDIA_GRAPHQL_MAX_DEPTH = 2
    deep = "{ auditLog { edges { node { id } } } }"
    response = post(api, {"query": deep}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert "exceeds maximum operation depth" in response.json()["errors"][0]["message"]


def test_cost_limit(api, tenant_a, settings):
    settings.IMEDIA_GRAPHQL_MAX_COST = 50
    costly = "{ auditLog(first: 100) { edges { node { id action summary } } } }"
    response = post(api, {"query": costly}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > 50
    cheap = "{ auditLog(first: 2) { edges { node { id } } } }"
    assert post(api, {"query": cheap}, accept=GRAPHQL_RESPONSE).status_code == 200


def test_cost_limit_counts_a_page_selected_through_fragments(api, tenant_a, settings):
    # Without first/last the page is the maximum page size, whether edges are selected directly,
    # in a named fragment or in an inline fragment.
    settings.IMEDIA_GRAPHQL_MAX_COST = 50
    settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE = 100
    for costly in (
        "{ auditLog { edges { node { id action summary } } } }",
        "{ auditLog { ...Page } } fragment Page on AuditEntryConnection { edges { node { id action summary } } }",
        "{ auditLog { ... on AuditEntryConnection { edges { node { id action summary } } } } }",
    ):
        response = post(api, {"query": costly}, accept=GRAPHQL_RESPONSE)
        assert response.status_code == 400, costly
        assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY", costly


def test_alias_limit(api, tenant_a, settings):
    settings.IMEDIA_GRAPHQL_MAX_ALIASES = 3
    query = "{ " + " ".join(f"a{i}: tenant {{ slug }}" for i in range(5)) + " }"
    response = post(api, {"query": query}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"


def test_page_cap(api, tenant_a, make_user):
    from tests.auth.helpers import token_for

    user = make_user("admin@alpha.test", "tenant_admin", tenant_a)
    token = token_for(user, tenant_a)
    response = api.graphql("{ auditLog(first: 1000) { totalCount } }", tenant=tenant_a, token=token)
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"
    assert response.json()["data"]["auditLog"] is None


def test_multiple_operations_need_operation_name(api, tenant_a):
    query = "query A { tenant { slug } } query B { tenant { name } }"
    ambiguous = post(api, {"query": query}, accept=GRAPHQL_RESPONSE)
    assert ambiguous.status_code == 400
    assert ambiguous.json()["errors"][0]["extensions"]["code"] == "OPERATION_NOT_FOUND"
    response = post(api, {"query": query, "operationName": "B"})
    assert response.json()["data"] == {"tenant": {"name": "Espace Alpha"}}
    assert set(response.json()) == {"data", "extensions"}


def test_graphiql_only_when_enabled(api, tenant_a, settings):
    settings.IMEDIA_GRAPHIQL = False
    response = api.client.get("/graphql/", HTTP_HOST="alpha.test", HTTP_ACCEPT="text/html")
    assert response.status_code == 406  # HTML only is not acceptable without the IDE
    settings.IMEDIA_GRAPHIQL = True
    response = api.client.get("/graphql/", HTTP_HOST="alpha.test", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()


def test_failed_mutation_changes_nothing(api, tenant_a, make_user):
    from tests.auth.helpers import token_for

    user = make_user("admin2@alpha.test", "tenant_admin", tenant_a)
    token = token_for(user, tenant_a)
    with schema_context("alpha"):
        before = AuditEntry.objects.count()
    data = api.gql(
        'mutation { apiKeyCreate(name: "  ", scopes: [READ]) { secret errors { field code message } } }',
        tenant=tenant_a,
        token=token,
    )
    assert data["apiKeyCreate"]["secret"] is None
    assert data["apiKeyCreate"]["errors"][0]["code"] == "REQUIRED"
    assert data["apiKeyCreate"]["errors"][0]["field"] == "name"
    with schema_context("alpha"):
        assert AuditEntry.objects.count() == before
