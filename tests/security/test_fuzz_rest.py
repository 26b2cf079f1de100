"""Bounded fuzzing of the REST API from its own OpenAPI document (schemathesis).

Every operation of ``/api/schema/`` gets generated requests, valid and invalid ones, each sent
anonymously and with a credential of the right kind (a tenant admin's token under
``/t/{tenant}/``, an operator admin's platform token elsewhere), through Django's WSGI handler
inside the test's transaction (no flush between examples). Checks: no 5xx, every status code,
content type and JSON body as documented. Reproducible: ``derandomize=True`` (a fixed seed) and
a bounded number of examples per operation.
"""

import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django_tenants.utils import schema_context
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from imedia_core.context import Channel, ServiceContext
from imedia_core.library.services import create_resource
from tenants.models import OperatorMembership
from tests.auth.helpers import token_for

MAX_EXAMPLES = 10
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PLATFORM_HOST = "testserver"
METHODS = ("get", "post", "put", "patch", "delete")


def _document() -> dict:
    """The document ``/api/schema/`` serves, built at collection time (no database needed) so
    that each operation is a test of its own; ``test_served_document_is_the_fuzzed_one`` checks
    that the HTTP endpoint serves this very document."""
    generated = SchemaGenerator(urlconf="imedia_core.rest.urls_openapi").get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


DOCUMENT = _document()
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
OPERATIONS = [(path, method) for path, item in DOCUMENT["paths"].items() for method in item if method in METHODS]


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI handler as the test client runs it: the request signals must not close the
    test's connection (its transaction holds the fixtures)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def known(db, settings, tmp_path):
    """Real identifiers the generated requests may use as well as random ones, so that the
    fuzzing reaches past "not found": a resource of alpha (its files), the operator, a tenant."""
    settings.MEDIA_ROOT = str(tmp_path)
    with schema_context("alpha"):
        resource = create_resource(ServiceContext.system(Channel.CLI), {"kind": "guide", "title": "Guide à fuzzer"})
    return {"tenant": "alpha", "resource": resource.slug, "operator_slug": "op-test", "operator_tenant": "beta"}


def _fixed_parameters(path: str, names: set[str], known: dict) -> dict:
    fixed = {"tenant": known["tenant"]} if "tenant" in names else {}
    if "slug" in names:
        fixed["slug"] = known["operator_tenant"] if path.startswith("/api/operator/") else known["resource"]
    if "operator_slug" in names:
        fixed["operator_slug"] = known["operator_slug"]
    return fixed


@pytest.fixture
def credentials(tenant_a, operator, make_user):
    staff = make_user("fuzz-admin@alpha.test", "tenant_admin", tenant_a)
    operator_admin = make_user("fuzz-operateur@op.test")
    OperatorMembership.objects.create(user=operator_admin, operator=operator)
    return {"tenant": token_for(staff, tenant_a), "platform": token_for(operator_admin, None)}


def test_served_document_is_the_fuzzed_one(api, tenant_a, make_user):
    """``/api/schema/`` serves the document fuzzed below, also to a caller sending a tenant token
    (the document is public: a credential is neither needed nor judged)."""
    token = token_for(make_user("doc@alpha.test", "tenant_admin", tenant_a), tenant_a)
    for headers in ({}, {"HTTP_AUTHORIZATION": f"Bearer {token}"}):
        response = api.client.get("/api/schema/?format=json", HTTP_HOST=PLATFORM_HOST, **headers)
        assert response.status_code == 200, response.content
        assert response.json() == DOCUMENT


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_operation_answers_as_documented(wsgi_app, credentials, known, path, method):
    operation = SCHEMA[path][method.upper()]
    under_tenant = path.startswith("/t/{tenant}/")
    names = {parameter["name"] for parameter in DOCUMENT["paths"][path][method].get("parameters", [])}
    tenant_only = {"tenant": known["tenant"]} if under_tenant else None
    real = _fixed_parameters(path, names, known) or None
    token = credentials["tenant" if under_tenant else "platform"]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=tenant_only),
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=tenant_only),
    )

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases, signed_in=st.booleans())
    def run(case, signed_in):
        headers = {"Host": PLATFORM_HOST}
        if signed_in:
            headers["Authorization"] = f"Bearer {token}"
        note(f"signed_in={signed_in}")
        response = case.call(app=wsgi_app, headers=headers)
        note(f"{response.status_code} {response.content[:300]!r}")
        case.validate_response(response, checks=CHECKS)

    run()


def test_document_is_valid_openapi_and_declares_the_errors_of_every_operation():
    validate_schema(DOCUMENT)  # the OpenAPI 3.0 JSON schema, as bundled with drf-spectacular
    for path, method in OPERATIONS:
        responses = DOCUMENT["paths"][path][method]["responses"]
        expected = {"400", "401", "403", "404", "429"}
        if "requestBody" in DOCUMENT["paths"][path][method]:
            expected |= {"413", "415"}
        assert expected <= set(responses), (method, path, sorted(responses))
        for status in expected:
            assert responses[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
        for status, answer in responses.items():
            assert status == "204" or answer.get("content"), f"{method} {path} {status}: no media type"
