"""Nothing crosses tenants: rows, credentials, Relay IDs, cache entries."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tenants.utils import schema_context
from graphql_relay import to_global_id

from imedia_core.audit.log import record
from tenants.models import ApiKey, Membership
from tests.auth.helpers import api_key_for, token_for

AUDIT = "{ auditLog(first: 50) { totalCount edges { node { id action summary } } } }"


@pytest.fixture
def admins(make_user, tenant_a, tenant_b):
    a = make_user("admin@alpha.test", "tenant_admin", tenant_a)
    b = make_user("admin@beta.test", "tenant_admin", tenant_b)
    return {"alpha": token_for(a, tenant_a), "beta": token_for(b, tenant_b)}


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_same_query_sees_only_its_own_rows(api, tenant_a, tenant_b, admins, via):
    with schema_context("alpha"):
        record("test.only_alpha", summary="secret alpha")
    with schema_context("beta"):
        record("test.only_beta", summary="secret beta")
    seen = {}
    for tenant in (tenant_a, tenant_b):
        data = api.gql(AUDIT, tenant=tenant, via=via, token=admins[tenant.schema_name])
        seen[tenant.schema_name] = {edge["node"]["summary"] for edge in data["auditLog"]["edges"]}
    assert "secret alpha" in seen["alpha"] and "secret beta" not in seen["alpha"]
    assert "secret beta" in seen["beta"] and "secret alpha" not in seen["beta"]


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_person_token_of_one_tenant_is_refused_by_another(api, tenant_a, tenant_b, admins, via):
    response = api.graphql("{ me { kind } }", tenant=tenant_b, via=via, token=admins["alpha"])
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "WRONG_TENANT"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_api_key_of_one_tenant_is_refused_by_another(api, tenant_a, tenant_b, via):
    key = api_key_for(tenant_a, "read")
    assert api.gql("{ me { kind } }", tenant=tenant_a, via=via, token=key)["me"]["kind"] == "API_KEY"
    response = api.graphql("{ me { kind } }", tenant=tenant_b, via=via, token=key)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "WRONG_TENANT"
    rest = api.rest("GET", "/api/", tenant=tenant_b, via=via, headers={"HTTP_X_API_KEY": key})
    assert rest.status_code == 401


def test_relay_id_minted_in_one_tenant_resolves_to_nothing_in_another(api, tenant_a, tenant_b, admins):
    # Same primary key on both sides: only the ID's tenant tells them apart.
    with schema_context("alpha"):
        a_entry = record("test.same_pk", summary="alpha row")
    with schema_context("beta"):
        b_entry = record("test.same_pk", summary="beta row")
    assert a_entry.pk or b_entry.pk
    data = api.gql(AUDIT, tenant=tenant_a, token=admins["alpha"])
    alpha_id = next(e["node"]["id"] for e in data["auditLog"]["edges"] if e["node"]["summary"] == "alpha row")
    query = "query($id: ID!) { node(id: $id) { id ... on AuditEntry { summary } } }"
    assert api.gql(query, {"id": alpha_id}, tenant=tenant_a, token=admins["alpha"])["node"]["summary"] == "alpha row"
    assert api.gql(query, {"id": alpha_id}, tenant=tenant_b, token=admins["beta"])["node"] is None


def test_api_key_id_from_another_tenant_is_not_found(api, tenant_a, tenant_b, admins):
    create = 'mutation { apiKeyCreate(name: "Site", scopes: [READ]) { apiKey { id } errors { code } } }'
    key_id = api.gql(create, tenant=tenant_a, token=admins["alpha"])["apiKeyCreate"]["apiKey"]["id"]
    revoke = "mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { id } errors { field code } } }"
    result = api.gql(revoke, {"id": key_id}, tenant=tenant_b, token=admins["beta"])["apiKeyRevoke"]
    assert result == {"apiKey": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    listed = api.gql("{ apiKeys { totalCount } }", tenant=tenant_b, token=admins["beta"])
    assert listed["apiKeys"]["totalCount"] == 0


def test_cache_entries_do_not_leak_between_tenants(tenant_a, tenant_b):
    with schema_context("alpha"):
        cache.set("programme-settings", "alpha value")
        assert cache.get("programme-settings") == "alpha value"
    with schema_context("beta"):
        assert cache.get("programme-settings") is None
        cache.set("programme-settings", "beta value")
    with schema_context("alpha"):
        assert cache.get("programme-settings") == "alpha value"


def test_media_paths_are_per_tenant(tenant_a, tenant_b, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    with schema_context("alpha"):
        name = default_storage.save("doc.txt", ContentFile(b"alpha"))
        assert default_storage.path(name).startswith(str(tmp_path / "alpha"))
    with schema_context("beta"):
        assert not default_storage.exists(name)


def test_node_never_bypasses_read_permissions(api, tenant_a, make_user):
    """IDs are guessable (base64 of type, schema, pk): ``node`` must check like the lists do."""
    admin = make_user("gardien@alpha.test", "tenant_admin", tenant_a)
    api_key_for(tenant_a, "read")
    with schema_context("alpha"):
        entry = record("test.secret", summary="journal privé")
    ids = {
        "AuditEntry": to_global_id("AuditEntry", f"alpha:{entry.pk}"),
        "ApiKey": to_global_id("ApiKey", f"alpha:{ApiKey.objects.get(tenant=tenant_a).pk}"),
        "Member": to_global_id("Member", f"alpha:{Membership.objects.get(user=admin).pk}"),
    }
    query = "query($id: ID!) { node(id: $id) { id } }"
    participant = make_user("curieux@alpha.test", "participant", tenant_a)
    for type_name, global_id in ids.items():
        for token in (None, token_for(participant, tenant_a), api_key_for(tenant_a, "write")):
            assert api.gql(query, {"id": global_id}, tenant=tenant_a, token=token)["node"] is None, type_name
        admin_view = api.gql(query, {"id": global_id}, tenant=tenant_a, token=token_for(admin, tenant_a))
        assert admin_view["node"] == {"id": global_id}, type_name


def test_node_with_a_malformed_key_is_null_not_an_error(api, tenant_a, make_user):
    admin = make_user("forme@alpha.test", "tenant_admin", tenant_a)
    query = "query($id: ID!) { node(id: $id) { id } }"
    for global_id in (to_global_id("AuditEntry", "alpha:abc"), to_global_id("Nope", "alpha:1"), "not-base64!"):
        data = api.gql(query, {"id": global_id}, tenant=tenant_a, token=token_for(admin, tenant_a))
        assert data["node"] is None
