"""Mutations of the participation cycle, for staff (``Perm.EDIT_CONTENT``).

They decode IDs, then call ``imedia_core.cycle.services``, where the rules live. A refusal from
the services becomes a typed ``CycleError``; ``BaseMutation`` rolls the whole mutation back.
"""

import graphene

from imedia_core.cycle import services
from imedia_core.cycle.models import Cycle as CycleModel
from imedia_core.cycle.models import Phase as PhaseModel
from imedia_core.cycle.models import PhaseItem as PhaseItemModel
from imedia_core.cycle.templates import apply_template, available_cycle_templates
from imedia_core.library.models import Resource as ResourceModel
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation
from ..core.nodes import get_or_not_found, pk_from_global_id
from .types import Cycle, CycleError, CycleTemplateMode, Phase, PhaseItem, PhaseItemKindEnum, PhaseRevision


def _get(model, global_id: str, type_name: str, field: str, message: str):
    """The row a global ID names in this tenant, locked for the mutation, or NOT_FOUND."""
    return get_or_not_found(model.objects.all(), global_id, type_name, message, field=field, lock=True)


def get_phase(global_id, field="id"):
    return _get(PhaseModel, global_id, "Phase", field, "Aucune phase avec cet identifiant dans cet espace.")


def get_item(global_id, field="id"):
    return _get(PhaseItemModel, global_id, "PhaseItem", field, "Aucun élément de phase avec cet identifiant ici.")


def get_resource(global_id, field="resourceId"):
    return _get(ResourceModel, global_id, "Resource", field, "Aucune ressource avec cet identifiant dans cet espace.")


def get_cycle(global_id, field="cycleId"):
    """The cycle named, or the active one when ``global_id`` is None."""
    if global_id is None:
        cycle = services.active_cycle()
        if cycle is None:
            raise MutationError(
                "NO_ACTIVE_CYCLE", "Cet espace n'a pas de cycle actif : appliquez d'abord un modèle.", field
            )
        return cycle
    return _get(CycleModel, global_id, "Cycle", field, "Aucun cycle avec cet identifiant dans cet espace.")


def _pks(global_ids, type_name: str, field: str, message: str) -> list[int]:
    pks = [pk_from_global_id(value, type_name) for value in global_ids]
    if None in pks:
        raise MutationError("NOT_FOUND", message, field)
    return pks


def _given(data: dict, *names) -> dict:
    """The arguments the caller actually sent (an omitted argument leaves the field unchanged)."""
    return {name: data[name] for name in names if name in data}


class CycleMutation(BaseMutation):
    """Cycle mutations receive the caller as the services see it; subclasses implement ``run``."""

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(cls, root, info, principal, **data):
        return cls.run(info, service_context(info), **data)

    @classmethod
    def run(cls, info, ctx, **data):
        raise NotImplementedError


def _staff_meta(description: str):
    return type("Meta", (), {"description": description, "error_type": CycleError, "permission": Perm.EDIT_CONTENT})


# --- cycle -----------------------------------------------------------------------------------


class CycleUpdate(CycleMutation):
    class Arguments:
        id = graphene.ID(description="Global ID of the cycle; the active cycle when omitted.")
        name = graphene.String(description="New name; unchanged when omitted.")
        description = graphene.String(description="New description (HTML, sanitised); unchanged when omitted.")

    Meta = _staff_meta("Rename a cycle or change its description (staff).")

    cycle = graphene.Field(Cycle, description="The cycle after the change.")

    @classmethod
    def run(cls, info, ctx, id=None, **data):
        cycle = get_cycle(id, "id")
        cycle = services.update_cycle(ctx, cycle, **_given(data, "name", "description"))
        return cls(cycle=cycle, errors=[])


