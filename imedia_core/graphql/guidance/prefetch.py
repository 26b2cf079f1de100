"""What a query asks of questions, prefetched in a constant number of SQL queries.

A question's links (phases, resources, methods, follow-ups) are reached directly
(``question { phases }``), through its path (``path { phases }``, ``path { steps { phase } }``) and
through follow-ups (which are questions again). The root resolvers pass the selection paths that
lead to question objects; each relation is prefetched once, filtered for the viewer, whatever the
number of questions, and what is nested below (phase items, resource themes…) reuses the cycle's
and the library's own prefetches re-rooted under these links.
"""

from django.db.models import Prefetch, Q
from django.utils import timezone

from imedia_core.content.models import PublicationStatus
from imedia_core.guidance.models import Question, QuestionFollowUp, QuestionMethod, QuestionPhase, QuestionResource
from imedia_core.permissions import Perm

from ..core.context import principal_of
from ..cycle.prefetch import phase_lookups
from ..library import types as library_types
from ..library.types import selected_fields

PHASE_ATTR = "prefetched_phase_links"
RESOURCE_ATTR = "prefetched_resource_links"
METHOD_ATTR = "prefetched_method_links"
FOLLOW_UP_ATTR = "prefetched_follow_up_links"


def can_read_unpublished(info) -> bool:
    return principal_of(info).has(Perm.READ_UNPUBLISHED)


def _visible(prefix: str, now) -> Q:
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


def phase_links(info):
    """Links to phases the viewer may see: readers, published phases of the active cycle."""
    links = QuestionPhase.objects.select_related("phase__cycle").order_by("position", "id")
    if not can_read_unpublished(info):
        links = links.filter(_visible("phase__", timezone.now()), phase__cycle__is_active=True)
    return links


def resource_links(info):
    links = QuestionResource.objects.select_related("resource").order_by("position", "id")
    if not can_read_unpublished(info):
        links = links.filter(_visible("resource__", timezone.now()))
    return links


def method_links(info):
    links = QuestionMethod.objects.select_related("item__phase__cycle").order_by("position", "id")
    if not can_read_unpublished(info):
        links = links.filter(_visible("item__phase__", timezone.now()), item__phase__cycle__is_active=True)
    return links


def follow_up_links(info):
    links = QuestionFollowUp.objects.select_related("follow_up").order_by("position", "id")
    if not can_read_unpublished(info):
        links = links.filter(_visible("follow_up__", timezone.now()))
    return links


def _fields(info, paths) -> set[str]:
    names: set[str] = set()
    for path in paths:
        names |= selected_fields(info, path)
    return names


def question_lookups(info, paths: list[tuple[str, ...]], prefix: str = "") -> list:
    """Prefetches for questions reached at ``paths`` (selection paths from the root field), under
    ``prefix`` (empty for a question queryset)."""
    direct = _fields(info, paths)
    via_path = _fields(info, [(*p, "path") for p in paths])
    via_steps = _fields(info, [(*p, "path", "steps") for p in paths])
    wants_path = "path" in direct
    lookups: list = []

    def wanted(direct_name, step_name):
        return wants_path or direct_name in direct or direct_name in via_path or step_name in via_steps

    if wanted("phases", "phase"):
        lookups.append(Prefetch(f"{prefix}phase_links", phase_links(info), to_attr=PHASE_ATTR))
        phase_paths = [(*p, "phases") for p in paths] + [(*p, "path", "phases") for p in paths]
        phase_paths += [(*p, "path", "steps", "phase") for p in paths]
        lookups += phase_lookups(info, _fields(info, phase_paths), f"{prefix}{PHASE_ATTR}__phase__", phase_paths)
    if wanted("resources", "resources"):
        lookups.append(Prefetch(f"{prefix}resource_links", resource_links(info), to_attr=RESOURCE_ATTR))
        resource_paths = [(*p, "resources") for p in paths] + [(*p, "path", "resources") for p in paths]
        resource_paths += [(*p, "path", "steps", "resources") for p in paths]
        lookups += [
            Prefetch(f"{prefix}{RESOURCE_ATTR}__resource__{lookup.prefetch_through}", lookup.queryset, lookup.to_attr)
            for lookup in library_types.resource_prefetches(info, _fields(info, resource_paths))
        ]
    if wanted("methods", "methods"):
        lookups.append(Prefetch(f"{prefix}method_links", method_links(info), to_attr=METHOD_ATTR))
    if wanted("followUps", "followUps"):
        lookups.append(Prefetch(f"{prefix}follow_up_links", follow_up_links(info), to_attr=FOLLOW_UP_ATTR))
        follow_paths = [(*p, "followUps") for p in paths] + [(*p, "path", "followUps") for p in paths]
        follow_paths += [(*p, "path", "steps", "followUps") for p in paths]
        # Follow-ups are questions: recurse; the selection is finite, so is the recursion.
        if _fields(info, follow_paths):
            lookups += question_lookups(info, follow_paths, f"{prefix}{FOLLOW_UP_ATTR}__follow_up__")
    return lookups


def prefetch_questions(queryset, info, paths=((),)):
    return queryset.prefetch_related(*question_lookups(info, list(paths)))


def visible_questions(info):
    return Question.objects.for_reader(can_read_unpublished(info))
