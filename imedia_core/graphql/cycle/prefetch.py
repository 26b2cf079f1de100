"""Prefetching chosen by the root resolvers from the selected fields, so a whole cycle (phases,
items, resource links) costs the same few SQL queries whatever its size."""

from django.db.models import Prefetch

from imedia_core.cycle.models import Phase, PhaseItem
from imedia_core.cycle.visibility import visible_links

from ..core.context import principal_of
from ..core.selection import selected_fields_at, selected_names
from ..library import types as library_types
from .types import can_read_unpublished

ITEM_FIELDS = frozenset({"items", "stakes", "objectives", "vigilancePoints", "methods"})
LINK_FIELDS = frozenset({"resources"})
PHASE_FIELDS = frozenset({"phases", "currentPhase"})


def _resource_lookups(info, prefix: str, paths: list[tuple[str, ...]]) -> list[Prefetch]:
    """The library's own prefetches for the resources selected at ``paths``, re-rooted under
    ``prefix`` (the phases' links), so nested resource fields cost no query per resource."""
    return [
        Prefetch(f"{prefix}prefetched_links__resource__{lookup.prefetch_through}", lookup.queryset, lookup.to_attr)
        for lookup in library_types.resource_prefetches(info, selected_fields_at(info, paths))
    ]


def phase_lookups(info, names: set[str], prefix: str = "", paths: tuple = ((),)) -> list[Prefetch]:
    """Prefetches for phases reached through ``prefix`` (empty for a phase queryset); ``paths``
    are the selection paths from the root field to those phases."""
    lookups = []
    if names & ITEM_FIELDS:
        items = PhaseItem.objects.order_by("kind", "position", "id")
        lookups.append(Prefetch(f"{prefix}items", queryset=items))
    if names & LINK_FIELDS:
        links = visible_links(principal_of(info))
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
