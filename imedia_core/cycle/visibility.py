"""What each viewer sees of the participation cycle: one rule per kind of row, for GraphQL lists,
``node(id:)`` lookups and nested fields alike (and any other door that reads the cycle).

Readers see the active cycle, its phases that are published and due, their items, and links to
resources they may see (the resource centre's own rule). Viewers with ``READ_UNPUBLISHED`` (staff
roles, API keys) see past cycles, drafts, scheduled and archived phases too. ``viewer`` is
anything with ``has(perm)``: a ``Principal`` or a ``ServiceContext``.
"""

from django.db.models import QuerySet

from imedia_core.library.visibility import visible_resources
from imedia_core.permissions import Perm

from .models import Cycle, Phase, PhaseItem, PhaseResource


def can_read_unpublished(viewer) -> bool:
    return viewer.has(Perm.READ_UNPUBLISHED)


def visible_cycles(viewer, cycles: QuerySet | None = None) -> QuerySet:
    """``cycles`` (default: all) narrowed to those ``viewer`` may see: the active one for readers."""
    cycles = Cycle.objects.all() if cycles is None else cycles
    return cycles if can_read_unpublished(viewer) else cycles.filter(is_active=True)


def visible_phases(viewer, phases: QuerySet | None = None) -> QuerySet:
    """``phases`` (default: all) narrowed to those ``viewer`` may see: for readers, the published
    and due phases of the active cycle."""
    phases = Phase.objects.all() if phases is None else phases
    return phases if can_read_unpublished(viewer) else phases.visible().filter(cycle__is_active=True)


def visible_items(viewer, items: QuerySet | None = None) -> QuerySet:
    """``items`` (default: all) narrowed to the items of the phases ``viewer`` may see."""
    items = PhaseItem.objects.all() if items is None else items
    return items if can_read_unpublished(viewer) else items.filter(phase__in=visible_phases(viewer))


def visible_links(viewer, links: QuerySet | None = None) -> QuerySet:
    """``links`` (default: all) narrowed to those whose resource ``viewer`` may see."""
    links = PhaseResource.objects.all() if links is None else links
    return links if can_read_unpublished(viewer) else links.filter(resource__in=visible_resources(viewer))
