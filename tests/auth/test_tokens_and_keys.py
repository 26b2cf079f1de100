"""People sign in for one tenant; keys are hashed, shown once, scoped and revocable."""

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent
from tenants.auth.credentials import create_api_key, revoke_api_key
from tenants.auth.tokens import issue_api_key
from tenants.models import ApiKey, OperatorMembership, PersonToken, User, hash_secret
from tests.auth.helpers import api_key_for, token_for
from tests.conftest import PASSWORD

LOGIN = "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) { token expiresAt errors { code message } } }"
ME = "{ me { kind role permissions person { email } apiKeyName } }"


def test_passwords_use_argon2(make_user):
    user = make_user("argon@alpha.test")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_login_mutation_gives_a_tenant_bound_token(api, tenant_a, make_user):
    make_user("facil@alpha.test", "facilitator", tenant_a)
    result = api.gql(LOGIN, {"e": "Facil@Alpha.test", "p": PASSWORD}, tenant=tenant_a)["tokenCreate"]
    assert result["errors"] == []
    token = result["token"]
    assert token.startswith("imt_")
    stored = PersonToken.objects.get(key_hash=hash_secret(token))
    assert stored.tenant_id == tenant_a.pk
    assert token not in (stored.key_hash, stored.prefix)
    me = api.gql(ME, tenant=tenant_a, token=token)["me"]
    assert me["kind"] == "PERSON"
    assert me["role"] == "FACILITATOR"
    assert "MODERATE" in me["permissions"] and "MANAGE_TENANT" not in me["permissions"]
    assert me["person"]["email"] == "facil@alpha.test"


def test_wrong_password_is_a_typed_error(api, tenant_a, make_user):
    make_user("p@alpha.test", "participant", tenant_a)
    result = api.gql(LOGIN, {"e": "p@alpha.test", "p": "faux"}, tenant=tenant_a)["tokenCreate"]
    assert result["token"] is None
    assert result["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert PersonToken.objects.count() == 0


def test_login_attempts_are_rate_limited(api, tenant_a, tenant_b, make_user, settings):
    settings.IMEDIA_LOGIN_MAX_ATTEMPTS = 3
    make_user("cible@alpha.test", "participant", tenant_a)
    for _ in range(3):
        codes = api.gql(LOGIN, {"e": "cible@alpha.test", "p": "faux"}, tenant=tenant_a)["tokenCreate"]["errors"]
        assert codes[0]["code"] == "INVALID_CREDENTIALS"
    # Even the right password is refused now, and switching tenant does not reset the counter.
    for tenant in (tenant_a, tenant_b):
        result = api.gql(LOGIN, {"e": "cible@alpha.test", "p": PASSWORD}, tenant=tenant)["tokenCreate"]
        assert result["errors"][0]["code"] == "RATE_LIMITED"
        assert result["token"] is None


def test_rest_login_and_platform_scope(api, tenant_a, make_user):
    make_user("rest@alpha.test", "participant", tenant_a)
    response = api.rest("POST", "/api/auth/token/", {"email": "rest@alpha.test", "password": PASSWORD}, tenant=tenant_a)
    assert response.status_code == 201
    assert response.json()["scope"] == "alpha"
    response = api.rest("POST", "/api/auth/token/", {"email": "rest@alpha.test", "password": PASSWORD})
    assert response.status_code == 201
    platform_token = response.json()["token"]
    assert response.json()["scope"] == "platform"
    # A platform token is not a tenant token.
    assert api.graphql(ME, tenant=tenant_a, token=platform_token).status_code == 401
    bad = api.rest("POST", "/api/auth/token/", {"email": "pas-un-email", "password": ""}, tenant=tenant_a)
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"email", "password"}


def test_expired_and_revoked_tokens_are_refused(api, tenant_a, make_user):
    user = make_user("exp@alpha.test", "participant", tenant_a)
    token = token_for(user, tenant_a)
    PersonToken.objects.filter(key_hash=hash_secret(token)).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api.graphql(ME, tenant=tenant_a, token=token)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "TOKEN_EXPIRED"
    token = token_for(user, tenant_a)
    data = api.gql("mutation { tokenRevoke { revoked errors { code } } }", tenant=tenant_a, token=token)
    assert data["tokenRevoke"] == {"revoked": True, "errors": []}
    response = api.graphql(ME, tenant=tenant_a, token=token)
    assert response.json()["errors"][0]["extensions"]["code"] == "TOKEN_REVOKED"


