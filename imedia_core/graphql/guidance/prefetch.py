"""What a query asks of questions, prefetched in a constant number of SQL queries.

A question's links (phases, resources, methods, follow-ups) are reached directly
(``question { phases }``), through its path (``path { phases }``, ``path { steps { phase } }``) and
through follow-ups (which are questions again). The root resolvers pass the selection paths that
lead to question objects; each relation is prefetched once, whatever the number of questions,
filtered for the viewer by the domain's rule (``imedia_core.guidance.visibility``), and what is
nested below (phase items, resource themes…) reuses the cycle's and the library's own
prefetches re-rooted under these links.
"""

from django.db.models import Prefetch

from imedia_core.guidance.visibility import follow_up_links, method_links, phase_links, resource_links

from ..core.context import principal_of
from ..core.selection import selected_fields_at
from ..cycle.prefetch import phase_lookups
from ..library import types as library_types

PHASE_ATTR = "prefetched_phase_links"
RESOURCE_ATTR = "prefetched_resource_links"
METHOD_ATTR = "prefetched_method_links"
FOLLOW_UP_ATTR = "prefetched_follow_up_links"


def question_lookups(info, paths: list[tuple[str, ...]], prefix: str = "") -> list:
    """Prefetches for questions reached at ``paths`` (selection paths from the root field), under
    ``prefix`` (empty for a question queryset)."""
    viewer = principal_of(info)
    direct = selected_fields_at(info, paths)
    via_path = selected_fields_at(info, [(*p, "path") for p in paths])
    via_steps = selected_fields_at(info, [(*p, "path", "steps") for p in paths])
    wants_path = "path" in direct
    lookups: list = []

    def wanted(direct_name, step_name):
        return wants_path or direct_name in direct or direct_name in via_path or step_name in via_steps

    if wanted("phases", "phase"):
        lookups.append(Prefetch(f"{prefix}phase_links", phase_links(viewer), to_attr=PHASE_ATTR))
        phase_paths = [(*p, "phases") for p in paths] + [(*p, "path", "phases") for p in paths]
        phase_paths += [(*p, "path", "steps", "phase") for p in paths]
        phase_fields = selected_fields_at(info, phase_paths)
        lookups += phase_lookups(info, phase_fields, f"{prefix}{PHASE_ATTR}__phase__", phase_paths)
    if wanted("resources", "resources"):
        lookups.append(Prefetch(f"{prefix}resource_links", resource_links(viewer), to_attr=RESOURCE_ATTR))
        resource_paths = [(*p, "resources") for p in paths] + [(*p, "path", "resources") for p in paths]
        resource_paths += [(*p, "path", "steps", "resources") for p in paths]
        lookups += [
            Prefetch(f"{prefix}{RESOURCE_ATTR}__resource__{lookup.prefetch_through}", lookup.queryset, lookup.to_attr)
            for lookup in library_types.resource_prefetches(info, selected_fields_at(info, resource_paths))
        ]
    if wanted("methods", "methods"):
        lookups.append(Prefetch(f"{prefix}method_links", method_links(viewer), to_attr=METHOD_ATTR))
    if wanted("followUps", "followUps"):
        lookups.append(Prefetch(f"{prefix}follow_up_links", follow_up_links(viewer), to_attr=FOLLOW_UP_ATTR))
        follow_paths = [(*p, "followUps") for p in paths] + [(*p, "path", "followUps") for p in paths]
        follow_paths += [(*p, "path", "steps", "followUps") for p in paths]
        # Follow-ups are questions: recurse; the selection is finite, so is the recursion.
        if selected_fields_at(info, follow_paths):
            lookups += question_lookups(info, follow_paths, f"{prefix}{FOLLOW_UP_ATTR}__follow_up__")
    return lookups


def prefetch_questions(queryset, info, paths=((),)):
    return queryset.prefetch_related(*question_lookups(info, list(paths)))
