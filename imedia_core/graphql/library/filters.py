"""Filter and sort inputs of the ``resources`` connection."""

import graphene
from graphql import GraphQLError

from imedia_core.library.search import ResourceFilters
from imedia_core.permissions import Perm

from ..core.mutations import input_field
from ..core.nodes import decode_global_id, pk_from_global_id
from ..core.permissions import require
from .types import AudienceEnum, ProvenanceEnum, PublicationStatusEnum, ReadingLevelEnum, ResourceKindEnum


class ResourceFilterInput(graphene.InputObjectType):
    class Meta:
        description = "Narrow the resources listed. Every filter is optional; a list matches any of its values."

    kind = graphene.List(graphene.NonNull(ResourceKindEnum), description="Only resources of these kinds.")
    themes = graphene.List(
        graphene.NonNull(graphene.String), description="Only resources in one of these themes (slugs)."
    )
    phase = graphene.String(
        description="Only resources serving this phase: its global ID, or its slug in the active cycle."
    )
    audience = graphene.List(graphene.NonNull(AudienceEnum), description="Only resources for one of these audiences.")
    language = graphene.String(description="Only resources in this language (BCP 47 code, e.g. `fr`).")
    reading_level = graphene.List(
        graphene.NonNull(ReadingLevelEnum), description="Only resources of these reading levels."
    )
    status = graphene.List(
        graphene.NonNull(PublicationStatusEnum),
        description="Only resources in these publication states (viewers who may read drafts only; "
        "others get `PERMISSION_DENIED` or `UNAUTHENTICATED`).",
    )
    provenance = graphene.List(graphene.NonNull(ProvenanceEnum), description="Only resources of these provenances.")


class ResourceSortField(graphene.Enum):
    class Meta:
        description = "What to sort resources by."

    RELEVANCE = "relevance"
    TITLE = "title"
    UPDATED_AT = "updated_at"
    PUBLISHED_AT = "published_at"

    @property
    def description(self):
        return {
            "RELEVANCE": "Relevance to the `search` text (without a search: last update).",
            "TITLE": "Title, ignoring case and accents.",
            "UPDATED_AT": "Last change.",
            "PUBLISHED_AT": "First publication (unpublished resources last).",
        }[self.name]


class ResourceSortDirection(graphene.Enum):
    class Meta:
        description = "Sort direction."

    ASC = "asc"
    DESC = "desc"

    @property
    def description(self):
        return {"ASC": "Ascending (A to Z, oldest first).", "DESC": "Descending (Z to A, newest first)."}[self.name]


class ResourceSortInput(graphene.InputObjectType):
    class Meta:
        description = (
            "How to sort resources. Default: relevance when searching, else last update, newest first. "
            "Ties are broken by creation order."
        )

    field = input_field(ResourceSortField, required=True, description="What to sort by.")
    direction = graphene.Field(ResourceSortDirection, description="Direction; by default DESC, except ASC for TITLE.")


def _values(items) -> list[str]:
    return [getattr(item, "value", item) for item in items or []]


def to_filters(info, data) -> ResourceFilters:
    """Translate the GraphQL input into ``ResourceFilters`` (checking who may filter by status)."""
    filters = ResourceFilters()
    if not data:
        return filters
    if data.get("status"):
        require(info, Perm.READ_UNPUBLISHED)
        filters.statuses = _values(data["status"])
    filters.kinds = _values(data.get("kind"))
    filters.theme_slugs = [slug.strip() for slug in data.get("themes") or [] if slug.strip()]
    filters.audiences = _values(data.get("audience"))
    if data.get("language"):
        filters.languages = [data["language"].strip()]
    filters.reading_levels = _values(data.get("reading_level"))
    filters.provenances = _values(data.get("provenance"))
    phase = (data.get("phase") or "").strip()
    if phase:
        type_name, _schema, pk = decode_global_id(phase)
        if type_name == "Phase" and pk is not None:
            # An ID of another programme names nothing here.
            filters.phase_ids = [pk_from_global_id(phase, "Phase") or 0]
        else:
            filters.phase_slugs = [phase]
    return filters


def to_sort(sort_by) -> tuple[str | None, str | None]:
    if not sort_by:
        return None, None
    field = getattr(sort_by.get("field"), "value", sort_by.get("field"))
    direction = getattr(sort_by.get("direction"), "value", sort_by.get("direction"))
    return field, direction


def check_search(text: str | None) -> str | None:
    if text is not None and len(text) > 200:
        raise GraphQLError(
            "Le texte recherché ne doit pas dépasser 200 caractères.", extensions={"code": "BAD_USER_INPUT"}
        )
    return text
