"""Fixtures of the self-diagnostic tests: a small diagnostic whose results are computed by hand
(two dimensions, weights, two different scales, missing answers), runs answered through the
services, and callers of every kind."""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.models import Cycle, Phase, PhaseItem, PhaseResource
from imedia_core.diagnostics import services
from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.library import services as library
from tests.auth.helpers import token_for

# What the tests set up by hand: the platform acting, with no person (answers are anonymous).
SYSTEM = ServiceContext.system(Channel.CLI)
FIVE = [{"label": f"{n}", "score": n} for n in range(1, 6)]  # scored 1-5: normalised (s - 1) / 4


@dataclass
class Fixture:
    diagnostic: object
    phase_a: object
    items: dict
    runs: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)

    def gid(self, type_name, pk):
        with schema_context("alpha"):
            return TenantNode.to_global_id(type_name, pk)


def make_diagnostic(schema="alpha"):
    """Dimension A (a1 weight 1, a2 weight 3, linked to a phase) and B (b1, and b2 on a 1-5 scale)."""
    with schema_context(schema):
        cycle = Cycle.objects.create(name="Cycle de test")
        phase_a = Phase.objects.create(cycle=cycle, slug="mobiliser", title="Mobiliser", status="published")
        phase_b = Phase.objects.create(cycle=cycle, slug="agir", title="Agir", status="published", position=1)
        published = library.publish_resource(
            SYSTEM, library.create_resource(SYSTEM, {"kind": "guide", "title": "Guide publié"})
        )
        draft = library.create_resource(SYSTEM, {"kind": "tool", "title": "Outil en brouillon"})
        PhaseResource.objects.create(phase=phase_a, resource=published, position=0)
        PhaseResource.objects.create(phase=phase_a, resource=draft, position=1)
        PhaseItem.objects.create(phase=phase_a, kind="method", title="Porte-à-porte", summary="Aller vers.")
        PhaseItem.objects.create(phase=phase_a, kind="stake", title="Un enjeu")
        diagnostic = services.create_diagnostic(
            SYSTEM,
            {
                "title": "Où en sommes-nous ?",
                "dimensions": [
                    {"slug": "a", "title": "Dimension A", "phase_id": phase_a.pk},
                    {"slug": "b", "title": "Dimension B", "phase_id": phase_b.pk},
                ],
                "items": [
                    {"dimension": "a", "text": "a1", "weight": 1},
                    {"dimension": "a", "text": "a2", "weight": 3},
                    {"dimension": "b", "text": "b1"},
                    {"dimension": "b", "text": "b2", "scale": FIVE},
                ],
            },
        )
        services.set_diagnostic_status(SYSTEM, diagnostic, "published")
        items = {item.text: item for item in diagnostic.items.all()}
        return diagnostic, phase_a, items


def answer(code, items, choices, ctx=SYSTEM):
    """``choices``: item text -> option index; anonymously unless ``ctx`` names a person."""
    return services.submit_answers(ctx, code, [(items[text].pk, choice) for text, choice in choices.items()])


# Hand-computed (see test_scoring): A = 50, 50, 100; B = 83.33, 100, none.
CURRENT = {
    "p1": {"a1": 3, "a2": 1, "b1": 2, "b2": 4},
    "p2": {"a1": 0, "a2": 2, "b1": 3},
    "p3": {"a1": 3, "a2": 3},
}
# Earlier run: A = 0 and 25 (group 12.5); B = 0 and none (group 0).
PREVIOUS = {"x": {"a1": 0, "a2": 0, "b1": 0, "b2": 0}, "y": {"a1": 3, "a2": 0}}


@pytest.fixture
def scored(db, tenant_a, make_user):
    """The diagnostic, an earlier closed run and the current open run of the same group;
    p1 answers signed in, p2 and p3 anonymously."""
    diagnostic, phase_a, items = make_diagnostic()
    fixture = Fixture(diagnostic, phase_a, items)
    member = make_user("membre@alpha.test", "participant", tenant_a)
    fixture.tokens["member"] = token_for(member, tenant_a)
    with schema_context("alpha"):
        before = services.open_run(
            SYSTEM, diagnostic, group_name="Groupe des Lilas", title="Janvier", held_on=date(2025, 1, 15)
        )
        for choices in PREVIOUS.values():
            answer(before.code, items, choices)
        services.close_run(SYSTEM, before)
        run = services.open_run(
            SYSTEM, diagnostic, group_name="Groupe des Lilas", title="Juin", held_on=date(2025, 6, 15)
        )
        answer(run.code, items, CURRENT["p1"], ServiceContext.for_user(member, tenant_a, Channel.GRAPHQL))
        for name in ("p2", "p3"):
            fixture.tokens[name] = answer(run.code, items, CURRENT[name])[1]
        fixture.runs = {"previous": before, "current": run}
    return fixture


@pytest.fixture
def staff(tenant_a, make_user):
    return token_for(make_user("animation@alpha.test", "facilitator", tenant_a), tenant_a)
