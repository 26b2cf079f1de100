"""Fixtures of the guided-path tests: alpha with the generic cycle and its starter questions,
callers of every kind, and GraphQL helpers."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from imedia_core.graphql.core.nodes import TenantGlobalIDType
from imedia_core.guidance.templates import available_question_sets, install
from tests.auth.helpers import api_key_for, token_for

STAFF = ("facilitator", "professional", "decision_maker", "tenant_admin", "write_key")
NOT_STAFF = ("anonymous", "participant", "read_key")


def gid(type_name, pk):
    return TenantGlobalIDType.to_global_id(type_name, pk)


@pytest.fixture
def generic_alpha(db, tenant_a):
    """Alpha runs the generic cycle and has its starter questions (installed once)."""
    with schema_context("alpha"):
        cycle = instantiate(ServiceContext.system(Channel.CLI), available_cycle_templates()["generique"])
        install(ServiceContext.system(Channel.CLI), available_question_sets()["generique"], audit=False)
    return cycle


@pytest.fixture
def callers(tenant_a, make_user):
    """Credentials of alpha, by kind of caller (None: anonymous)."""

    def person(role):
        return token_for(make_user(f"{role}@guidance.alpha.test", role, tenant_a), tenant_a)

    return {
        "anonymous": None,
        "participant": person("participant"),
        "facilitator": person("facilitator"),
        "professional": person("professional"),
        "decision_maker": person("decision_maker"),
        "tenant_admin": person("tenant_admin"),
        "read_key": api_key_for(tenant_a, "read"),
        "write_key": api_key_for(tenant_a, "write"),
    }


@pytest.fixture
def staff(callers):
    return callers["facilitator"]


MATCH = """query($text: String!, $first: Int, $record: Boolean) {
  guidanceMatch(text: $text, first: $first, record: $record) {
    status termCount recorded
    matches { score rank isClose highlight question { slug text } }
  }
}"""


@pytest.fixture
def match(api, tenant_a):
    """``match(text, **variables)``: the guidanceMatch result in alpha (anonymous unless token=)."""

    def run(text, token=None, **variables):
        return api.gql(MATCH, {"text": text, **variables}, tenant=tenant_a, token=token)["guidanceMatch"]

    return run
