"""NUL bytes (U+0000) at the REST and admin doors: PostgreSQL text cannot hold them, so each door
refuses them with a clear 400, never a 500 (psycopg DataError), with the GraphQL door's message
(one check, ``imedia_core.input_checks``)."""

import json

import pytest
from django_tenants.utils import schema_context

from imedia_core.input_checks import NUL_MESSAGE, has_nul
from imedia_core.library.models import Resource
from tenants.models import OperatorMembership, Tenant
from tests.auth.helpers import token_for


def assert_refused(response):
    assert response.status_code == 400, response.content[:500]
    assert response.json() == {"error": {"code": "invalid_characters", "message": NUL_MESSAGE}}


@pytest.fixture
def staff(tenant_a, make_user):
    return make_user("nul-staff@alpha.test", "tenant_admin", tenant_a)


@pytest.mark.parametrize(
    "path",
    [
        "/api/evaluation/indicators.json?from=2026-01-01%00",
        "/api/evaluation/charts/commitments.svg?to=%00",
        "/api/diagnostics/runs/1/results.csv?participant_token=a%00b",
        "/api/diagnostics/runs/1/radar.svg?compare=previous&participant_token=%00",
        "/api/resources/guide/files/1/?a%00=1",  # in a parameter's name too
    ],
)
def test_nul_in_rest_query_parameters_is_400(client, tenant_a, staff, path):
    token = token_for(staff, tenant_a)
    assert_refused(client.get(path, HTTP_HOST="alpha.test", HTTP_AUTHORIZATION=f"Bearer {token}"))


def test_nul_in_the_path_is_400_before_the_tenant_is_looked_up(client, tenant_a):
    assert_refused(client.get("/t/al%00pha/api/", HTTP_HOST="testserver"))
    assert_refused(client.get("/api/resources/a%00b/files/1/", HTTP_HOST="alpha.test"))


def test_nul_in_a_header_is_400(client, tenant_a):
    assert_refused(client.get("/api/", HTTP_HOST="testserver", HTTP_X_IMEDIA_TENANT="al\x00pha"))
    assert_refused(client.get("/api/", HTTP_HOST="alpha.test", HTTP_X_IMEDIA_PARTICIPANT="\x00"))


@pytest.mark.parametrize(
    "body",
    [
        {"email": "a@alpha.test", "password": "mot\x00de-passe"},
        {"email": "a\x00@alpha.test", "password": "x"},
        {"email": "a@alpha.test", "password": "x", "\x00": "dans une clé"},
    ],
)
def test_nul_in_a_rest_json_body_is_400(client, tenant_a, body):
    response = client.post(
        "/api/auth/token/", json.dumps(body), content_type="application/json", HTTP_HOST="alpha.test"
    )
    assert_refused(response)


def test_nul_deep_in_an_operator_body_is_400_and_provisions_nothing(client, operator, make_user):
    person = make_user("nul-operateur@op.test")
    OperatorMembership.objects.create(user=person, operator=operator)
    body = {"slug": "gamma", "name": "Espace Gamma", "domains": ["gamma.test", "g\x00.test"]}
    response = client.post(
        "/api/operator/tenants/",
        json.dumps(body),
        content_type="application/json",
        HTTP_HOST="testserver",
        HTTP_AUTHORIZATION=f"Bearer {token_for(person)}",
    )
    assert_refused(response)
    assert not Tenant.objects.filter(schema_name="gamma").exists()


def test_nul_in_the_admin_is_400_search_object_id_and_forms(client, tenant_a, staff):
    client.force_login(staff)
    base = "/t/alpha/admin/library/resource/"
    assert_refused(client.get(f"{base}?q=a%00b", HTTP_HOST="testserver"))
    assert_refused(client.get(f"{base}?status=%00", HTTP_HOST="testserver"))
    assert_refused(client.get(f"{base}a%00b/change/", HTTP_HOST="testserver"))
    form = {"kind": "guide", "title": "Titre\x00", "language": "fr", "status": "draft", "files-TOTAL_FORMS": "0"}
    assert_refused(client.post(f"{base}add/", form, HTTP_HOST="testserver"))
    action = {"action": "publish_now", "_selected_action": ["1\x00"]}
    assert_refused(client.post(base, action, HTTP_HOST="testserver"))
    with schema_context("alpha"):
        assert not Resource.objects.exists()


def test_the_admin_sign_in_form_refuses_nul_too(client, tenant_a):
    response = client.post(
        "/t/alpha/admin/login/", {"username": "a\x00@alpha.test", "password": "x"}, HTTP_HOST="testserver"
    )
    assert_refused(response)


def test_the_graphql_door_keeps_its_own_shape_with_the_same_message(api, tenant_a):
    response = api.client.get(
        "/graphql/", {"query": '{ resources(search: "a\x00") { totalCount } }'}, HTTP_HOST="alpha.test"
    )
    payload = response.json()
    assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert payload["errors"][0]["message"] == NUL_MESSAGE


def test_ordinary_input_passes(client, tenant_a, staff):
    client.force_login(staff)
    assert client.get("/t/alpha/admin/library/resource/?q=été", HTTP_HOST="testserver").status_code == 200
    assert client.get("/api/", HTTP_HOST="alpha.test").status_code == 200


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("a\x00", True),
        ({"k": ["x", {"\x00": 1}]}, True),
        (("a", "b\x00"), True),
        ({"k": ["é", 1, None]}, False),
        ("", False),
    ],
)
def test_has_nul_looks_everywhere(value, found):
    assert has_nul(value) is found
