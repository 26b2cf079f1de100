"""Operator endpoints: only operator admins, only their operator's tenants; clear errors."""

import pytest
from django_tenants.utils import schema_exists

from tenants.models import Operator, OperatorMembership, Tenant
from tests.auth.helpers import token_for


@pytest.fixture
def operator_token(operator, make_user):
    user = make_user("ops@op.test")
    OperatorMembership.objects.create(user=user, operator=operator)
    return token_for(user, None)


@pytest.fixture
def other_operator_token(make_user):
    other = Operator.objects.create(slug="autre", name="Autre opérateur")
    user = make_user("ops@autre.test")
    OperatorMembership.objects.create(user=user, operator=other)
    return token_for(user, None)


def test_list_only_own_operator_tenants(api, operator_token, other_operator_token, tenant_a):
    response = api.rest("GET", "/api/operator/tenants/", token=operator_token)
    assert response.status_code == 200
    slugs = [t["slug"] for t in response.json()]
    assert slugs == ["alpha", "beta"]
    assert response.json()[0]["domains"] == ["alpha.test"]
    assert api.rest("GET", "/api/operator/tenants/", token=other_operator_token).json() == []
    assert api.rest("GET", "/api/operator/tenants/alpha/", token=other_operator_token).status_code == 404


def test_create_tenant(api, operator_token):
    body = {
        "slug": "kappa",
        "name": "Conseils citoyens de Kappa",
        "template": "conseils_citoyens",
        "domains": ["kappa.test"],
    }
    response = api.rest("POST", "/api/operator/tenants/", body, token=operator_token)
    assert response.status_code == 201, response.json()
    assert response.json()["policy_area"] == "citizen_councils"
    assert response.json()["operator"] == "op-test"
    assert schema_exists("kappa")
    assert (
        api.graphql("{ tenant { slug } }", headers={"HTTP_HOST": "kappa.test"}).json()["data"]["tenant"]["slug"]
        == "kappa"
    )
    again = api.rest("POST", "/api/operator/tenants/", body, token=operator_token)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "tenant_exists"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"slug": "Bad Slug", "name": "x"}, 400, "invalid_slug"),
        ({"slug": "lambda_"}, 400, "invalid"),
        ({"slug": "lambda", "name": "x", "policy_area": "astrologie"}, 400, "invalid"),
        ({"slug": "lambda", "name": "x", "template": "nope"}, 400, "unknown_template"),
        ({"slug": "lambda", "name": "x", "operator": "autre-inexistant"}, 404, "not_found"),
    ],
)
def test_bad_input_is_a_clear_error_and_creates_nothing(api, operator_token, body, status, code):
    before = Tenant.objects.count()
    response = api.rest("POST", "/api/operator/tenants/", body, token=operator_token)
    assert response.status_code == status, response.json()
    assert response.json()["error"]["code"] == code
    assert Tenant.objects.count() == before


def test_cannot_create_for_another_operator(api, other_operator_token):
    body = {"slug": "mu", "name": "Mu", "operator": "op-test"}
    response = api.rest("POST", "/api/operator/tenants/", body, token=other_operator_token)
    assert response.status_code == 403
    assert not Tenant.objects.filter(schema_name="mu").exists()


def test_wrong_content_type_is_415(api, operator_token):
    response = api.client.post(
        "/api/operator/tenants/",
        data="slug=nu",
        content_type="text/plain",
        HTTP_HOST="testserver",
        HTTP_AUTHORIZATION=f"Bearer {operator_token}",
    )
    assert response.status_code == 415


def test_suspend_and_reactivate(api, operator_token, tenant_a):
    response = api.rest("POST", "/api/operator/tenants/alpha/suspend/", {"reason": "Audit"}, token=operator_token)
    assert response.status_code == 200
    assert response.json()["status"] == "suspended"
    assert api.graphql("{ tenant { slug } }", tenant=tenant_a).status_code == 403
    assert (
        api.rest("POST", "/api/operator/tenants/alpha/reactivate/", {}, token=operator_token).json()["status"]
        == "active"
    )
    assert api.graphql("{ tenant { slug } }", tenant=tenant_a).status_code == 200


def test_delete_needs_confirmation(api, operator_token):
    api.rest("POST", "/api/operator/tenants/", {"slug": "omicron", "name": "Omicron"}, token=operator_token)
    refused = api.rest("DELETE", "/api/operator/tenants/omicron/", token=operator_token)
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "confirmation_required"
    assert schema_exists("omicron")
    assert api.rest("DELETE", "/api/operator/tenants/omicron/?confirm=omicron", token=operator_token).status_code == 204
    assert not schema_exists("omicron")


def test_operator_api_refuses_people_without_operator_role(api, make_user, tenant_a):
    member = make_user("m@alpha.test", "tenant_admin", tenant_a)
    assert api.rest("GET", "/api/operator/tenants/", token=token_for(member, None)).status_code == 403
    assert api.rest("GET", "/api/operator/tenants/").status_code == 401
    # A tenant token is not a platform token.
    response = api.rest("GET", "/api/operator/tenants/", token=token_for(member, tenant_a))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "wrong_tenant"


def test_operator_api_is_not_served_on_tenant_urls(api, operator_token, tenant_a):
    response = api.rest("GET", "/api/operator/tenants/", tenant=tenant_a, via="path", token=operator_token)
    assert response.status_code in (401, 404)
    assert response.status_code == 404 or response.json()["error"]["code"] == "wrong_tenant"


def test_templates_endpoint(api, operator_token):
    keys = {t["key"] for t in api.rest("GET", "/api/operator/templates/", token=operator_token).json()}
    assert {"vierge", "rsa", "formation_professionnelle", "conseils_citoyens"} <= keys


def test_oversized_body_is_413_and_creates_nothing(api, operator_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = {"slug": "grosse", "name": "Grosse", "territory": "x" * 4000}
    response = api.rest("POST", "/api/operator/tenants/", body, token=operator_token)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not Tenant.objects.filter(schema_name="grosse").exists()
