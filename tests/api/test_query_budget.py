"""A list costs the same number of SQL queries whatever its length."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.audit.log import record
from tenants.auth.tokens import issue_api_key
from tests.auth.helpers import token_for

AUDIT = "query($n: Int!) { auditLog(first: $n) { totalCount edges { node { id action summary via createdAt } } } }"
KEYS = "query($n: Int!) { apiKeys(first: $n) { totalCount edges { node { id name scopes isActive lastUsedAt } } } }"


def count_queries(api, query, n, tenant, token):
    api.gql(query, {"n": 1}, tenant=tenant, via="header", token=token)  # warm: routing cache, token last-used stamp
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, {"n": n}, tenant=tenant, via="header", token=token)
    return len(captured.captured_queries), data


def test_audit_log_page_cost_is_constant(api, tenant_a, make_user):
    token = token_for(make_user("budget@alpha.test", "tenant_admin", tenant_a), tenant_a)
    with schema_context("alpha"):
        for i in range(60):
            record("test.budget", summary=f"entrée {i}")
    small, data_small = count_queries(api, AUDIT, 5, tenant_a, token)
    large, data_large = count_queries(api, AUDIT, 50, tenant_a, token)
    assert len(data_small["auditLog"]["edges"]) == 5
    assert len(data_large["auditLog"]["edges"]) == 50
    assert small == large
    # search_path, token, role, count, page: nothing per row.
    assert large == 5


def test_api_key_page_cost_is_constant(api, tenant_a, make_user):
    token = token_for(make_user("budget2@alpha.test", "tenant_admin", tenant_a), tenant_a)
    for i in range(30):
        issue_api_key(tenant_a, f"clé {i}", ["read"])
    small, _ = count_queries(api, KEYS, 5, tenant_a, token)
    large, data = count_queries(api, KEYS, 30, tenant_a, token)
    assert len(data["apiKeys"]["edges"]) == 30
    assert small == large


def test_member_page_cost_is_constant(api, tenant_a, make_user):
    token = token_for(make_user("budget3@alpha.test", "tenant_admin", tenant_a), tenant_a)
    for i in range(20):
        make_user(f"membre{i}@alpha.test", "participant", tenant_a)
    query = "query($n: Int!) { members(first: $n) { edges { node { id role person { email displayName } } } } }"
    small, _ = count_queries(api, query, 3, tenant_a, token)
    large, data = count_queries(api, query, 21, tenant_a, token)
    assert len(data["members"]["edges"]) == 21
    assert small == large
