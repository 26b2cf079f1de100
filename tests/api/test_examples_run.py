"""The examples integrators copy actually run over HTTP (not only validate)."""

from pathlib import Path

from tests.auth.helpers import token_for
from tests.conftest import PASSWORD

EXAMPLES = Path(__file__).resolve().parents[2] / "graphql" / "examples"


def read(name):
    return (EXAMPLES / name).read_text(encoding="utf-8")


def test_examples_run(api, tenant_a, make_user):
    admin = make_user("exemple@alpha.test", "tenant_admin", tenant_a)
    data = api.gql(read("tenant.graphql"), tenant=tenant_a, via="path")
    assert data["tenant"]["slug"] == "alpha"
    login = api.gql(read("login.graphql"), {"email": admin.email, "password": PASSWORD}, tenant=tenant_a)
    token = login["tokenCreate"]["token"]
    assert token and login["tokenCreate"]["errors"] == []
    assert api.gql(read("me.graphql"), tenant=tenant_a, token=token)["me"]["role"] == "TENANT_ADMIN"
    key = api.gql(read("api_key_create.graphql"), {"name": "Site", "scopes": ["READ"]}, tenant=tenant_a, token=token)
    assert key["apiKeyCreate"]["secret"].startswith("imk_")
    log = api.gql(read("audit_log.graphql"), {"first": 10}, tenant=tenant_a, token=token_for(admin, tenant_a))
    assert log["auditLog"]["totalCount"] >= 1