class CycleApplyTemplate(CycleMutation):
    class Arguments:
        key = graphene.String(required=True, description="Key of the template (see `cycleTemplates`).")
        mode = graphene.Argument(
            CycleTemplateMode, required=True, description="Start a new cycle, or reset the active one."
        )

    Meta = _staff_meta(
        "Apply a cycle template: start a new active cycle from it (the current one is kept as a past cycle) or "
        "reset the active cycle's phases and items to it. Starter resources are added if missing (staff)."
    )

    cycle = graphene.Field(Cycle, description="The active cycle after the change.")

    @classmethod
    def run(cls, info, ctx, key, mode):
        template = available_cycle_templates(info.context.tenant).get(key)
        if template is None:
            raise MutationError("UNKNOWN_TEMPLATE", f"Aucun modèle de cycle « {key} » dans cet espace.", "key")
        cycle = apply_template(ctx, template, getattr(mode, "value", mode))
        return cls(cycle=cycle, errors=[])


# --- phases ----------------------------------------------------------------------------------


class PhaseCreate(CycleMutation):
    class Arguments:
        cycle_id = graphene.ID(description="Global ID of the cycle; the active cycle when omitted.")
        title = graphene.String(required=True, description="Title of the phase (200 characters at most).")
        slug = graphene.String(
            description="Identifier in the cycle (lowercase, digits, dashes); from the title when omitted."
        )
        summary = graphene.String(description="Short summary, plain text.")
        body = graphene.String(description="Presentation of the phase (HTML, sanitised).")
        starts_on = graphene.Date(description="When the phase starts.")
        ends_on = graphene.Date(description="When the phase ends (not before it starts).")
        position = graphene.Int(description="Where to insert it, from 0; last when omitted.")

    Meta = _staff_meta("Add a phase to a cycle, as a draft (staff).")

    phase = graphene.Field(Phase, description="The new phase.")

    @classmethod
    def run(cls, info, ctx, title, cycle_id=None, **data):
        cycle = get_cycle(cycle_id)
        phase = services.create_phase(ctx, cycle, title=title, **data)
        return cls(phase=phase, errors=[])


class PhaseUpdate(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the phase.")
        title = graphene.String(description="New title; unchanged when omitted.")
        slug = graphene.String(description="New identifier in the cycle; unchanged when omitted.")
        summary = graphene.String(description="New summary; unchanged when omitted.")
        body = graphene.String(description="New presentation (HTML, sanitised); unchanged when omitted.")
        starts_on = graphene.Date(description="New start date (null clears it); unchanged when omitted.")
        ends_on = graphene.Date(description="New end date (null clears it); unchanged when omitted.")
        revision_summary = graphene.String(description="What changed, recorded with the new revision.")

    Meta = _staff_meta("Edit a phase; a revision is recorded (staff).")

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, id, revision_summary=None, **data):
        phase = get_phase(id)
        phase = services.update_phase(ctx, phase, revision_summary=(revision_summary or "")[:300], **data)
        return cls(phase=phase, errors=[])


class PhaseDelete(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the phase.")

    Meta = _staff_meta("Delete a phase with its items and resource links; the resources themselves stay (staff).")

    deleted_id = graphene.ID(description="Global ID of the deleted phase.")

    @classmethod
    def run(cls, info, ctx, id):
        services.delete_phase(ctx, get_phase(id))
        return cls(deleted_id=id, errors=[])


class PhaseReorder(CycleMutation):
    class Arguments:
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="Global IDs of every phase of one cycle, in the new order.",
        )

    Meta = _staff_meta("Reorder the phases of a cycle (staff).")

    cycle = graphene.Field(Cycle, description="The cycle, phases in their new order.")

    @classmethod
    def run(cls, info, ctx, ids):
        pks = _pks(ids, "Phase", "ids", "Une des phases n'existe pas dans cet espace.")
        cycles = set(PhaseModel.objects.filter(pk__in=pks).values_list("cycle_id", flat=True))
        if len(cycles) > 1:
            raise MutationError("INVALID_ORDER", "Les phases doivent toutes appartenir au même cycle.", "ids")
        if not cycles:
            raise MutationError("NOT_FOUND", "Aucune de ces phases n'existe dans cet espace.", "ids")
        cycle = CycleModel.objects.get(pk=cycles.pop())
        services.reorder_phases(ctx, cycle, pks)
        return cls(cycle=cycle, errors=[])


