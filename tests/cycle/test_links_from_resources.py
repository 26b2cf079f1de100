"""Links made from the resource side are part of the phase's history: restoring the phase's
latest revision keeps them, and its revision list says what changed."""

from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services as cycle
from imedia_core.cycle.models import Cycle, PhaseResource
from imedia_core.library import services as library

SYSTEM = ServiceContext.system(Channel.CLI)


def test_linking_from_a_resource_records_a_phase_revision(tenant_a):
    with schema_context("alpha"):
        active = Cycle.objects.create(name="Cycle", is_active=True)
        phase = cycle.create_phase(SYSTEM, active, title="Mobiliser")
        before = cycle.phase_revisions(phase).count()
        resource = library.create_resource(
            SYSTEM, {"kind": "guide", "title": "Guide du porte-à-porte", "phases": [phase.pk]}
        )
        revisions = list(cycle.phase_revisions(phase))
        assert len(revisions) == before + 1
        assert revisions[0].summary == "Ressource « Guide du porte-à-porte » liée (depuis la ressource)"
        # Restoring the phase's latest revision keeps the link made from the resource side.
        cycle.restore_phase_revision(SYSTEM, phase, revisions[0])
        assert list(PhaseResource.objects.filter(phase=phase).values_list("resource_id", flat=True)) == [resource.pk]
        # Unlinking from the resource side is recorded too.
        library.update_resource(SYSTEM, resource, {"phases": []})
        assert cycle.phase_revisions(phase).first().summary.endswith("retirée (depuis la ressource)")
        assert not PhaseResource.objects.filter(phase=phase).exists()
