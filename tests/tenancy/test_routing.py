"""Routing: host, path prefix and header reach the same tenant; everything else is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imedia_core.context import Channel, ServiceContext
from tenants.models import TenantStatus
from tenants.provisioning import set_status

SYSTEM = ServiceContext.system(Channel.CLI)

TENANT_QUERY = "{ tenant { slug name policyArea } }"


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_each_routing_reaches_its_tenant(api, tenant_a, tenant_b, via):
    for tenant in (tenant_a, tenant_b):
        data = api.gql(TENANT_QUERY, tenant=tenant, via=via)
        assert data["tenant"]["slug"] == tenant.schema_name
        assert data["tenant"]["name"] == tenant.name


def test_unknown_host_is_json_404(api):
    response = api.client.post("/graphql/", data="{}", content_type="application/json", HTTP_HOST="nowhere.test")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "unknown_tenant"
    assert "nowhere.test" in response.json()["error"]["message"]


def test_unknown_path_slug_is_json_404(api):
    response = api.client.get("/t/inconnu/graphql/?query={tenant{slug}}", HTTP_HOST="testserver")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_tenant"


def test_unknown_header_is_json_404(api):
    response = api.client.get("/graphql/?query={tenant{slug}}", HTTP_HOST="testserver", HTTP_X_IMEDIA_TENANT="inconnu")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_tenant"


def test_template_schema_is_not_routable(api, settings):
    response = api.client.get(
        f"/t/{settings.TENANT_BASE_SCHEMA}/graphql/?query={{tenant{{slug}}}}", HTTP_HOST="testserver"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_tenant"


def test_public_schema_never_serves_tenant_urls(api):
    response = api.client.post("/graphql/", data="{}", content_type="application/json", HTTP_HOST="testserver")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "tenant_required"
    for path in ("/api/", "/api/auth/whatever/", "/media/alpha/x.txt"):
        response = api.client.get(path, HTTP_HOST="testserver")
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"


def test_conflicting_designations_are_refused(api, tenant_a, tenant_b):
    response = api.client.get("/t/alpha/graphql/?query={tenant{slug}}", HTTP_HOST="beta.test")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "tenant_mismatch"
    response = api.client.get(
        "/t/alpha/graphql/?query={tenant{slug}}", HTTP_HOST="testserver", HTTP_X_IMEDIA_TENANT="beta"
    )
    assert response.status_code == 400


def test_agreeing_designations_are_accepted(api, tenant_a):
    response = api.client.get(
        "/t/alpha/graphql/?query={tenant{slug}}", HTTP_HOST="alpha.test", HTTP_X_IMEDIA_TENANT="alpha"
    )
    assert response.status_code == 200
    assert response.json()["data"]["tenant"]["slug"] == "alpha"


@pytest.mark.parametrize(
    ("status", "http_status", "code"),
    [(TenantStatus.SUSPENDED, 403, "tenant_suspended"), (TenantStatus.ARCHIVED, 410, "tenant_archived")],
)
@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_inactive_tenant_answers_clear_error(api, tenant_a, status, http_status, code, via):
    set_status(SYSTEM, tenant_a, status, "test")
    response = api.graphql(TENANT_QUERY, tenant=tenant_a, via=via)
    assert response.status_code == http_status
    assert response.json()["error"]["code"] == code
    set_status(SYSTEM, tenant_a, TenantStatus.ACTIVE)
    assert api.graphql(TENANT_QUERY, tenant=tenant_a, via=via).status_code == 200


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_routing_costs_at_most_one_query_then_none(api, tenant_a, via):
    prefix, extra = ("", {"HTTP_HOST": "alpha.test"})
    if via == "path":
        prefix, extra = "/t/alpha", {"HTTP_HOST": "testserver"}
    elif via == "header":
        extra = {"HTTP_HOST": "testserver", "HTTP_X_IMEDIA_TENANT": "alpha"}
    url = f"{prefix}/api/"
    with CaptureQueriesContext(connection) as cold:
        assert api.client.get(url, **extra).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert api.client.get(url, **extra).status_code == 200
    # The tenant-info view itself runs no query; what is left is routing.
    routing_cold = [q for q in cold.captured_queries if "tenants_" in q["sql"]]
    routing_warm = [q for q in warm.captured_queries if "tenants_" in q["sql"]]
    assert len(routing_cold) == 1
    assert routing_warm == []


def test_routing_cache_is_invalidated_when_status_changes(api, tenant_a):
    assert api.graphql(TENANT_QUERY, tenant=tenant_a).status_code == 200  # cached now
    set_status(SYSTEM, tenant_a, TenantStatus.SUSPENDED)
    assert api.graphql(TENANT_QUERY, tenant=tenant_a).status_code == 403


def test_connection_is_back_on_public_after_a_request(api, tenant_a):
    api.gql(TENANT_QUERY, tenant=tenant_a)
    assert connection.schema_name == "public"


def test_path_prefix_urls_reverse_with_their_prefix(api, tenant_a):
    response = api.client.get("/t/alpha/api/", HTTP_HOST="testserver")
    assert response.json()["graphql"] == "http://testserver/t/alpha/graphql/"
    response = api.client.get("/api/", HTTP_HOST="alpha.test")
    assert response.json()["graphql"] == "http://alpha.test/graphql/"


def test_malformed_slugs_cost_no_query(api):
    for slug in ("Robert'); DROP TABLE x;--", "a" * 300, "UPPER", "é"):
        with CaptureQueriesContext(connection) as captured:
            response = api.client.get("/graphql/", HTTP_HOST="testserver", HTTP_X_IMEDIA_TENANT=slug)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "unknown_tenant"
        assert [q for q in captured.captured_queries if "tenants_" in q["sql"]] == []


def test_graphql_without_trailing_slash_keeps_the_post(api, tenant_a):
    response = api.client.post(
        "/graphql", data='{"query": "{ tenant { slug } }"}', content_type="application/json", HTTP_HOST="alpha.test"
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"tenant": {"slug": "alpha"}}
    assert set(response.json()) == {"data", "extensions"}


def test_renamed_domain_stops_routing_at_once(api, tenant_a):
    assert api.client.get("/api/", HTTP_HOST="alpha.test").status_code == 200  # cached
    domain = tenant_a.domains.get(domain="alpha.test")
    domain.domain = "alpha-nouveau.test"
    domain.save()
    assert api.client.get("/api/", HTTP_HOST="alpha.test").status_code == 404
    assert api.client.get("/api/", HTTP_HOST="alpha-nouveau.test").status_code == 200


def test_hosts_with_ports_case_and_ipv6(api, tenant_a, settings):
    assert api.client.get("/api/", HTTP_HOST="ALPHA.test:8443").json()["slug"] == "alpha"
    settings.IMEDIA_PLATFORM_HOSTS = ["[::1]", "::1", "Plateforme.Test"]
    assert api.client.get("/health/live", HTTP_HOST="[::1]").status_code == 200
    assert api.client.get("/health/live", HTTP_HOST="[::1]:8000").status_code == 200
    assert api.client.get("/health/live", HTTP_HOST="plateforme.test").status_code == 200


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_links_the_api_builds_work_as_they_are(api, tenant_a, via):
    """A link in an answer routed by the header carries /t/<slug>/: following it needs no header."""
    info = api.rest("get", "/api/", tenant=tenant_a, via=via).json()
    link = info["graphql"]
    expected = {
        "host": "http://alpha.test/graphql/",
        "path": "http://testserver/t/alpha/graphql/",
        "header": "http://testserver/t/alpha/graphql/",
    }[via]
    assert link == expected
    # Followed as is: the same tenant answers, without any header.
    host = link.split("/")[2]
    path = link.split(host, 1)[1]
    response = api.client.post(
        path, data='{"query": "{ tenant { slug } }"}', content_type="application/json", HTTP_HOST=host
    )
    assert response.json()["data"] == {"tenant": {"slug": "alpha"}}
    assert set(response.json()) == {"data", "extensions"}