class PhaseSetCurrent(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the phase.")

    Meta = _staff_meta("Make a phase the current phase of its cycle (there is only one) (staff).")

    phase = graphene.Field(Phase, description="The new current phase.")

    @classmethod
    def run(cls, info, ctx, id):
        return cls(phase=services.set_current_phase(ctx, get_phase(id)), errors=[])


class PhasePublish(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the phase.")
        publish_at = graphene.DateTime(
            description="When it becomes visible to readers; at once when omitted or past (schedules it when future)."
        )

    Meta = _staff_meta("Publish a phase now, or schedule its publication (staff).")

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, id, publish_at=None):
        phase = services.publish_phase(ctx, get_phase(id), publish_at=publish_at)
        return cls(phase=phase, errors=[])


class PhaseUnpublish(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the phase.")

    Meta = _staff_meta("Take a phase back to draft: readers no longer see it (staff).")

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, id):
        return cls(phase=services.unpublish_phase(ctx, get_phase(id)), errors=[])


class PhaseArchive(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the phase.")

    Meta = _staff_meta("Archive a phase: withdrawn from readers, kept for the record (staff).")

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, id):
        return cls(phase=services.archive_phase(ctx, get_phase(id)), errors=[])


class PhaseRestoreRevision(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the phase.")
        revision_id = graphene.ID(description="Global ID of the revision to restore (from `Phase.revisions`).")
        number = graphene.Int(description="Or the number of the revision to restore.")

    Meta = _staff_meta(
        "Restore a phase as it was in one of its revisions, items and resource links included; recorded as a "
        "new revision. Give exactly one of `revisionId` and `number` (staff)."
    )

    phase = graphene.Field(Phase, description="The phase after the restore.")
    revision = graphene.Field(PhaseRevision, description="The new revision recording the restore.")

    @classmethod
    def run(cls, info, ctx, id, revision_id=None, number=None):
        if (revision_id is None) == (number is None):
            raise MutationError("REQUIRED", "Donnez soit « revisionId », soit « number ».", "revisionId")
        phase = get_phase(id)
        revision_pk = None
        if revision_id is not None:
            revision_pk = pk_from_global_id(revision_id, "PhaseRevision")
            if revision_pk is None:
                raise MutationError("NOT_FOUND", "Aucune version avec cet identifiant dans cet espace.", "revisionId")
        revision = services.find_phase_revision(phase, revision_id=revision_pk, number=number)
        new = services.restore_phase_revision(ctx, phase, revision)
        return cls(phase=phase, revision=new, errors=[])


# --- items -----------------------------------------------------------------------------------


class PhaseItemCreate(CycleMutation):
    class Arguments:
        phase_id = graphene.ID(required=True, description="Global ID of the phase.")
        kind = graphene.Argument(PhaseItemKindEnum, required=True, description="What the item is.")
        title = graphene.String(required=True, description="The item in a few words (200 characters at most).")
        summary = graphene.String(description="Short summary, plain text.")
        body = graphene.String(description="Details (HTML, sanitised).")
        position = graphene.Int(
            description="Where to insert it among the phase's items of this kind; last when omitted."
        )

    Meta = _staff_meta("Add a stake, objective, vigilance point or method to a phase (staff).")

    item = graphene.Field(PhaseItem, description="The new item.")
    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, phase_id, kind, title, **data):
        phase = get_phase(phase_id, "phaseId")
        item = services.create_item(ctx, phase, kind=getattr(kind, "value", kind), title=title, **data)
        return cls(item=item, phase=phase, errors=[])


class PhaseItemUpdate(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the item.")
        kind = graphene.Argument(PhaseItemKindEnum, description="New kind (the item moves to the end of that list).")
        title = graphene.String(description="New title; unchanged when omitted.")
        summary = graphene.String(description="New summary; unchanged when omitted.")
        body = graphene.String(description="New details (HTML, sanitised); unchanged when omitted.")

    Meta = _staff_meta("Edit a phase item; a revision of its phase is recorded (staff).")

    item = graphene.Field(PhaseItem, description="The item after the change.")

    @classmethod
    def run(cls, info, ctx, id, **data):
        item = get_item(id)
        changes = _given(data, "kind", "title", "summary", "body")
        if "kind" in changes:
            changes["kind"] = getattr(changes["kind"], "value", changes["kind"])
        return cls(item=services.update_item(ctx, item, **changes), errors=[])


class PhaseItemDelete(CycleMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the item.")

    Meta = _staff_meta("Delete a phase item (staff).")

    deleted_id = graphene.ID(description="Global ID of the deleted item.")
    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, id):
        phase = services.delete_item(ctx, get_item(id))
        return cls(deleted_id=id, phase=phase, errors=[])


class PhaseItemReorder(CycleMutation):
    class Arguments:
        phase_id = graphene.ID(required=True, description="Global ID of the phase.")
        kind = graphene.Argument(PhaseItemKindEnum, required=True, description="Which of the phase's lists to reorder.")
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="Global IDs of every item of that kind in the phase, in the new order.",
        )

    Meta = _staff_meta("Reorder a phase's items of one kind (staff).")

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, phase_id, kind, ids):
        phase = get_phase(phase_id, "phaseId")
        pks = _pks(ids, "PhaseItem", "ids", "Un des éléments n'existe pas dans cet espace.")
        services.reorder_items(ctx, phase, getattr(kind, "value", kind), pks)
        return cls(phase=phase, errors=[])


