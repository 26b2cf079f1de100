"""GraphQL types of the good-practice commons.

Who reads what is the commons domain's rule (``imedia_core.commons.visibility``): published
practices for every reader, withdrawn ones and private provenance for the staff of the programme
that shared them, adaptations as a count plus the viewer's own programme's adaptation.
"""

import graphene
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from imedia_core.commons import models
from imedia_core.commons.visibility import (
    is_own,
    own_adaptations,
    sees_own_adaptations,
    sees_private,
    visible_practices,
)
from imedia_core.content.sanitize import clean_html
from imedia_core.permissions import Perm
from imedia_core.search import safe_highlight

from ..core.connection import CountableConnection
from ..core.context import service_context
from ..core.enums import api_label, described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantGlobalIDType
from ..core.types import PolicyAreaEnum
from ..core.types_base import ModelObjectType
from .ids import practice_global_id

PracticeSourceKindEnum = described_enum(
    "PracticeSourceKind", models.PracticeSourceKind, "What a shared practice was made from."
)
PracticeStatusEnum = described_enum(
    "PracticeStatus", models.PracticeStatus, "Whether a practice is in the commons or was withdrawn."
)
PracticeLicenceEnum = type(
    "PracticeLicence",
    (graphene.Enum,),
    {
        "CC_BY_SA_4": models.PracticeLicence.CC_BY_SA_4.value,
        "CC_BY_4": models.PracticeLicence.CC_BY_4.value,
        "CC_BY_NC_SA_4": models.PracticeLicence.CC_BY_NC_SA_4.value,
        "CC0": models.PracticeLicence.CC0.value,
        "ETALAB_2": models.PracticeLicence.ETALAB_2.value,
        "Meta": type("Meta", (), {"description": "Licence a practice is shared under (default CC BY-SA 4.0)."}),
        "description": property(lambda self: api_label(models.PracticeLicence(self.value).label)),
    },
)

CommonsErrorCode = error_codes(
    "CommonsErrorCode",
    "Why a good-practice commons mutation failed.",
    {
        "CONSENT_REQUIRED": "Sharing needs the explicit consent of the programme (`consent: true`).",
        "PERSONAL_DATA_NOT_CONFIRMED": "The person sharing must confirm that personal data were removed.",
        "SOURCE_NOT_PUBLISHED": "Only a published resource can be shared.",
        "COMMITMENT_NOT_DONE": "Only a commitment that was done can be shared.",
        "ALREADY_SHARED": "This resource or commitment is already in the commons.",
        "NOT_SOURCE": "Only the programme that shared a practice may withdraw it.",
        "NOT_PUBLISHED": "The practice was withdrawn from the commons.",
        "OWN_PRACTICE": "A programme cannot adapt its own practice.",
    },
)
CommonsError = error_type("CommonsError", CommonsErrorCode, "An error returned by a commons mutation.")


def _value(choice):
    return getattr(choice, "value", choice)


