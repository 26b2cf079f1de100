"""A page of practices costs the same number of SQL queries for 5 as for 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from imedia_core.commons.models import Adaptation, Practice
from tenants.models import Tenant

from .conftest import LIST


@pytest.fixture
def big_commons(tenant_a, tenant_b):
    for i in range(45):
        practice = Practice.objects.create(
            source_tenant=tenant_a if i % 2 else tenant_b,
            source_programme="Espace Alpha" if i % 2 else "Espace Bêta",
            policy_area="social_inclusion",
            source_kind="initiative",
            title=f"Mobiliser le groupe, pratique {i}",
            summary="Une pratique de mobilisation.",
            themes=["Insertion", "Emploi"],
            theme_keys=["insertion", "emploi"],
            phases=["Mobiliser"],
            phase_keys=["mobiliser"],
            consent_given=True,
            personal_data_removed=True,
            shared_at=timezone.now(),
        )
        adopter = Tenant.objects.get(schema_name="beta" if i % 2 else "alpha")
        Adaptation.objects.create(practice=practice, adopting_tenant=adopter, resource_id=i + 1)


def count(api, tenant, variables, token):
    api.gql(LIST, {**variables, "first": 1}, tenant=tenant, via="header", token=token)  # warm caches
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(LIST, variables, tenant=tenant, via="header", token=token)
    return len(captured.captured_queries), data, [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("who", [None, "beta_staff"])
@pytest.mark.parametrize("search", [None, "mobilisation"])
def test_practice_page_cost_is_constant(api, tenant_b, people, big_commons, who, search):
    token = people.get(who)
    small, data_small, _ = count(api, tenant_b, {"first": 5, "search": search}, token)
    large, data_large, sql = count(api, tenant_b, {"first": 40, "search": search}, token)
    edges = data_large["practices"]["edges"]
    assert len(data_small["practices"]["edges"]) == 5 and len(edges) == 40
    assert data_large["practices"]["totalCount"] == 45
    assert all(e["node"]["adaptationCount"] == 1 for e in edges)
    own = [e["node"] for e in edges if e["node"]["isOwn"]]
    assert own and all(node["viewerAdaptation"] is None for node in own)
    if who:  # the viewer's own adaptations are shown to staff only
        assert any(e["node"]["viewerAdaptation"] for e in edges if not e["node"]["isOwn"])
    else:
        assert all(e["node"]["viewerAdaptation"] is None for e in edges)
    assert small == large, sql
    assert large <= (6 if who else 3), sql  # routing, caller, count, page, own adaptations
