"""Finding contributions: filters, French full-text search and sorting, shared by every API.

Search runs on the stored ``search_vector`` (title weight A, body B) through the shared French
search (``imedia_core.search``: stemming, accents ignored, web-search syntax, ranked).
``has_response`` and ``overdue`` look at the feedback domain (responses, commitments).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from imedia_core.feedback.models import Commitment, Response
from imedia_core.feedback.models import overdue_condition as commitment_overdue
from imedia_core.search import ranked_matches

from .models import Contribution


@dataclass
class ContributionFilters:
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    author_kinds: list[str] = field(default_factory=list)
    phase_ids: list[int] = field(default_factory=list)
    phase_slugs: list[str] = field(default_factory=list)
    theme_slugs: list[str] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)
    has_response: bool | None = None
    overdue: bool | None = None
    held: bool | None = None
    mine_user_id: int | None = None


def has_response_condition():
    """A published official response exists (readers see only those)."""
    return Exists(Response.objects.published().filter(contribution=OuterRef("pk")))


def overdue_condition(today=None):
    """A commitment answering the contribution is overdue (same rule as the feedback domain)."""
    return Exists(Commitment.objects.filter(commitment_overdue(today), contributions=OuterRef("pk")))


def _boolean(queryset: QuerySet, condition, wanted: bool | None) -> QuerySet:
    if wanted is None:
        return queryset
    return queryset.filter(condition if wanted else ~condition)


def filter_contributions(queryset: QuerySet, filters: ContributionFilters) -> QuerySet:
    """Apply ``filters`` (joins written as EXISTS so no contribution appears twice)."""
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.author_kinds:
        queryset = queryset.filter(author_kind__in=filters.author_kinds)
    if filters.phase_ids or filters.phase_slugs:
        condition = Q()
        if filters.phase_ids:
            condition |= Q(phase_id__in=filters.phase_ids)
        if filters.phase_slugs:
            condition |= Q(phase__slug__in=filters.phase_slugs, phase__cycle__is_active=True)
        queryset = queryset.filter(condition)
    if filters.theme_slugs:
        links = Contribution.themes.through.objects.filter(
            contribution_id=OuterRef("pk"), theme__slug__in=filters.theme_slugs
        )
        queryset = queryset.filter(Exists(links))
    if filters.group_ids:
        queryset = queryset.filter(group_id__in=filters.group_ids)
    if filters.held is not None:
        queryset = queryset.exclude(held_by="") if filters.held else queryset.filter(held_by="")
    if filters.mine_user_id is not None:
        queryset = queryset.filter(Q(author_id=filters.mine_user_id) | Q(entered_by_id=filters.mine_user_id))
    queryset = _boolean(queryset, has_response_condition(), filters.has_response)
    queryset = _boolean(queryset, overdue_condition(), filters.overdue)
    return queryset


def search_contributions(queryset: QuerySet, text: str | None) -> QuerySet:
    """Narrow to contributions matching ``text``, annotated with ``search_rank``. Blank: unchanged."""
    return ranked_matches(queryset, text)


SORTS = {"newest", "oldest", "most_supported", "relevance", "last_activity"}


def sort_contributions(queryset: QuerySet, sort: str | None) -> QuerySet:
    searching = "search_rank" in queryset.query.annotations
    sort = sort or ("relevance" if searching else "newest")
    if sort == "relevance" and not searching:
        sort = "newest"
    orders = {
        "newest": (F("created_at").desc(), F("id").desc()),
        "oldest": (F("created_at").asc(), F("id").asc()),
        "most_supported": (F("support_count").desc(), F("created_at").desc(), F("id").desc()),
        "relevance": (F("search_rank").desc(), F("id").desc()),
        "last_activity": (F("updated_at").desc(), F("id").desc()),
    }
    return queryset.order_by(*orders[sort])
