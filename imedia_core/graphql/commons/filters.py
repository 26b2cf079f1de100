"""Filter and sort inputs of the ``practices`` connection."""

import graphene

from imedia_core.commons.search import PracticeFilters

from ..core.mutations import input_field
from ..core.types import PolicyAreaEnum
from ..library.filters import ResourceSortDirection
from .types import PracticeLicenceEnum, PracticeSourceKindEnum, PracticeStatusEnum


class PracticeFilterInput(graphene.InputObjectType):
    class Meta:
        description = "Narrow the practices listed. Every filter is optional; a list matches any of its values."

    policy_area = graphene.List(
        graphene.NonNull(PolicyAreaEnum), description="Only practices of programmes of these public policies."
    )
    themes = graphene.List(
        graphene.NonNull(graphene.String),
        description="Only practices with one of these theme labels (case and accents ignored).",
    )
    phases = graphene.List(
        graphene.NonNull(graphene.String),
        description="Only practices with one of these phase labels (case and accents ignored).",
    )
    source_kind = graphene.List(
        graphene.NonNull(PracticeSourceKindEnum), description="Only practices made from these kinds of source."
    )
    licence = graphene.List(graphene.NonNull(PracticeLicenceEnum), description="Only practices under these licences.")
    status = graphene.List(
        graphene.NonNull(PracticeStatusEnum),
        description="Only practices in these states (default: PUBLISHED). Withdrawn practices are listed only to "
        "the staff of the programme that shared them.",
    )
    mine = graphene.Boolean(
        description="true: only the practices this programme shared; false: only those of other programmes."
    )


class PracticeSortField(graphene.Enum):
    class Meta:
        description = "What to sort practices by."

    RELEVANCE = "relevance"
    SHARED_AT = "shared_at"
    TITLE = "title"
    ADAPTATIONS = "adaptations"

    @property
    def description(self):
        return {
            "RELEVANCE": "Relevance to the `search` text (without a search: sharing date).",
            "SHARED_AT": "When it was shared.",
            "TITLE": "Title, ignoring case and accents.",
            "ADAPTATIONS": "Number of programmes that adapted it.",
        }[self.name]


class PracticeSortInput(graphene.InputObjectType):
    class Meta:
        description = (
            "How to sort practices. Default: relevance when searching, else the most recently shared first. "
            "Ties are broken by creation order."
        )

    field = input_field(PracticeSortField, required=True, description="What to sort by.")
    direction = graphene.Field(ResourceSortDirection, description="Direction; by default DESC, except ASC for TITLE.")


def _values(items) -> list[str]:
    return [getattr(item, "value", item) for item in items or []]


def _labels(items) -> list[str]:
    return [label.strip() for label in items or [] if label and label.strip()]


def to_filters(data) -> PracticeFilters:
    filters = PracticeFilters()
    if not data:
        return filters
    filters.policy_areas = _values(data.get("policy_area"))
    filters.themes = _labels(data.get("themes"))
    filters.phases = _labels(data.get("phases"))
    filters.source_kinds = _values(data.get("source_kind"))
    filters.licences = _values(data.get("licence"))
    if data.get("status"):
        filters.statuses = _values(data["status"])
    filters.mine = data.get("mine")
    return filters
