"""Shared fixtures: two tenants made once per session on the real PostgreSQL, HTTP helpers.

Tenants are provisioned in ``django_db_setup`` (outside any test transaction) so they survive
every test; each test runs in a transaction that rolls back, schemas and DDL included.
Avoid ``transactional_db``: its flush empties the public tables (the tenant rows).
"""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.events.models import OutboxEvent
from tenants.models import Membership, Operator, Tenant, User
from tenants.provisioning import TenantSpec, provision_tenant

TENANTS = {
    "alpha": {"name": "Espace Alpha", "domains": ["alpha.test"], "policy_area": "social_inclusion"},
    "beta": {"name": "Espace Bêta", "domains": ["beta.test"], "policy_area": "vocational_training"},
}
PASSWORD = "motdepasse-de-test-42"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        operator, _ = Operator.objects.get_or_create(slug="op-test", defaults={"name": "Opérateur test"})
        for slug, spec in TENANTS.items():
            provision_tenant(
                ServiceContext.system(Channel.CLI), TenantSpec(slug=slug, operator=operator, **spec), if_exists="skip"
            )
            # The space's own creation event (tenant.created) is no test's business: every test
            # starts with an empty outbox.
            with schema_context(slug):
                OutboxEvent.objects.all().delete()
    yield


@pytest.fixture(autouse=True)
def _fresh_caches_and_schema():
    for alias in ("default", "platform"):
        caches[alias].clear()
    yield
    connection.set_schema_to_public()


@pytest.fixture
def operator(db):
    return Operator.objects.get(slug="op-test")


@pytest.fixture
def tenant_a(db):
    return Tenant.objects.get(schema_name="alpha")


@pytest.fixture
def tenant_b(db):
    return Tenant.objects.get(schema_name="beta")


@pytest.fixture
def make_user(db):
    def make(email, role=None, tenant=None, **extra):
        user = User.objects.create_user(email=email, password=PASSWORD, **extra)
        if role and tenant:
            Membership.objects.create(user=user, tenant=tenant, role=role)
        return user

    return make


def tenant_request_kwargs(tenant, via="host"):
    """Path prefix and extra headers that route a request to ``tenant`` the chosen way."""
    if via == "host":
        return "", {"HTTP_HOST": tenant.domains.get(is_primary=True).domain}
    if via == "path":
        return f"/t/{tenant.schema_name}", {"HTTP_HOST": "testserver"}
    if via == "header":
        return "", {"HTTP_HOST": "testserver", "HTTP_X_IMEDIA_TENANT": tenant.schema_name}
    raise ValueError(via)


class Api:
    """Real HTTP through Django's test client, routed to a tenant by host, path or header."""

    def __init__(self, client: Client):
        self.client = client

    def graphql(self, query, variables=None, *, tenant=None, via="host", token=None, headers=None):
        prefix, extra = tenant_request_kwargs(tenant, via) if tenant else ("", {"HTTP_HOST": "testserver"})
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        extra.update(headers or {})
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return self.client.post(f"{prefix}/graphql/", data=json.dumps(body), content_type="application/json", **extra)

    def gql(self, *args, **kwargs):
        """Like ``graphql`` but asserts HTTP 200 and no top-level errors; returns ``data``."""
        response = self.graphql(*args, **kwargs)
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload
        return payload["data"]

    def rest(self, method, path, data=None, *, tenant=None, via="host", token=None, headers=None):
        prefix, extra = tenant_request_kwargs(tenant, via) if tenant else ("", {"HTTP_HOST": "testserver"})
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        extra.update(headers or {})
        kwargs = {}
        if data is not None:
            kwargs = {"data": json.dumps(data), "content_type": "application/json"}
        return getattr(self.client, method.lower())(f"{prefix}{path}", **kwargs, **extra)


@pytest.fixture
def api(db, client):
    return Api(client)
