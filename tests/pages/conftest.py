import pytest
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from tests.auth.helpers import token_for


@pytest.fixture
def in_alpha(tenant_a):
    """Run the test body in alpha's schema (services write to the connection's schema)."""
    with schema_context("alpha"):
        yield tenant_a


@pytest.fixture
def ctx(tenant_a, make_user):
    """An editor of alpha, as the services see them when they act in the admin."""
    editor = make_user("redaction@alpha.test", "tenant_admin", tenant_a)
    return ServiceContext.for_user(editor, tenant_a, Channel.ADMIN)


@pytest.fixture
def tokens(tenant_a, make_user):
    """A person token per role in alpha (``None`` for anonymous)."""

    def token(role):
        if role is None:
            return None
        user = make_user(f"{role}-{token.count}@alpha.test", role, tenant_a)
        token.count += 1
        return token_for(user, tenant_a)

    token.count = 0
    return token
