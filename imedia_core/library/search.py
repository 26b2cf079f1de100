"""Finding resources: filters and sorting shared by every API, and the resource centre's use
of the French full-text search (``imedia_core.search``): titles weigh most (A), then summaries
(B), then bodies (C); matches are ranked and their title and summary highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from imedia_core.cycle.models import PhaseResource
from imedia_core.search import french_sort_key, highlighted_matches

from .models import Resource


def search_resources(queryset: QuerySet, text: str | None) -> QuerySet:
    """Narrow ``queryset`` to resources matching ``text`` and annotate rank and highlights.
    Blank text leaves the queryset as it is (no annotations)."""
    return highlighted_matches(queryset, text)


@dataclass
class ResourceFilters:
    """Every filter is optional; list filters match any of their values."""

    kinds: list[str] = field(default_factory=list)
    theme_slugs: list[str] = field(default_factory=list)
    phase_ids: list[int] = field(default_factory=list)
    phase_slugs: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    reading_levels: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    provenances: list[str] = field(default_factory=list)


def filter_resources(queryset: QuerySet, filters: ResourceFilters) -> QuerySet:
    """Apply ``filters``; joins are written as EXISTS so no resource appears twice."""
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.theme_slugs:
        themes = Resource.themes.through.objects.filter(resource_id=OuterRef("pk"), theme__slug__in=filters.theme_slugs)
        queryset = queryset.filter(Exists(themes))
    if filters.phase_ids or filters.phase_slugs:
        condition = Q()
        if filters.phase_ids:
            condition |= Q(phase_id__in=filters.phase_ids)
        if filters.phase_slugs:
            condition |= Q(phase__slug__in=filters.phase_slugs, phase__cycle__is_active=True)
        queryset = queryset.filter(Exists(PhaseResource.objects.filter(condition, resource_id=OuterRef("pk"))))
    if filters.audiences:
        queryset = queryset.filter(audiences__overlap=filters.audiences)
    if filters.languages:
        queryset = queryset.filter(language__in=filters.languages)
    if filters.reading_levels:
        queryset = queryset.filter(reading_level__in=filters.reading_levels)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.provenances:
        queryset = queryset.filter(provenance__in=filters.provenances)
    return queryset


SORT_FIELDS = {"relevance", "title", "updated_at", "published_at"}
DEFAULT_DIRECTIONS = {"relevance": "desc", "title": "asc", "updated_at": "desc", "published_at": "desc"}


def sort_resources(queryset: QuerySet, field_name: str | None = None, direction: str | None = None) -> QuerySet:
    """Order by ``field_name`` (relevance needs a search; without one it falls back to the last
    update), ``direction`` ``asc``/``desc`` (default: desc, asc for titles). Ties are broken by
    id, so pages are stable."""
    searching = "search_rank" in queryset.query.annotations
    field_name = field_name or ("relevance" if searching else "updated_at")
    if field_name not in SORT_FIELDS:
        raise ValueError(field_name)
    if field_name == "relevance" and not searching:
        field_name = "updated_at"
    direction = direction or DEFAULT_DIRECTIONS[field_name]
    descending = direction == "desc"
    title_key = french_sort_key("title")
    column = {"relevance": F("search_rank"), "title": title_key, "updated_at": F("updated_at")}.get(field_name)
    if field_name == "published_at":
        column = F("published_at")
        order = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
    else:
        order = column.desc() if descending else column.asc()
    tie = F("id").desc() if descending else F("id").asc()
    return queryset.order_by(order, tie)
