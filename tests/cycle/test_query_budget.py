"""The whole cycle costs the same number of SQL queries whatever its number of phases, items
and resources."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services
from imedia_core.cycle.templates import CycleTemplate, ItemTemplate, PhaseTemplate, ResourceTemplate, instantiate
from imedia_core.library.models import Resource

SYSTEM = ServiceContext.system(Channel.CLI)

FULL_CYCLE = """
query {
  cycle {
    id name description
    currentPhase { id slug }
    phases {
      id slug title summary body status isCurrent startsOn endsOn
      cycle { id name }
      stakes { id title summary body position }
      objectives { id title }
      vigilancePoints { id title }
      methods { id title }
      items { id kind title }
      resources { position note resource { id title slug kind summary themes { slug } files { id } phases { slug } } }
    }
  }
}
"""


def build_cycle(n_phases):
    """A cycle of ``n_phases`` phases, each with 3 items of every kind and 2 published resources,
    plus one draft resource linked to every phase."""
    resources = [
        ResourceTemplate(f"ressource-{i}", f"Ressource {i}", "tool", themes=["outils"]) for i in range(2 * n_phases)
    ]
    items = tuple(ItemTemplate(f"Élément {i}", "Résumé.", "<p>Corps.</p>") for i in range(3))
    phases = [
        PhaseTemplate(
            f"phase-{i}",
            f"Phase {i}",
            stakes=items,
            objectives=items,
            vigilance_points=items,
            methods=items,
            resources=(f"ressource-{2 * i}", f"ressource-{2 * i + 1}"),
        )
        for i in range(n_phases)
    ]
    template = CycleTemplate(key=f"budget{n_phases}", name="Budget", phases=phases, starter_resources=resources)
    with schema_context("alpha"):
        cycle = instantiate(SYSTEM, template)
        draft = Resource.objects.create(slug=f"brouillon-{n_phases}", title="Brouillon", kind="guide")
        for phase in cycle.phases.all():
            services.link_resource(SYSTEM, phase, draft)
        services.create_phase(SYSTEM, cycle, title="Phase brouillon")
    return cycle


def count(api, tenant, token=None, query=FULL_CYCLE):
    api.gql(query, tenant=tenant, via="header", token=token)  # warm: routing cache, token last-used stamp
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, tenant=tenant, via="header", token=token)
    return len(captured.captured_queries), data


@pytest.mark.parametrize("role", [None, "facilitator"])
def test_full_cycle_query_cost_is_constant(api, tenant_a, token, role):
    credentials = token(role) if role else None
    build_cycle(3)
    small, data_small = count(api, tenant_a, credentials)
    build_cycle(8)  # now the active cycle
    large, data_large = count(api, tenant_a, credentials)
    staff = role is not None
    assert len(data_small["cycle"]["phases"]) == 3 + staff
    assert len(data_large["cycle"]["phases"]) == 8 + staff
    phase = data_large["cycle"]["phases"][0]
    assert len(phase["stakes"]) == 3 and len(phase["items"]) == 12
    assert len(phase["resources"]) == 2 + staff
    assert small == large
    # search_path, (token, role), cycle, phases, items, links with their resources, and the
    # resources' themes, files and phases.
    assert large == (8 if role is None else 10)


def test_cycles_and_phase_by_slug_cost_is_constant(api, tenant_a, token):
    staff = token("tenant_admin")
    cycles = "{ cycles { name phases { slug stakes { title } resources { resource { slug } } } } }"
    by_slug = (
        '{ phase(slug: "phase-0") { title items { title } resources { note resource { title themes { name } } } } }'
    )
    build_cycle(3)
    small_cycles, _ = count(api, tenant_a, staff, cycles)
    small_phase, _ = count(api, tenant_a, staff, by_slug)
    build_cycle(8)
    build_cycle(5)
    large_cycles, data = count(api, tenant_a, staff, cycles)
    large_phase, _ = count(api, tenant_a, staff, by_slug)
    assert [len(c["phases"]) for c in data["cycles"]] == [6, 9, 4]
    assert (small_cycles, small_phase) == (large_cycles, large_phase)
