import pytest
from django_tenants.utils import schema_context

from tests.auth.helpers import token_for


@pytest.fixture
def in_alpha(tenant_a):
    """Run the test body in alpha's schema (services write to the connection's schema)."""
    with schema_context("alpha"):
        yield tenant_a


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