def test_garbage_credentials_are_401(api, tenant_a):
    for header in ("Bearer nonsense", "Basic abc", "Bearer imt_00000000_xxx", "Bearer "):
        response = api.graphql(ME, tenant=tenant_a, headers={"HTTP_AUTHORIZATION": header})
        assert response.status_code == 401, header
        assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_TOKEN"


def test_anonymous_viewer(api, tenant_a):
    me = api.gql(ME, tenant=tenant_a)["me"]
    assert me == {"kind": "ANONYMOUS", "role": None, "permissions": ["READ_PUBLIC"], "person": None, "apiKeyName": None}


def test_api_key_lifecycle(api, tenant_a, make_user):
    admin = make_user("adm@alpha.test", "tenant_admin", tenant_a)
    token = token_for(admin, tenant_a)
    created = api.gql(
        'mutation { apiKeyCreate(name: "Site du département", scopes: [READ, WRITE]) '
        "{ secret apiKey { id name scopes isActive prefix } errors { code } } }",
        tenant=tenant_a,
        token=token,
    )["apiKeyCreate"]
    secret = created["secret"]
    assert secret.startswith("imk_") and created["apiKey"]["scopes"] == ["READ", "WRITE"]
    stored = ApiKey.objects.get(prefix=created["apiKey"]["prefix"])
    assert stored.key_hash == hash_secret(secret) and secret not in stored.key_hash
    # The secret is never readable again.
    listed = api.gql("{ apiKeys { edges { node { name prefix } } } }", tenant=tenant_a, token=token)
    assert secret not in str(listed)
    me = api.gql(ME, tenant=tenant_a, token=secret)["me"]
    assert me["kind"] == "API_KEY" and me["apiKeyName"] == "Site du département"
    assert "EDIT_CONTENT" in me["permissions"] and "MANAGE_TENANT" not in me["permissions"]
    assert ApiKey.objects.get(pk=stored.pk).last_used_at is not None
    revoked = api.gql(
        "mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { isActive revokedAt } errors { code } } }",
        {"id": created["apiKey"]["id"]},
        tenant=tenant_a,
        token=token,
    )["apiKeyRevoke"]
    assert revoked["apiKey"]["isActive"] is False and revoked["errors"] == []
    assert api.graphql(ME, tenant=tenant_a, token=secret).status_code == 401
    with schema_context("alpha"):
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"api_key.created", "api_key.revoked"} <= actions


