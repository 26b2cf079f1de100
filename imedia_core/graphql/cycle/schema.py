import graphene

from imedia_core.cycle.models import Cycle as CycleModel
from imedia_core.cycle.models import Phase as PhaseModel
from imedia_core.cycle.templates import available_cycle_templates

from ..core.nodes import pk_from_global_id
from . import mutations
from .prefetch import prefetch_cycles, prefetch_phases
from .types import Cycle, CycleTemplate, Phase


class CycleQueries(graphene.ObjectType):
    """Root fields of the participation cycle."""

    cycle = graphene.Field(
        Cycle,
        id=graphene.ID(description="Global ID of a cycle (past cycles: staff only); the active cycle when omitted."),
        description="The programme's active participation cycle, or another one by ID; null if none or not visible.",
    )
    cycles = graphene.List(
        graphene.NonNull(Cycle),
        required=True,
        description="The programme's cycles, active first, then past ones newest first (past cycles: staff only).",
    )
    phase = graphene.Field(
        Phase,
        slug=graphene.String(required=True, description="Identifier of the phase in its cycle."),
        cycle_id=graphene.ID(description="Global ID of the cycle; the active cycle when omitted."),
        description="A phase by its slug; null if there is none or the viewer may not see it.",
    )
    cycle_templates = graphene.List(
        graphene.NonNull(CycleTemplate),
        required=True,
        description="Cycle templates available in this programme (from its enabled plugins).",
    )

    def resolve_cycle(root, info, id=None):
        cycles = Cycle.get_queryset(CycleModel.objects.all(), info)
        if id is None:
            cycles = cycles.filter(is_active=True)
        else:
            pk = pk_from_global_id(id, "Cycle")
            if pk is None:
                return None
            cycles = cycles.filter(pk=pk)
        return prefetch_cycles(cycles, info).first()

    def resolve_cycles(root, info):
        cycles = Cycle.get_queryset(CycleModel.objects.order_by("-is_active", "-created_at", "-id"), info)
        return list(prefetch_cycles(cycles, info))

    def resolve_phase(root, info, slug, cycle_id=None):
        phases = Phase.get_queryset(PhaseModel.objects.filter(slug=slug), info)
        if cycle_id is None:
            phases = phases.filter(cycle__is_active=True)
        else:
            pk = pk_from_global_id(cycle_id, "Cycle")
            if pk is None:
                return None
            phases = phases.filter(cycle_id=pk)
        return prefetch_phases(phases, info).first()

    def resolve_cycle_templates(root, info):
        return list(available_cycle_templates(info.context.tenant).values())


class CycleMutations(graphene.ObjectType):
    """Mutations of the participation cycle."""

    cycle_update = mutations.CycleUpdate.Field()
    cycle_apply_template = mutations.CycleApplyTemplate.Field()
    phase_create = mutations.PhaseCreate.Field()
    phase_update = mutations.PhaseUpdate.Field()
    phase_delete = mutations.PhaseDelete.Field()
    phase_reorder = mutations.PhaseReorder.Field()
    phase_set_current = mutations.PhaseSetCurrent.Field()
    phase_publish = mutations.PhasePublish.Field()
    phase_unpublish = mutations.PhaseUnpublish.Field()
    phase_archive = mutations.PhaseArchive.Field()
    phase_restore_revision = mutations.PhaseRestoreRevision.Field()
    phase_item_create = mutations.PhaseItemCreate.Field()
    phase_item_update = mutations.PhaseItemUpdate.Field()
    phase_item_delete = mutations.PhaseItemDelete.Field()
    phase_item_reorder = mutations.PhaseItemReorder.Field()
    phase_resource_link = mutations.PhaseResourceLink.Field()
    phase_resource_unlink = mutations.PhaseResourceUnlink.Field()
    phase_resource_reorder = mutations.PhaseResourceReorder.Field()
