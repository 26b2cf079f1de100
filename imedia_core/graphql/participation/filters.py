"""Filter and sort inputs of the ``contributions`` and ``moderationQueue`` connections."""

import graphene
from graphql import GraphQLError

from imedia_core.participation.search import ContributionFilters

from ..core.context import principal_of
from ..core.nodes import decode_global_id, pk_from_global_id
from .types import AuthorKindEnum, ContributionKindEnum, ContributionStatusEnum


class ContributionFilterInput(graphene.InputObjectType):
    class Meta:
        description = "Narrow the contributions listed. Every filter is optional; a list matches any of its values."

    kind = graphene.List(graphene.NonNull(ContributionKindEnum), description="Only contributions of these kinds.")
    status = graphene.List(
        graphene.NonNull(ContributionStatusEnum),
        description="Only these statuses (within what the viewer may see: readers see published ones and their own).",
    )
    author_kind = graphene.List(graphene.NonNull(AuthorKindEnum), description="Only these kinds of authors.")
    phase = graphene.String(description="Only contributions of this phase: its global ID, or its slug.")
    themes = graphene.List(
        graphene.NonNull(graphene.String), description="Only contributions in one of these themes (slugs)."
    )
    group = graphene.ID(description="Only contributions signed by this expression group (global ID).")
    has_response = graphene.Boolean(
        description="true: only contributions with a published official response; false: only those without."
    )
    overdue = graphene.Boolean(
        description="true: only contributions linked to a commitment past its due date and not done "
        "(planned or in progress); false: only the others."
    )
    held = graphene.Boolean(description="true: only those an automatic check or reports held for review.")
    mine = graphene.Boolean(description="true: only what the viewer wrote or entered for someone else.")


class ContributionSort(graphene.Enum):
    class Meta:
        description = "How to sort contributions."

    NEWEST = "newest"
    OLDEST = "oldest"
    MOST_SUPPORTED = "most_supported"
    RELEVANCE = "relevance"
    LAST_ACTIVITY = "last_activity"

    @property
    def description(self):
        return {
            "NEWEST": "Newest first (default without a search).",
            "OLDEST": "Oldest first (the moderation queue's default: first in, first out).",
            "MOST_SUPPORTED": "Most supports first.",
            "RELEVANCE": "Relevance to the `search` text (default with a search).",
            "LAST_ACTIVITY": "Last change first.",
        }[self.name]


def _values(items) -> list[str]:
    return [getattr(item, "value", item) for item in items or []]


def to_filters(info, data) -> ContributionFilters:
    filters = ContributionFilters()
    if not data:
        return filters
    filters.kinds = _values(data.get("kind"))
    filters.statuses = _values(data.get("status"))
    filters.author_kinds = _values(data.get("author_kind"))
    filters.theme_slugs = [slug.strip() for slug in data.get("themes") or [] if slug.strip()]
    phase = (data.get("phase") or "").strip()
    if phase:
        type_name, _schema, pk = decode_global_id(phase)
        if type_name == "Phase" and pk is not None:
            filters.phase_ids = [pk_from_global_id(phase, "Phase") or 0]  # another programme's ID names nothing
        else:
            filters.phase_slugs = [phase]
    if data.get("group"):
        filters.group_ids = [pk_from_global_id(data["group"], "ExpressionGroup") or 0]
    filters.has_response = data.get("has_response")
    filters.overdue = data.get("overdue")
    filters.held = data.get("held")
    if data.get("mine"):
        filters.mine_user_id = getattr(principal_of(info).user, "pk", None) or 0
    return filters


def check_search(text):
    if text is not None and len(text) > 200:
        raise GraphQLError(
            "Le texte recherché ne doit pas dépasser 200 caractères.", extensions={"code": "BAD_USER_INPUT"}
        )
    return text
