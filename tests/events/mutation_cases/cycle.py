"""The participation cycle: what each mutation writes to the outbox when it succeeds.

Every case starts from alpha's cycle made from the ``generique`` template. Applying a template is
one bulk change: ``cycle.instantiated`` (or ``cycle.reset``) names the phases and the starter
resources it created, and no ``phase.*`` or ``resource.*`` event is written for each of them.
"""

from imedia_core.cycle import services
from imedia_core.cycle.models import Phase, PhaseItem
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from imedia_core.graphql.core.nodes import TenantGlobalIDType
from imedia_core.library import services as library

from . import Case

PAYLOAD = "errors { field code message }"


def _gid(type_name: str, pk) -> str:
    return TenantGlobalIDType.to_global_id(type_name, pk)


def _cycle(ctx):
    """Alpha's active cycle, its phases published, the first one current, with starter resources."""
    return instantiate(ctx["service"], available_cycle_templates()["generique"])


def _phases(ctx) -> list[Phase]:
    return list(_cycle(ctx).phases.order_by("position"))


def _second_phase(ctx) -> dict:
    return {"id": _gid("Phase", _phases(ctx)[1].pk)}


def _draft_phase(ctx) -> dict:
    phase = services.create_phase(ctx["service"], _cycle(ctx), title="Une phase locale")
    return {"id": _gid("Phase", phase.pk)}


def _edited_phase(ctx) -> dict:
    phase = _phases(ctx)[0]
    services.update_phase(ctx["service"], phase, title="Mobiliser (version locale)")
    return {"id": _gid("Phase", phase.pk), "number": 1}


def _all_phases_reversed(ctx) -> dict:
    return {"ids": [_gid("Phase", phase.pk) for phase in reversed(_phases(ctx))]}


def _phase_id(ctx) -> dict:
    return {"phaseId": _gid("Phase", _phases(ctx)[0].pk)}


def _stake(ctx) -> dict:
    item = PhaseItem.objects.filter(phase=_phases(ctx)[0], kind="stake").order_by("position").first()
    return {"id": _gid("PhaseItem", item.pk)}


def _stakes_reversed(ctx) -> dict:
    phase = _phases(ctx)[0]
    stakes = phase.items.filter(kind="stake").order_by("-position")
    return {"phaseId": _gid("Phase", phase.pk), "ids": [_gid("PhaseItem", item.pk) for item in stakes]}


def _new_resource(ctx) -> dict:
    phase = _phases(ctx)[0]
    resource = library.create_resource(ctx["service"], {"kind": "guide", "title": "Guide du porte-à-porte"})
    return {"phaseId": _gid("Phase", phase.pk), "resourceId": _gid("Resource", resource.pk)}


def _linked_resource(ctx) -> dict:
    phase = next(phase for phase in _phases(ctx) if phase.resource_links.exists())
    link = phase.resource_links.order_by("position").first()
    return {"phaseId": _gid("Phase", phase.pk), "resourceId": _gid("Resource", link.resource_id)}


def _links_reversed(ctx) -> dict:
    phase = next(phase for phase in _phases(ctx) if phase.resource_links.exists())
    resources = phase.resource_links.order_by("-position").values_list("resource_id", flat=True)
    return {"phaseId": _gid("Phase", phase.pk), "resourceIds": [_gid("Resource", pk) for pk in resources]}


def _on_id(mutation: str, arguments: str = "", variables: str = "") -> str:
    return f"mutation($id: ID!{variables}) {{ {mutation}(id: $id{arguments}) {{ {PAYLOAD} }} }}"


def _on_phase(mutation: str, variables: str = "", arguments: str = "") -> str:
    return f"mutation($phaseId: ID!{variables}) {{ {mutation}(phaseId: $phaseId{arguments}) {{ {PAYLOAD} }} }}"


def _with_cycle(variables: dict):
    """A setup that makes alpha's cycle and returns ``variables``."""

    def setup(ctx) -> dict:
        _cycle(ctx)
        return variables

    return setup