def with_adaptation_counts(queryset):
    """Annotate ``adaptation_count`` (a subquery: the page stays one query)."""
    counts = (
        models.Adaptation.objects.filter(practice_id=OuterRef("pk"))
        .order_by()
        .values("practice_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return queryset.annotate(adaptation_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0)))


def practice_prefetches(info, fields: set[str]) -> list:
    """The viewer's own adaptations, in one query for the page, when they are asked for."""
    ctx = service_context(info)
    if "viewerAdaptation" not in fields or not sees_own_adaptations(ctx):
        return []
    return [Prefetch("adaptations", queryset=own_adaptations(ctx), to_attr="viewer_adaptations")]


class PracticeProvenance(graphene.ObjectType):
    class Meta:
        description = "Where a practice comes from: the programme that shared it, as it was then."

    programme = graphene.String(required=True, description="Name of the programme that shared it.")
    territory = graphene.String(required=True, description="Territory of that programme (may be empty).")
    policy_area = graphene.Field(PolicyAreaEnum, required=True, description="Public policy of that programme.")
    source_kind = graphene.Field(PracticeSourceKindEnum, required=True, description="What it was made from.")
    source_id = graphene.ID(
        description="Global ID of the source resource or commitment in its programme: shown to that programme's "
        "staff only (null for others, and for an initiative)."
    )


class PracticeConsent(graphene.ObjectType):
    class Meta:
        description = "The consent recorded when the practice was shared."

    given_at = graphene.DateTime(required=True, description="When consent was given and the practice shared.")
    personal_data_removed = graphene.Boolean(
        required=True, description="The person sharing confirmed that personal data were removed."
    )
    scrubbed_count = graphene.Int(
        required=True, description="E-mail addresses and phone numbers removed automatically when it was shared."
    )
    given_by = graphene.String(
        description="Who consented and shared it: shown to the source programme's staff only (null for others)."
    )


class PracticeAdaptation(graphene.ObjectType):
    class Meta:
        description = "The viewer's programme's adaptation of a practice (another programme never sees it)."

    adapted_at = graphene.DateTime(required=True, description="When it was adapted.")
    resource_id = graphene.ID(
        required=True, description="Global ID of the adapted resource in the viewer's programme (`resource(id:)`)."
    )


class PracticeHighlight(graphene.ObjectType):
    class Meta:
        description = "Search matches in a practice's title and summary: HTML-escaped, `<mark>` around matched words."

    title = graphene.String(required=True, description="The title with matches marked.")
    summary = graphene.String(description="Fragments of the summary with matches marked (empty when none).")


class Practice(ModelObjectType):
    class Meta:
        model = models.Practice
        fields = ("title", "summary", "what_worked", "conditions", "shared_at", "unpublished_at")
        use_connection = True
        connection_class = CountableConnection
        read_permission = Perm.READ_PUBLIC
        description = (
            "A good practice shared in the commons by a programme: a snapshot with its provenance, consent and "
            "licence, readable from every programme. Its ID is the same in every programme."
        )

    id = graphene.ID(
        required=True,
        description="Global ID, valid in every programme (unlike other IDs): use it with `practice(id:)`.",
    )
    body = graphene.String(required=True, description="The practice, sanitised HTML.")
    themes = graphene.List(graphene.NonNull(graphene.String), required=True, description="Theme labels.")
    phases = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Labels of the phases of the cycle it serves."
    )
    licence = graphene.Field(PracticeLicenceEnum, required=True, description="Licence it is shared under.")
    source_kind = graphene.Field(PracticeSourceKindEnum, required=True, description="What it was made from.")
    provenance = graphene.Field(PracticeProvenance, required=True, description="The programme that shared it.")
    consent = graphene.Field(PracticeConsent, required=True, description="The consent recorded when it was shared.")
    status = graphene.Field(
        PracticeStatusEnum,
        required=True,
        description="PUBLISHED, or UNPUBLISHED (withdrawn: only its own programme still sees it).",
    )
    is_own = graphene.Boolean(required=True, description="Whether the viewer's programme shared it.")
    adaptation_count = graphene.Int(
        required=True, description="How many programmes adapted it into their resource centre (never which)."
    )
    viewer_adaptation = graphene.Field(
        PracticeAdaptation,
        description="The viewer's programme's adaptation of it, if any; for viewers who may read drafts (null "
        "otherwise).",
    )
    rank = graphene.Float(description="Relevance to the `search` text (higher is better); null without a search.")
    highlight = graphene.Field(PracticeHighlight, description="Where the `search` text matched; null without a search.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_practices(service_context(info), super().get_queryset(queryset, info))

    def resolve_id(root, info):
        return practice_global_id(root.pk)

    def resolve_body(root, info):
        return clean_html(root.body)

    def resolve_licence(root, info):
        return _value(root.licence)

    def resolve_source_kind(root, info):
        return _value(root.source_kind)

    def resolve_status(root, info):
        return _value(root.status)

    def resolve_provenance(root, info):
        source_id = None
        if root.source_id and sees_private(service_context(info), root):
            type_name = "Resource" if root.source_kind == models.PracticeSourceKind.RESOURCE else "Commitment"
            source_id = TenantGlobalIDType.to_global_id(type_name, root.source_id)
        return PracticeProvenance(
            programme=root.source_programme,
            territory=root.source_territory,
            policy_area=_value(root.policy_area),
            source_kind=_value(root.source_kind),
            source_id=source_id,
        )

    def resolve_consent(root, info):
        return PracticeConsent(
            given_at=root.shared_at,
            personal_data_removed=root.personal_data_removed,
            scrubbed_count=root.scrubbed_count,
            given_by=root.shared_by_label if sees_private(service_context(info), root) else None,
        )

    def resolve_is_own(root, info):
        return is_own(service_context(info), root)

    def resolve_adaptation_count(root, info):
        count = getattr(root, "adaptation_count", None)
        return root.adaptations.count() if count is None else count

    def resolve_viewer_adaptation(root, info):
        ctx = service_context(info)
        if not sees_own_adaptations(ctx):
            return None
        rows = getattr(root, "viewer_adaptations", None)
        if rows is None:
            rows = list(own_adaptations(ctx, root.adaptations.all()))
        if not rows:
            return None
        return PracticeAdaptation(
            adapted_at=rows[0].created_at, resource_id=TenantGlobalIDType.to_global_id("Resource", rows[0].resource_id)
        )

    def resolve_rank(root, info):
        return getattr(root, "search_rank", None)

    def resolve_highlight(root, info):
        if not hasattr(root, "search_title_headline"):
            return None
        return PracticeHighlight(
            title=safe_highlight(root.search_title_headline),
            summary=safe_highlight(root.search_summary_headline or ""),
        )
