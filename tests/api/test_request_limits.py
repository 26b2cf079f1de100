"""Resource limits and strict input checks at the HTTP doors (issue 12)."""

import json

import pytest
from django.test import override_settings
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from tenants.models import OperatorMembership
from tests.auth.helpers import token_for


def post(api, body, *, host="alpha.test", **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return api.client.post("/graphql/", data=data, content_type="application/json", HTTP_HOST=host, **extra)


def code_of(response):
    return response.json()["errors"][0]["extensions"]["code"]


def test_too_many_tokens_is_refused_before_validation(api, tenant_a):
    query = "{ " + " ".join(["a"] * 20_000) + " }"
    response = post(api, {"query": query})
    assert response.status_code == 200
    body = response.json()
    assert "data" not in body
    assert code_of(response) == "QUERY_TOO_LARGE"
    assert "jetons" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["maxTokens"] == 10_000


def test_too_many_directives_is_refused(api, tenant_a):
    query = "{ tenant { " + " ".join(["slug @skip(if: false)"] * 150) + " } }"
    with override_settings(IMEDIA_GRAPHQL_MAX_TOKENS=100_000):
        response = post(api, {"query": query})
    assert code_of(response) == "QUERY_TOO_LARGE"


def test_too_many_fields_is_refused(api, tenant_a):
    query = "{ " + " ".join(["__typename"] * 300) + " }"
    with override_settings(IMEDIA_GRAPHQL_MAX_TOKENS=100_000):
        response = post(api, {"query": query})
    assert code_of(response) == "QUERY_TOO_LARGE"


def test_normal_query_passes_limits(api, tenant_a):
    response = post(api, {"query": "{ tenant { slug } }"})
    assert response.json()["data"] == {"tenant": {"slug": "alpha"}}
    assert set(response.json()) == {"data", "extensions"}


def test_graphql_body_size_is_capped(api, tenant_a):
    query = "{ tenant { slug } }" + " " * 200_000
    response = post(api, {"query": query})
    assert response.status_code == 413
    assert code_of(response) == "PAYLOAD_TOO_LARGE"


def test_deeply_nested_variables_are_400(api, tenant_a):
    nested = "[" * 20_000 + "]" * 20_000
    body = '{"query": "{ tenant { slug } }", "variables": {"x": ' + nested + "}}"
    response = post(api, body)
    assert response.status_code == 400
    assert code_of(response) == "BAD_REQUEST"


def test_deeply_nested_variables_as_string_are_400(api, tenant_a):
    nested = "[" * 10_000 + "]" * 10_000
    response = api.client.get(
        "/graphql/", {"query": "{ tenant { slug } }", "variables": '{"x": ' + nested + "}"}, HTTP_HOST="alpha.test"
    )
    assert response.status_code == 400
    assert code_of(response) == "BAD_REQUEST"


@pytest.mark.parametrize("name", [0, False, [], {}])
def test_operation_name_must_be_a_string(api, tenant_a, name):
    with schema_context("alpha"):
        before = AuditEntry.objects.count()
    response = post(api, {"query": "{ tenant { slug } }", "operationName": name})
    assert response.status_code == 400
    assert code_of(response) == "BAD_REQUEST"
    with schema_context("alpha"):
        assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("extensions", [0, "x", [1], True])
def test_extensions_must_be_an_object(api, tenant_a, extensions):
    response = post(api, {"query": "{ tenant { slug } }", "extensions": extensions})
    assert response.status_code == 400
    assert code_of(response) == "BAD_REQUEST"


def test_extensions_object_or_null_is_accepted(api, tenant_a):
    for extensions in ({}, None, {"persistedQuery": None}):
        response = post(api, {"query": "{ tenant { slug } }", "extensions": extensions})
        assert response.status_code == 200


def test_post_graphql_on_platform_host_is_json_tenant_required(api):
    response = api.client.post(
        "/graphql/", data='{"query": "{ tenant { slug } }"}', content_type="application/json", HTTP_HOST="testserver"
    )
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "tenant_required"


def test_post_graphql_on_platform_host_with_csrf_checks(api):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/graphql/", data='{"query": "{ tenant { slug } }"}', content_type="application/json", HTTP_HOST="testserver"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "tenant_required"


def test_empty_authorization_header_is_invalid_token_graphql(api, tenant_a):
    response = post(api, {"query": "{ tenant { slug } }"}, HTTP_AUTHORIZATION="")
    assert response.status_code == 401
    assert code_of(response) == "INVALID_TOKEN"


def test_empty_authorization_header_is_invalid_token_rest(api, tenant_a):
    response = api.rest("GET", "/api/operator/tenants/", headers={"HTTP_AUTHORIZATION": ""})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


def test_operator_api_404_has_a_message(api, operator, make_user):
    user = make_user("ops@op.test")
    OperatorMembership.objects.create(user=user, operator=operator)
    operator_token = token_for(user, None)
    response = api.rest("GET", "/api/operator/tenants/nope/", token=operator_token)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["message"] not in ("None", "", None)


def test_deeply_nested_json_string_variable_is_a_typed_error(api, tenant_a):
    nested = "[" * 20_000 + "]" * 20_000
    query = 'mutation($c: JSONString) { pluginConfigure(name: "x", config: $c) { __typename } }'
    response = post(api, {"query": query, "variables": {"c": nested}})
    assert response.status_code == 200
    body = response.json()
    assert "data" not in body
    assert code_of(response) == "BAD_USER_INPUT"


def test_offset_with_before_is_a_french_typed_error(api, tenant_a):
    from graphql_relay import offset_to_cursor

    cursor = offset_to_cursor(3)
    query = f'{{ practices(first: 1, before: "{cursor}", offset: 1) {{ edges {{ node {{ id }} }} }} }}'
    response = post(api, {"query": query})
    body = response.json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "You can't" not in error["message"]
    assert "practices" in error["message"]


def test_library_assertions_are_replaced_by_french_and_logged(caplog):
    from graphql import GraphQLError

    from imedia_core.graphql.core.views import ImediaGraphQLView

    original = AssertionError("You can't provide a `before` value at the same time as an `offset` value")
    error = GraphQLError(str(original), path=["practices"], original_error=original)
    with caplog.at_level("WARNING", logger="imedia_core.graphql.core.views"):
        formatted = ImediaGraphQLView._format(error, "INTERNAL_ERROR")
    assert formatted["message"] == "Combinaison d'arguments invalide sur « practices »."
    assert formatted["extensions"]["code"] == "BAD_USER_INPUT"
    assert any("can't provide" in record.getMessage() for record in caplog.records)
