"""Finding practices in the commons: French full-text search, filters and sorting.

Search runs on the stored ``search_vector`` (title A; summary and what worked B; body and
conditions C) through the shared French search (``imedia_core.search``: stemming, accents
ignored, web-search syntax, ranked, with ``<mark>`` highlights of the title and summary).
Theme and phase filters compare normalised labels, so « Insertion » matches « insertion ».
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from imedia_core.search import french_sort_key, highlighted_matches

from .models import PracticeStatus
from .services import label_keys


def search_practices(queryset: QuerySet, text: str | None) -> QuerySet:
    """Narrow to practices matching ``text``; annotate rank and highlights. Blank: unchanged."""
    return highlighted_matches(queryset, text)


@dataclass
class PracticeFilters:
    """Every filter is optional; list filters match any of their values."""

    policy_areas: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    source_kinds: list[str] = field(default_factory=list)
    licences: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=lambda: [PracticeStatus.PUBLISHED])
    mine: bool | None = None  # True: shared by this programme; False: by the others


def filter_practices(queryset: QuerySet, filters: PracticeFilters, tenant_id: int | None) -> QuerySet:
    if filters.policy_areas:
        queryset = queryset.filter(policy_area__in=filters.policy_areas)
    if filters.themes:
        queryset = queryset.filter(theme_keys__overlap=label_keys(filters.themes) or [""])
    if filters.phases:
        queryset = queryset.filter(phase_keys__overlap=label_keys(filters.phases) or [""])
    if filters.source_kinds:
        queryset = queryset.filter(source_kind__in=filters.source_kinds)
    if filters.licences:
        queryset = queryset.filter(licence__in=filters.licences)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.mine is True:
        queryset = queryset.filter(source_tenant_id=tenant_id)
    elif filters.mine is False:
        queryset = queryset.exclude(source_tenant_id=tenant_id)
    return queryset


SORT_FIELDS = {"relevance", "shared_at", "title", "adaptations"}
DEFAULT_DIRECTIONS = {"relevance": "desc", "shared_at": "desc", "title": "asc", "adaptations": "desc"}


def sort_practices(queryset: QuerySet, field_name: str | None = None, direction: str | None = None) -> QuerySet:
    """Order by relevance (needs a search; else the sharing date), sharing date, title (French
    order) or number of adaptations (needs ``adaptation_count``). Ties broken by id."""
    searching = "search_rank" in queryset.query.annotations
    field_name = field_name or ("relevance" if searching else "shared_at")
    if field_name not in SORT_FIELDS:
        raise ValueError(field_name)
    if field_name == "relevance" and not searching:
        field_name = "shared_at"
    direction = direction or DEFAULT_DIRECTIONS[field_name]
    descending = direction == "desc"
    column = {
        "relevance": F("search_rank"),
        "shared_at": F("shared_at"),
        "title": french_sort_key("title"),
        "adaptations": F("adaptation_count"),
    }[field_name]
    order = column.desc() if descending else column.asc()
    tie = F("id").desc() if descending else F("id").asc()
    return queryset.order_by(order, tie)
