"""Prefetching chosen by the root resolvers from the selected fields, so a whole cycle (phases,
items, resource links) costs the same few SQL queries whatever its size."""

from django.db.models import Prefetch
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode

from imedia_core.cycle.models import Phase, PhaseItem, PhaseResource
from imedia_core.cycle.services import visible_links

from ..library import types as library_types
from .types import can_read_unpublished

ITEM_FIELDS = frozenset({"items", "stakes", "objectives", "vigilancePoints", "methods"})
LINK_FIELDS = frozenset({"resources"})
PHASE_FIELDS = frozenset({"phases", "currentPhase"})


def _resource_lookups(info, prefix: str, paths: list[tuple[str, ...]]) -> list[Prefetch]:
    """The library's own prefetches for the resources selected at ``paths``, re-rooted under
    ``prefix`` (the phases' links), so nested resource fields cost no query per resource."""
    fields: set[str] = set()
    for path in paths:
        fields |= library_types.selected_fields(info, path)
    return [
        Prefetch(f"{prefix}prefetched_links__resource__{lookup.prefetch_through}", lookup.queryset, lookup.to_attr)
        for lookup in library_types.resource_prefetches(info, fields)
    ]


def selected_names(info) -> set[str]:
    """Names of every field selected below the current one, at any depth, fragments included."""
    names: set[str] = set()
    seen: set[str] = set()

    def walk(selection_set):
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
                walk(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = info.fragments.get(selection.name.value)
                if fragment is not None:
                    walk(fragment.selection_set)

    for node in info.field_nodes:
        walk(node.selection_set)
    return names


def phase_lookups(info, names: set[str], prefix: str = "", paths: tuple = ((),)) -> list[Prefetch]:
    """Prefetches for phases reached through ``prefix`` (empty for a phase queryset); ``paths``
    are the selection paths from the root field to those phases."""
    lookups = []
    if names & ITEM_FIELDS:
        items = PhaseItem.objects.order_by("kind", "position", "id")
        lookups.append(Prefetch(f"{prefix}items", queryset=items))
    if names & LINK_FIELDS:
        links = PhaseResource.objects.all() if can_read_unpublished(info) else visible_links()
        lookups.append(
            Prefetch(
                f"{prefix}resource_links",
                queryset=links.select_related("resource").order_by("position", "id"),
                to_attr="prefetched_links",
            )
        )
        lookups += _resource_lookups(info, prefix, [(*path, "resources", "resource") for path in paths])
    return lookups


def prefetch_cycles(queryset, info):
    names = selected_names(info)
    if not names & PHASE_FIELDS:
        return queryset
    phases = Phase.objects.for_reader(can_read_unpublished(info)).order_by("position", "id")
    return queryset.prefetch_related(
        Prefetch("phases", queryset=phases, to_attr="prefetched_phases"),
        *phase_lookups(info, names, "prefetched_phases__", (("phases",), ("currentPhase",))),
    )


def prefetch_phases(queryset, info):
    return queryset.select_related("cycle").prefetch_related(*phase_lookups(info, selected_names(info)))
