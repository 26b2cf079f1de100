"""Walk every mutation of the schema: a successful call writes exactly the domain events its
domain documents, and no mutation is left without a case."""

import importlib
import pkgutil
from collections import Counter

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.events.models import OutboxEvent
from imedia_core.graphql.api import get_schema
from tests.auth.helpers import token_for
from tests.events import mutation_cases


def all_cases():
    cases = []
    for module in pkgutil.iter_modules(mutation_cases.__path__):
        cases.extend(importlib.import_module(f"{mutation_cases.__name__}.{module.name}").CASES)
    return cases


CASES = all_cases()


def test_every_mutation_of_the_schema_has_a_case():
    mutations = set(get_schema().graphql_schema.mutation_type.fields)
    covered = Counter(case.mutation for case in CASES)
    assert sorted(mutations - set(covered)) == []
    assert sorted(set(covered) - mutations) == []


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.mutation)
def test_a_successful_mutation_writes_exactly_its_events(api, tenant_a, make_user, case):
    user = make_user(f"{case.mutation.lower()}@alpha.test", case.role, tenant_a)
    ctx = {"tenant": tenant_a, "user": user, "service": ServiceContext.for_user(user, tenant_a, Channel.ADMIN)}
    with schema_context("alpha"):
        variables = case.setup(ctx)
        last = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    connection.set_schema_to_public()
    data = api.gql(case.document, variables, tenant=tenant_a, token=None if case.anonymous else token_for(user, tenant_a))
    result = data[case.mutation]
    assert result.get("errors", []) == [], result
    with schema_context("alpha"):
        written = Counter(OutboxEvent.objects.filter(id__gt=last).values_list("type", flat=True))
    assert written == Counter(case.events)
