"""Finding resources: French full-text search, filters and sorting, shared by every API.

Search runs on the stored ``search_vector`` (title weight A, summary B, body C) with the
``public.french_unaccent`` configuration: French stemming with accents ignored, so
« mobilisation » finds « mobiliser » and « evaluation » finds « évaluation ». The query
accepts web-search syntax (``"exact phrase"``, ``-excluded``, ``or``). Matches are ranked
(``search_rank``) and highlighted (``search_title_highlight`` / ``search_summary_highlight``,
with ``<mark>`` around matched words, the rest HTML-escaped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import CharField, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.html import escape

from .models import SEARCH_CONFIG, Resource

MARK_START, MARK_STOP = "<mark>", "</mark>"


def search_query(text: str) -> SearchQuery:
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


# An excluded term of web-search syntax: ``-mot`` or ``-"deux mots"``.
_EXCLUDED = re.compile(r'(?:^|(?<=\s))-("[^"]*"|\S+)')


def rank_query(text: str) -> SearchQuery:
    """The query to rank matches by: the search without its excluded terms. PostgreSQL ranks a
    query holding a negation (``mobiliser & !atelier``) the same for every match, which would
    make relevance order meaningless as soon as a term is excluded."""
    positive = _EXCLUDED.sub(" ", text).strip()
    return search_query(positive or text)


def search_resources(queryset: QuerySet, text: str | None) -> QuerySet:
    """Narrow ``queryset`` to resources matching ``text`` and annotate rank and highlights.
    Blank text leaves the queryset as it is (no annotations)."""
    return search_with_highlights(queryset, text)


def search_with_highlights(queryset: QuerySet, text: str | None) -> QuerySet:
    """The resource centre's search on any model with a ``search_vector`` and ``title`` and
    ``summary`` fields (the commons' practices use it too): matches only, ranked
    (``search_rank``), with ``<mark>`` highlights of the title and summary. Blank: unchanged."""
    text = (text or "").strip()
    if not text:
        return queryset
    query = search_query(text)
    return queryset.filter(search_vector=query).annotate(
        search_rank=SearchRank(F("search_vector"), rank_query(text)),
        search_title_headline=SearchHeadline(
            "title", query, config=SEARCH_CONFIG, start_sel=MARK_START, stop_sel=MARK_STOP, highlight_all=True
        ),
        search_summary_headline=SearchHeadline(
            "summary",
            query,
            config=SEARCH_CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )


def safe_highlight(value: str | None) -> str | None:
    """Escape a headline's text, keeping only the ``<mark>`` tags PostgreSQL put in, so it can
    be inserted as HTML (titles and summaries are plain text and may contain ``<``)."""
    if value is None:
        return None
    escaped = escape(value)
    return escaped.replace(escape(MARK_START), MARK_START).replace(escape(MARK_STOP), MARK_STOP)


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
    from imedia_core.cycle.models import PhaseResource

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


def french_sort_key(field_name: str):
    """Sort text the French way whatever the database collation: case and accents ignored."""
    return Lower(Func(F(field_name), function="public.unaccent", output_field=CharField()))


def visible_resources(can_read_unpublished: bool) -> QuerySet:
    return Resource.objects.for_reader(can_read_unpublished)
