"""Fixtures for the participation cycle: a tenant's cycle made from a template, staff tokens."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from tests.auth.helpers import token_for

SYSTEM = ServiceContext.system(Channel.CLI)

STAFF_ROLES = ("facilitator", "professional", "decision_maker", "tenant_admin")


@pytest.fixture
def templates():
    return available_cycle_templates()


@pytest.fixture
def cycle_a(db, tenant_a, templates):
    """Alpha's active cycle, instantiated from the generic template."""
    with schema_context("alpha"):
        return instantiate(SYSTEM, templates["generique"])


@pytest.fixture
def token(tenant_a, make_user):
    """``token(role)``: a person token for a new member of alpha with that role."""
    made = {}

    def make(role):
        if role not in made:
            made[role] = token_for(make_user(f"{role}@alpha.test", role, tenant_a), tenant_a)
        return made[role]

    return make