# --- resource links --------------------------------------------------------------------------


class PhaseResourceLink(CycleMutation):
    class Arguments:
        phase_id = graphene.ID(required=True, description="Global ID of the phase.")
        resource_id = graphene.ID(required=True, description="Global ID of the resource.")
        note = graphene.String(description="Why this resource serves this phase (300 characters at most).")
        position = graphene.Int(description="Where to put it among the phase's resources; last when omitted.")

    Meta = _staff_meta(
        "Link a resource of the resource centre to a phase; if it is linked already, update its note and "
        "position (staff)."
    )

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, phase_id, resource_id, note=None, position=None):
        phase = get_phase(phase_id, "phaseId")
        resource = get_resource(resource_id)
        services.link_resource(ctx, phase, resource, note=note, position=position)
        return cls(phase=phase, errors=[])


class PhaseResourceUnlink(CycleMutation):
    class Arguments:
        phase_id = graphene.ID(required=True, description="Global ID of the phase.")
        resource_id = graphene.ID(required=True, description="Global ID of the resource.")

    Meta = _staff_meta("Remove a resource from a phase; the resource stays in the resource centre (staff).")

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, phase_id, resource_id):
        phase = get_phase(phase_id, "phaseId")
        services.unlink_resource(ctx, phase, get_resource(resource_id))
        return cls(phase=phase, errors=[])


class PhaseResourceReorder(CycleMutation):
    class Arguments:
        phase_id = graphene.ID(required=True, description="Global ID of the phase.")
        resource_ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="Global IDs of every resource linked to the phase, in the new order.",
        )

    Meta = _staff_meta("Reorder the resources of a phase (staff).")

    phase = graphene.Field(Phase, description="The phase after the change.")

    @classmethod
    def run(cls, info, ctx, phase_id, resource_ids):
        phase = get_phase(phase_id, "phaseId")
        pks = _pks(resource_ids, "Resource", "resourceIds", "Une des ressources n'existe pas dans cet espace.")
        services.reorder_resources(ctx, phase, pks)
        return cls(phase=phase, errors=[])