CASES = [
    Case(
        mutation="cycleUpdate",
        document=f'mutation {{ cycleUpdate(name: "Notre cycle") {{ {PAYLOAD} }} }}',
        setup=_with_cycle({}),
        events=("cycle.updated",),
    ),
    Case(
        # The starter resources exist already (made with the first cycle): they are reused.
        mutation="cycleApplyTemplate",
        document=(
            "mutation($key: String!, $mode: CycleTemplateMode!) "
            f"{{ cycleApplyTemplate(key: $key, mode: $mode) {{ {PAYLOAD} }} }}"
        ),
        setup=_with_cycle({"key": "generique", "mode": "NEW_CYCLE"}),
        events=("cycle.instantiated",),
    ),
    Case(
        mutation="phaseCreate",
        document=f'mutation {{ phaseCreate(title: "Une phase locale") {{ {PAYLOAD} }} }}',
        setup=_with_cycle({}),
        events=("phase.created",),
    ),
    Case(
        mutation="phaseUpdate",
        document=_on_id("phaseUpdate", ', title: "Aller vers les habitants"'),
        setup=_second_phase,
        events=("phase.updated",),
    ),
    Case(mutation="phaseDelete", document=_on_id("phaseDelete"), setup=_second_phase, events=("phase.deleted",)),
    Case(
        mutation="phaseReorder",
        document=f"mutation($ids: [ID!]!) {{ phaseReorder(ids: $ids) {{ {PAYLOAD} }} }}",
        setup=_all_phases_reversed,
        events=("phase.reordered",),
    ),
    Case(
        mutation="phaseSetCurrent",
        document=_on_id("phaseSetCurrent"),
        setup=_second_phase,
        events=("phase.current_set",),
    ),
    Case(mutation="phasePublish", document=_on_id("phasePublish"), setup=_draft_phase, events=("phase.published",)),
    Case(
        mutation="phaseUnpublish",
        document=_on_id("phaseUnpublish"),
        setup=_second_phase,
        events=("phase.unpublished",),
    ),
    Case(mutation="phaseArchive", document=_on_id("phaseArchive"), setup=_second_phase, events=("phase.archived",)),
    Case(
        mutation="phaseRestoreRevision",
        document=_on_id("phaseRestoreRevision", ", number: $number", ", $number: Int"),
        setup=_edited_phase,
        events=("phase.revision_restored",),
    ),
    Case(
        mutation="phaseItemCreate",
        document=_on_phase("phaseItemCreate", arguments=', kind: STAKE, title: "Un enjeu local"'),
        setup=_phase_id,
        events=("phase_item.created",),
    ),
    Case(
        mutation="phaseItemUpdate",
        document=_on_id("phaseItemUpdate", ', title: "Un enjeu reformulé"'),
        setup=_stake,
        events=("phase_item.updated",),
    ),
    Case(mutation="phaseItemDelete", document=_on_id("phaseItemDelete"), setup=_stake, events=("phase_item.deleted",)),
    Case(
        mutation="phaseItemReorder",
        document=_on_phase("phaseItemReorder", ", $ids: [ID!]!", ", kind: STAKE, ids: $ids"),
        setup=_stakes_reversed,
        events=("phase_item.reordered",),
    ),
    Case(
        mutation="phaseResourceLink",
        document=_on_phase("phaseResourceLink", ", $resourceId: ID!", ", resourceId: $resourceId"),
        setup=_new_resource,
        events=("phase.resource_linked",),
    ),
    Case(
        mutation="phaseResourceUnlink",
        document=_on_phase("phaseResourceUnlink", ", $resourceId: ID!", ", resourceId: $resourceId"),
        setup=_linked_resource,
        events=("phase.resource_unlinked",),
    ),
    Case(
        mutation="phaseResourceReorder",
        document=_on_phase("phaseResourceReorder", ", $resourceIds: [ID!]!", ", resourceIds: $resourceIds"),
        setup=_links_reversed,
        events=("phase.resources_reordered",),
    ),
]