def test_api_key_management_requires_tenant_admin(api, tenant_a, make_user):
    facilitator = make_user("f@alpha.test", "facilitator", tenant_a)
    mutation = 'mutation { apiKeyCreate(name: "x", scopes: [READ]) { secret errors { code } } }'
    data = api.gql(mutation, tenant=tenant_a, token=token_for(facilitator, tenant_a))
    assert data["apiKeyCreate"] == {"secret": None, "errors": [{"code": "PERMISSION_DENIED"}]}
    data = api.gql(mutation, tenant=tenant_a)
    assert data["apiKeyCreate"]["errors"] == [{"code": "UNAUTHENTICATED"}]
    key = api_key_for(tenant_a, "write")
    assert api.gql(mutation, tenant=tenant_a, token=key)["apiKeyCreate"]["errors"] == [{"code": "PERMISSION_DENIED"}]
    response = api.graphql("{ apiKeys { totalCount } }", tenant=tenant_a, token=token_for(facilitator, tenant_a))
    assert response.json()["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert ApiKey.objects.filter(tenant=tenant_a).count() == 1  # only the one made for the test


def test_operator_admin_manages_every_tenant_of_the_operator(api, tenant_a, tenant_b, operator, make_user):
    boss = make_user("boss@op.test")
    OperatorMembership.objects.create(user=boss, operator=operator)
    for tenant in (tenant_a, tenant_b):
        me = api.gql(ME, tenant=tenant, token=token_for(boss, tenant))["me"]
        assert me["role"] == "OPERATOR_ADMIN"
        assert "MANAGE_OPERATOR" in me["permissions"]


def test_token_revoke_without_a_person_token_is_a_typed_error(api, tenant_a):
    key = api_key_for(tenant_a, "read")
    for token in (key, None):
        data = api.gql("mutation { tokenRevoke { revoked errors { code } } }", tenant=tenant_a, token=token)
        assert data["tokenRevoke"] == {"revoked": None, "errors": [{"code": "NOT_A_PERSON_TOKEN"}]}


def test_emails_are_case_insensitive_whatever_created_the_account(api, tenant_a):
    user = User(email="  Camille.Durand@Exemple.FR ")
    user.set_password(PASSWORD)
    user.save()  # as the platform admin's form does, without the manager's normalisation
    assert User.objects.get(pk=user.pk).email == "camille.durand@exemple.fr"
    result = api.gql(LOGIN, {"e": "CAMILLE.durand@exemple.fr", "p": PASSWORD}, tenant=tenant_a)["tokenCreate"]
    assert result["errors"] == [] and result["token"]


def test_admin_login_is_throttled_too(client, tenant_a, make_user, settings):
    settings.IMEDIA_LOGIN_MAX_ATTEMPTS = 2
    make_user("cible-admin@alpha.test", "tenant_admin", tenant_a)
    for _ in range(2):
        client.post(
            "/t/alpha/admin/login/", {"username": "cible-admin@alpha.test", "password": "faux"}, HTTP_HOST="testserver"
        )
    response = client.post(
        "/t/alpha/admin/login/", {"username": "cible-admin@alpha.test", "password": PASSWORD}, HTTP_HOST="testserver"
    )
    assert response.status_code == 200  # the form again, not a redirect
    assert "_auth_user_id" not in client.session


def test_credentials_are_journaled_as_access_records_never_as_events(api, tenant_a, make_user):
    admin = make_user("acces@alpha.test", "tenant_admin", tenant_a)
    with schema_context("alpha"):
        last_entry = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        events_before = OutboxEvent.objects.count()
    token = api.gql(LOGIN, {"e": admin.email, "p": PASSWORD}, tenant=tenant_a)["tokenCreate"]["token"]
    created = api.gql(
        'mutation { apiKeyCreate(name: "Widget", scopes: [READ]) { apiKey { id } errors { code } } }',
        tenant=tenant_a,
        token=token,
    )["apiKeyCreate"]
    revoke = "mutation($id: ID!) { apiKeyRevoke(id: $id) { errors { code } } }"
    for _ in range(2):  # revoking a revoked key changes nothing
        api.gql(revoke, {"id": created["apiKey"]["id"]}, tenant=tenant_a, token=token)
    api.gql("mutation { tokenRevoke { revoked errors { code } } }", tenant=tenant_a, token=token)
    with schema_context("alpha"):
        entries = AuditEntry.objects.filter(id__gt=last_entry).order_by("id")
        assert list(entries.values_list("action", "via", "actor_id")) == [
            ("auth.token_created", "graphql", admin.pk),
            ("api_key.created", "graphql", admin.pk),
            ("api_key.revoked", "graphql", admin.pk),
            ("auth.token_revoked", "graphql", admin.pk),
        ]
        assert OutboxEvent.objects.count() == events_before


def test_api_key_rules_hold_whatever_the_door(tenant_a, tenant_b, make_user):
    chief = make_user("cles@alpha.test", "tenant_admin", tenant_a)
    ctx = ServiceContext.for_user(chief, tenant_a, Channel.ADMIN)
    refusals = [
        (lambda: create_api_key(ctx, "  ", ["read"]), "REQUIRED"),
        (lambda: create_api_key(ctx, "x" * 121, ["read"]), "INVALID"),
        (lambda: create_api_key(ctx, "Widget", []), "REQUIRED"),
        (lambda: create_api_key(ctx, "Widget", ["admin"]), "INVALID"),
        (lambda: revoke_api_key(ctx, issue_api_key(tenant_b, "Bêta", ["read"])[0]), "NOT_FOUND"),
    ]
    for call, code in refusals:
        with pytest.raises(ServiceError) as excinfo:
            call()
        assert excinfo.value.code == code
    assert not ApiKey.objects.filter(tenant=tenant_a).exists()
    assert ApiKey.objects.get(tenant=tenant_b).revoked_at is None
