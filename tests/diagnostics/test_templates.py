"""Shipped diagnostic templates (validated, French, one per cycle template, dimensions = its
phases), installation (idempotent, linked to phases, on tenant creation), the install
mutation, and the demo seed."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from imedia_core.demo import diagnostics_seed
from imedia_core.diagnostics.models import Diagnostic, Run
from imedia_core.diagnostics.results import compute
from imedia_core.diagnostics.templates import (
    DiagnosticTemplate,
    DimensionTemplate,
    ItemTemplate,
    LevelTemplate,
    ScaleOption,
    available_diagnostic_templates,
    install_diagnostics,
)
from imedia_core.events.models import OutboxEvent
from tenants.provisioning import TenantSpec, provision_tenant
from tests.auth.helpers import token_for

from .conftest import SYSTEM

SCALE = (ScaleOption("Non", 0), ScaleOption("Oui", 1))
LEVELS = (LevelTemplate(0, "À construire"),)


def test_every_cycle_template_has_a_diagnostic_on_its_phases():
    templates = available_diagnostic_templates()
    for cycle in available_cycle_templates().values():
        mine = [t for t in templates.values() if t.cycle_template_key == cycle.key]
        assert len(mine) >= 1, cycle.key
        for template in mine:
            assert [d.slug for d in template.dimensions] == [p.slug for p in cycle.phases]
            assert all(2 <= len(d.items) <= 4 for d in template.dimensions)
            assert [o.label for o in template.scale] == ["Pas du tout", "Un peu", "Plutôt", "Tout à fait"]
            assert [level.label for level in template.maturity_levels] == ["À construire", "En cours", "Acquis"]
            assert template.title == "Où en est notre démarche participative ?"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"dimensions": ()}, "no dimension"),
        ({"scale": (ScaleOption("Non", 0),)}, "at least two"),
        ({"scale": (ScaleOption("Non", 1), ScaleOption("Oui", 1))}, "share a score"),
        ({"maturity_levels": (LevelTemplate(10, "x"),)}, "start at 0"),
        ({"maturity_levels": (LevelTemplate(0, "x"), LevelTemplate(0, "y"))}, "start at 0"),
        ({"key": "Pas une clé"}, "not a slug"),
    ],
)
def test_templates_are_validated(kwargs, message):
    base = {
        "key": "essai",
        "title": "Essai",
        "cycle_template_key": "generique",
        "dimensions": (DimensionTemplate("a", "A", (ItemTemplate("Un item"),)),),
        "scale": SCALE,
        "maturity_levels": LEVELS,
    }
    with pytest.raises(ValueError, match=message):
        DiagnosticTemplate(**(base | kwargs))


def test_items_and_dimensions_are_validated():
    with pytest.raises(ValueError, match="weight"):
        ItemTemplate("x", weight=0)
    with pytest.raises(ValueError, match="no item"):
        DimensionTemplate("a", "A", ())
    with pytest.raises(TypeError):
        DimensionTemplate("a", "A", ("pas un item",))
    template = DimensionTemplate("a", "A", ItemTemplate("x"))
    assert template.items == (ItemTemplate("x"),) and template.linked_phase == "a"


def test_install_links_phases_and_is_idempotent(db):
    cycle = available_cycle_templates()["participation_rsa"]
    with schema_context("alpha"):
        instantiate(SYSTEM, cycle)
        assert install_diagnostics(SYSTEM, "participation_rsa") == 1
        assert install_diagnostics(SYSTEM, "participation_rsa") == 0
        diagnostic = Diagnostic.objects.get()
        assert (diagnostic.slug, diagnostic.status, diagnostic.template_key) == (
            "demarche-participative-rsa",
            "published",
            "demarche-participative-rsa",
        )
        dimensions = list(diagnostic.dimensions.select_related("phase").order_by("position"))
        assert [d.phase.slug for d in dimensions] == [p.slug for p in cycle.phases]
        assert all(d.phase.cycle.is_active for d in dimensions)
        items = list(diagnostic.items.order_by("position"))
        assert items[0].scale[0] == {"label": "Pas du tout", "score": 0.0}
        assert items[0].weight == 2.0
        # A local edit survives a second installation.
        diagnostic.title = "Notre autodiagnostic"
        diagnostic.save()
        install_diagnostics(SYSTEM, "participation_rsa")
        assert Diagnostic.objects.get().title == "Notre autodiagnostic"
        assert install_diagnostics(SYSTEM, "inconnu") == 0
        # One event for the one installation; provisioning's own journal entry covers the audit.
        assert list(OutboxEvent.objects.filter(type__startswith="diagnostic").values_list("type", flat=True)) == [
            "diagnostic.installed"
        ]
        assert not AuditEntry.objects.filter(action__startswith="diagnostic").exists()


def test_tenant_creation_installs_the_diagnostic(db, operator):
    result = provision_tenant(
        ServiceContext.system(Channel.CLI),
        TenantSpec(slug="gamma_diag", name="Gamma", operator=operator, template="rsa"),
    )
    with schema_context(result.tenant.schema_name):
        assert list(Diagnostic.objects.values_list("slug", flat=True)) == ["demarche-participative-rsa"]


INSTALL = """mutation($key: String!) {
  diagnosticInstallTemplate(key: $key) { created diagnostic { slug status dimensions { slug phase { slug } } } errors { field code } }
}"""


def test_install_mutation(api, tenant_a, staff, make_user):
    with schema_context("alpha"):
        instantiate(SYSTEM, available_cycle_templates()["conseils_citoyens"])
    listed = api.gql(
        "{ diagnosticTemplates { key installed itemCount dimensionCount cycleTemplateKey } }",
        tenant=tenant_a,
        token=staff,
    )
    ours = next(t for t in listed["diagnosticTemplates"] if t["key"] == "demarche-participative-conseils-citoyens")
    assert (ours["installed"], ours["dimensionCount"], ours["cycleTemplateKey"]) == (False, 5, "conseils_citoyens")
    first = api.gql(INSTALL, {"key": ours["key"]}, tenant=tenant_a, token=staff)["diagnosticInstallTemplate"]
    assert first["errors"] == [] and first["created"] is True and first["diagnostic"]["status"] == "PUBLISHED"
    assert first["diagnostic"]["dimensions"][0] == {
        "slug": "constituer-le-conseil",
        "phase": {"slug": "constituer-le-conseil"},
    }
    again = api.gql(INSTALL, {"key": ours["key"]}, tenant=tenant_a, token=staff)["diagnosticInstallTemplate"]
    assert again["created"] is False and again["diagnostic"]["slug"] == ours["key"]
    unknown = api.gql(INSTALL, {"key": "nope"}, tenant=tenant_a, token=staff)["diagnosticInstallTemplate"]
    assert unknown["errors"] == [{"field": "key", "code": "UNKNOWN_TEMPLATE"}]
    member = token_for(make_user("p@alpha.test", "participant", tenant_a), tenant_a)
    denied = api.gql(INSTALL, {"key": ours["key"]}, tenant=tenant_a, token=member)["diagnosticInstallTemplate"]
    assert denied["errors"] == [{"field": None, "code": "PERMISSION_DENIED"}]
    assert (
        api.graphql("{ diagnosticTemplates { key } }", tenant=tenant_a).json()["errors"][0]["extensions"]["code"]
        == "UNAUTHENTICATED"
    )


@pytest.mark.parametrize("key", sorted(diagnostics_seed.CYCLE_OF))
def test_demo_seed(db, key):
    with schema_context("alpha"):
        instantiate(SYSTEM, available_cycle_templates()[diagnostics_seed.CYCLE_OF[key]])
        summary = diagnostics_seed.seed(key)
        assert "2 passations clôturées" in summary and "(2 créée(s))" in summary
        assert "(0 créée(s))" in diagnostics_seed.seed(key)  # idempotent
        runs = list(Run.objects.order_by("held_on"))
        assert len(runs) == 2 and all(r.status == "closed" and r.conclusions and r.priorities for r in runs)
        assert (runs[1].held_on - runs[0].held_on).days > 150
        first, second = compute(runs[0]), compute(runs[1])
    assert 5 <= first.participant_count <= 8 and 5 <= second.participant_count <= 8
    assert first.missing_answers >= 1
    deltas = [d.delta for d in second.comparison]
    assert sum(1 for d in deltas if d is not None and d > 10) >= 2  # progress on some dimensions
    assert second.disagreements(1)[0].spread >= 25  # and real disagreement on some items
