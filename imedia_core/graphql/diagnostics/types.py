"""GraphQL types of self-diagnostics: questionnaires, runs, and a run's results."""

import enum

import graphene
from django.db.models import Count, Prefetch
from django.urls import reverse

from imedia_core.content.sanitize import clean_html
from imedia_core.diagnostics import models
from imedia_core.diagnostics.access import visible_diagnostics, visible_groups, visible_parts, visible_runs
from imedia_core.diagnostics.results import agreement_of
from imedia_core.diagnostics.scoring import available_scorers
from imedia_core.diagnostics.services import format_code
from imedia_core.permissions import Perm

from ..core.connection import CountableConnection
from ..core.context import principal_of, service_context
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.types import PublicationStatusEnum
from ..core.types_base import ModelObjectType

PHASE_TYPE = "imedia_core.graphql.cycle.types.Phase"
PHASE_ITEM_TYPE = "imedia_core.graphql.cycle.types.PhaseItem"
RESOURCE_TYPE = "imedia_core.graphql.library.types.Resource"

DiagnosticErrorCode = error_codes(
    "DiagnosticErrorCode",
    "Why a self-diagnostic mutation failed.",
    {
        "RUN_CLOSED": "The run is closed: it accepts no more answers.",
        "ALREADY_CLOSED": "The run was closed already.",
        "INVALID_CODE": "No run of this programme has this code.",
        "RATE_LIMITED": "Too many wrong codes from this connection: try again in a quarter of an hour.",
        "INVALID_PARTICIPANT_TOKEN": "The participant token names nobody in this run.",
        "SIGN_IN_REQUIRED": "This run accepts answers from signed-in people only.",
        "NOT_PUBLISHED": "The diagnostic is not published: no run can be opened.",
        "IN_USE": "People have answered already: dimensions and items can no longer change.",
        "UNKNOWN_SCORER": "No installed scorer has this key.",
        "UNKNOWN_TEMPLATE": "No diagnostic template has this key in this programme.",
        "NO_CYCLE": "No active cycle to take dimensions from: give them explicitly.",
    },
)
DiagnosticError = error_type("DiagnosticError", DiagnosticErrorCode, "An error returned by a self-diagnostic mutation.")

RunStatusEnum = described_enum("DiagnosticRunStatus", models.RunStatus, "Whether a run accepts answers.")


class Agreement(enum.Enum):
    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"


AgreementEnum = described_enum(
    "DiagnosticAgreement",
    Agreement,
    "How much a group agrees on a dimension or item, from the spread (population standard deviation, 0-100).",
    {
        "strong": "Accord : spread below 12.5 points.",
        "moderate": "Avis partagés : spread from 12.5 to 25 points.",
        "weak": "Désaccord : spread of 25 points or more.",
    },
)


def can_run(info) -> bool:
    return principal_of(info).has(Perm.RUN_DIAGNOSTIC)


def can_read_unpublished(info) -> bool:
    return principal_of(info).has(Perm.READ_UNPUBLISHED)


def _cached(obj, name):
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else list(getattr(obj, name).all())


class ScaleOption(graphene.ObjectType):
    class Meta:
        description = "An answer option of an item: answers name it by `position`."

    position = graphene.Int(required=True, description="Index of the option, from 0: what `choice` sends.")
    label = graphene.String(required=True, description="What people read, e.g. « Plutôt ».")
    score = graphene.Float(required=True, description="Its score (normalised to 0-100 with the item's scale).")


class MaturityLevel(graphene.ObjectType):
    class Meta:
        description = "A score band with its French label: from `minScore` (included) to the next level's."

    label = graphene.String(required=True, description="Name of the level, e.g. « En cours ».")
    description = graphene.String(required=True, description="What the level means; may be empty.")
    min_score = graphene.Float(required=True, description="Lowest score of the band (0-100, included).")


class DiagnosticItem(ModelObjectType):
    class Meta:
        model = models.Item
        interfaces = (TenantNode,)
        fields = ("position", "text", "help_text", "weight")
        description = "A statement or question of a diagnostic, on one dimension, with its answer scale and weight."

    scale = graphene.List(graphene.NonNull(ScaleOption), required=True, description="Answer options, in order.")
    dimension_id = graphene.ID(required=True, description="Global ID of the item's dimension.")

    def resolve_scale(root, info):
        return [
            ScaleOption(position=i, label=option["label"], score=option["score"]) for i, option in enumerate(root.scale)
        ]

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_parts(service_context(info), queryset)

    def resolve_dimension_id(root, info):
        return TenantNode.to_global_id("DiagnosticDimension", root.dimension_id)


class DiagnosticDimension(ModelObjectType):
    class Meta:
        model = models.Dimension
        interfaces = (TenantNode,)
        fields = ("position", "slug", "title", "description")
        description = "What a diagnostic scores: a phase of the cycle, or an axis the team defined."

    phase = graphene.Field(PHASE_TYPE, description="The phase it stands for; null if none or not visible.")
    items = graphene.List(graphene.NonNull(DiagnosticItem), required=True, description="Its items, in order.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_parts(service_context(info), queryset)

    def resolve_phase(root, info):
        phase = root.phase
        if phase is None or can_read_unpublished(info) or phase.is_visible:
            return phase
        return None

    def resolve_items(root, info):
        return _cached(root, "items")


class Diagnostic(ModelObjectType):
    class Meta:
        model = models.Diagnostic
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("slug", "title", "scorer_key", "template_key", "published_at", "created_at", "updated_at")
        description = (
            "A self-diagnostic questionnaire scored on dimensions. Readers see published ones; staff also drafts."
        )

    description = graphene.String(required=True, description="What the diagnostic is for, sanitised HTML.")
    status = graphene.Field(PublicationStatusEnum, required=True, description="Publication state.")
    scorer_label = graphene.String(required=True, description="Name of the scoring method, in French.")
    dimensions = graphene.List(
        graphene.NonNull(DiagnosticDimension), required=True, description="Its dimensions, in order."
    )
    items = graphene.List(graphene.NonNull(DiagnosticItem), required=True, description="All its items, in order.")
    maturity_levels = graphene.List(
        graphene.NonNull(MaturityLevel), required=True, description="Score bands, lowest first."
    )
    item_count = graphene.Int(required=True, description="Number of items.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_diagnostics(service_context(info), queryset)

    def resolve_description(root, info):
        return clean_html(root.description)

    def resolve_status(root, info):
        return getattr(root.status, "value", root.status)

    def resolve_scorer_label(root, info):
        scorer = available_scorers().get(root.scorer_key)
        return scorer.label if scorer else root.scorer_key

    def resolve_dimensions(root, info):
        return _cached(root, "dimensions")

    def resolve_items(root, info):
        return _cached(root, "items")

    def resolve_maturity_levels(root, info):
        return _cached(root, "maturity_levels")

    def resolve_item_count(root, info):
        if "items" in getattr(root, "_prefetched_objects_cache", {}):
            return len(root._prefetched_objects_cache["items"])
        return root.items.count()


def diagnostic_prefetches():
    """Everything a diagnostic's fields may show, one query per relation for a whole page."""
    items = models.Item.objects.order_by("position", "id")
    return [
        Prefetch(
            "dimensions",
            queryset=models.Dimension.objects.order_by("position", "id")
            .select_related("phase__cycle")
            .prefetch_related(Prefetch("items", queryset=items)),
        ),
        Prefetch("items", queryset=items),
        Prefetch("maturity_levels", queryset=models.MaturityLevel.objects.order_by("min_score", "id")),
    ]


class DiagnosticGroup(ModelObjectType):
    class Meta:
        model = models.Group
        interfaces = (TenantNode,)
        fields = ("name", "slug", "description")
        description = "A group that runs diagnostics over time; its runs are compared with each other."

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_groups(service_context(info), queryset)


class DiagnosticRun(ModelObjectType):
    class Meta:
        model = models.Run
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("title", "held_on", "allow_anonymous", "opened_at", "closed_at", "conclusions", "priorities")
        description = (
            "A session of a diagnostic with a group. Staff (RUN_DIAGNOSTIC) see every run; a signed-in "
            "person sees the runs they answered."
        )

    status = graphene.Field(RunStatusEnum, required=True, description="Whether it still accepts answers.")
    code = graphene.String(description="Code participants enter to answer (`ABCD-EFGH`); staff only, null for others.")
    diagnostic = graphene.Field(Diagnostic, required=True, description="The questionnaire.")
    group = graphene.Field(DiagnosticGroup, required=True, description="The group that ran it.")
    facilitator_label = graphene.String(description="Who opened it; staff only, null for others.")
    participant_count = graphene.Int(required=True, description="Number of people who answered.")
    radar_url = graphene.String(
        required=True, description="Absolute URL of the results' SVG radar chart (REST; same access as the results)."
    )
    results_csv_url = graphene.String(
        required=True, description="Absolute URL of the results' CSV export (REST; same access as the results)."
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_runs(service_context(info), queryset)

    def resolve_status(root, info):
        return getattr(root.status, "value", root.status)

    def resolve_code(root, info):
        return format_code(root.code) if can_run(info) else None

    def resolve_diagnostic(root, info):
        return root.diagnostic

    def resolve_group(root, info):
        return root.group

    def resolve_facilitator_label(root, info):
        return root.facilitator_label if can_run(info) else None

    def resolve_participant_count(root, info):
        count = getattr(root, "participant_total", None)
        return root.participants.count() if count is None else count

    def resolve_radar_url(root, info):
        return info.context.build_absolute_uri(reverse("diagnostics-run-radar", kwargs={"run_id": root.pk}))

    def resolve_results_csv_url(root, info):
        return info.context.build_absolute_uri(reverse("diagnostics-run-csv", kwargs={"run_id": root.pk}))


def run_queryset():
    return (
        models.Run.objects.select_related("diagnostic", "group")
        .annotate(participant_total=Count("participants", distinct=True))
        .order_by("-held_on", "-id")
    )


class DiagnosticInvitation(graphene.ObjectType):
    class Meta:
        description = "What a person holding a run's code sees to answer: the run, the questionnaire, their answers."

    run_id = graphene.ID(required=True, description="Global ID of the run.")
    title = graphene.String(required=True, description="Name of the session.")
    held_on = graphene.Date(required=True, description="Date of the session.")
    group_name = graphene.String(required=True, description="Name of the group.")
    status = graphene.Field(RunStatusEnum, required=True, description="Whether it still accepts answers.")
    allow_anonymous = graphene.Boolean(required=True, description="Whether people may answer without signing in.")
    diagnostic = graphene.Field(Diagnostic, required=True, description="The questionnaire to answer.")
    my_answers = graphene.List(
        graphene.NonNull(lambda: MyAnswer),
        required=True,
        description="The caller's current answers (signed in, or by `participantToken`); empty before answering.",
    )
    my_participant_number = graphene.Int(description="The caller's pseudonym number in results; null before answering.")


class MyAnswer(graphene.ObjectType):
    class Meta:
        description = "One of the caller's own answers."

    item_id = graphene.ID(required=True, description="Global ID of the item.")
    choice = graphene.Int(required=True, description="Index of the chosen option in the item's scale.")


# --- results --------------------------------------------------------------------------------


def _agreement(value):
    return value or None  # graphene wants the value, not another class's enum member


class MemberDimensionScore(graphene.ObjectType):
    class Meta:
        description = "One member's score on one dimension."

    dimension = graphene.Field(DiagnosticDimension, required=True, description="The dimension.")
    score = graphene.Float(description="0-100; null when the member answered no item of this dimension.")
    answered = graphene.Int(required=True, description="Items of the dimension the member answered.")
    missing = graphene.Int(required=True, description="Items of the dimension the member left unanswered.")
    level = graphene.Field(MaturityLevel, description="Maturity level of the score; null without a score.")


class MemberResult(graphene.ObjectType):
    class Meta:
        description = "One member's results, pseudonymised (« Participant·e 3 »)."

    label = graphene.String(required=True, description="Pseudonym: « Participant·e » and a number.")
    number = graphene.Int(required=True, description="The number in the pseudonym (order of first answer).")
    is_viewer = graphene.Boolean(required=True, description="Whether this member is the caller.")
    answered_count = graphene.Int(required=True, description="Items answered.")
    missing_items = graphene.List(
        graphene.NonNull(DiagnosticItem), required=True, description="Items left unanswered (excluded from scores)."
    )
    scores = graphene.List(
        graphene.NonNull(MemberDimensionScore), required=True, description="Per dimension, in order."
    )


class DimensionResult(graphene.ObjectType):
    class Meta:
        description = "Where the group stands on one dimension, and how much it agrees."

    dimension = graphene.Field(DiagnosticDimension, required=True, description="The dimension.")
    score = graphene.Float(description="Group score: mean of the members' scores (0-100); null if none.")
    spread = graphene.Float(
        description="Population standard deviation of the members' scores; null with fewer than two respondents."
    )
    minimum = graphene.Float(description="Lowest member score; null if none.")
    maximum = graphene.Float(description="Highest member score; null if none.")
    respondents = graphene.Int(required=True, description="Members with a score on this dimension.")
    missing_answers = graphene.Int(required=True, description="Unanswered items of this dimension, all members.")
    level = graphene.Field(MaturityLevel, description="Maturity level of the group score.")
    agreement = graphene.Field(AgreementEnum, description="Agreement, from the spread; null without a spread.")

    def resolve_agreement(root, info):
        return _agreement(root.agreement)


class OptionCount(graphene.ObjectType):
    class Meta:
        description = "How many members chose one option of an item."

    position = graphene.Int(required=True, description="Index of the option.")
    label = graphene.String(required=True, description="The option's label.")
    score = graphene.Float(required=True, description="The option's score.")
    count = graphene.Int(required=True, description="Members who chose it.")


class ItemResult(graphene.ObjectType):
    class Meta:
        description = "How the group answered one item."

    item = graphene.Field(DiagnosticItem, required=True, description="The item.")
    dimension = graphene.Field(DiagnosticDimension, required=True, description="Its dimension.")
    mean = graphene.Float(description="Mean normalised score (0-100); null if nobody answered.")
    spread = graphene.Float(description="Population standard deviation of the normalised scores.")
    respondents = graphene.Int(required=True, description="Members who answered it.")
    agreement = graphene.Field(AgreementEnum, description="Agreement, from the spread.")
    distribution = graphene.List(
        graphene.NonNull(OptionCount), required=True, description="Answers per option, in scale order."
    )

    def resolve_agreement(root, info):
        return _agreement(agreement_of(root.spread))


class PhaseMethod(graphene.ObjectType):
    class Meta:
        description = "A method of a phase, recommended for a weak dimension."

    title = graphene.String(required=True, description="The method in a few words.")
    summary = graphene.String(required=True, description="A short summary, plain text.")
    body = graphene.String(required=True, description="Details, sanitised HTML.")

    def resolve_body(root, info):
        return clean_html(root.body)


class Recommendation(graphene.ObjectType):
    class Meta:
        description = "What to work on next for one of the weakest dimensions: its phase's resources and methods."

    dimension = graphene.Field(DimensionResult, required=True, description="The weak dimension and its result.")
    phase = graphene.Field(PHASE_TYPE, description="The linked phase; null if none or not visible.")
    resources = graphene.List(
        graphene.NonNull(RESOURCE_TYPE),
        required=True,
        description="Resources of the phase in the team's order (published only, for readers).",
    )
    methods = graphene.List(graphene.NonNull(PhaseMethod), required=True, description="Methods of the phase.")


class DimensionDelta(graphene.ObjectType):
    class Meta:
        description = "How the group score of a dimension moved since the previous run."

    dimension = graphene.Field(DiagnosticDimension, required=True, description="The dimension.")
    previous = graphene.Float(description="Group score at the previous run.")
    current = graphene.Float(description="Group score now.")
    delta = graphene.Float(description="`current - previous` in points; null when either is missing.")


class HistoryScore(graphene.ObjectType):
    class Meta:
        description = "A group score of one dimension at one run."

    dimension = graphene.Field(DiagnosticDimension, required=True, description="The dimension.")
    score = graphene.Float(description="Group score (0-100); null if nobody answered there.")


class HistoryPoint(graphene.ObjectType):
    class Meta:
        description = "One run of the group's history with this diagnostic (group scores only)."

    run_id = graphene.ID(required=True, description="Global ID of the run.")
    title = graphene.String(required=True, description="Name of the session.")
    held_on = graphene.Date(required=True, description="Date of the session.")
    is_current = graphene.Boolean(required=True, description="Whether it is the run these results are about.")
    participant_count = graphene.Int(required=True, description="People who answered.")
    overall = graphene.Float(description="Mean of the dimension scores.")
    scores = graphene.List(graphene.NonNull(HistoryScore), required=True, description="Per dimension, in order.")

    def resolve_run_id(root, info):
        return TenantNode.to_global_id("DiagnosticRun", root.run.pk)

    def resolve_title(root, info):
        return root.run.title

    def resolve_held_on(root, info):
        return root.run.held_on

    def resolve_scores(root, info):
        return [HistoryScore(dimension=d, score=s) for d, s in root.scores]


class Scorer(graphene.ObjectType):
    class Meta:
        description = "A scoring method (the core's `weighted_mean`, or one from a plugin)."

    key = graphene.String(required=True, description="Key stored on diagnostics.")
    label = graphene.String(required=True, description="Name, in French.")


class RunResults(graphene.ObjectType):
    class Meta:
        description = (
            "A run's results: where the group stands per dimension, where it agrees and disagrees, what to work "
            "on next, and how it moved since its previous runs. Staff see every member (pseudonymised); a "
            "participant sees their own row and the group's figures."
        )

    run = graphene.Field(DiagnosticRun, required=True, description="The run.")
    scorer = graphene.Field(Scorer, required=True, description="The scoring method used.")
    scorer_fallback = graphene.Boolean(
        required=True, description="True when the diagnostic's scorer is unavailable and the default was used."
    )
    participant_count = graphene.Int(required=True, description="People who answered.")
    group_withheld = graphene.Boolean(
        required=True,
        description=(
            "True when the group's figures (dimension scores and spreads, items, earlier runs' scores) are null "
            "for this caller: a participant sees them only once at least 3 people answered, so nobody can work "
            "out another member's answers. Staff always see them."
        ),
    )
    answer_count = graphene.Int(required=True, description="Answers given, all members.")
    missing_answers = graphene.Int(required=True, description="Unanswered items, all members (excluded from scores).")
    overall_score = graphene.Float(description="Mean of the dimension group scores; null if none.")
    overall_level = graphene.Field(MaturityLevel, description="Maturity level of the overall score.")
    dimensions = graphene.List(graphene.NonNull(DimensionResult), required=True, description="Per dimension.")
    members = graphene.List(
        graphene.NonNull(MemberResult), required=True, description="Member rows the caller may see."
    )
    disagreements = graphene.List(
        graphene.NonNull(ItemResult),
        required=True,
        limit=graphene.Int(default_value=5, description="How many items (at most 50)."),
        description="Items with the highest spread first (spread 0 left out): the starting point for a shared vision.",
    )
    items = graphene.List(graphene.NonNull(ItemResult), required=True, description="Every item, in order.")
    weakest = graphene.List(
        graphene.NonNull(DimensionResult), required=True, description="The lowest-scored dimensions, weakest first."
    )
    recommendations = graphene.List(
        graphene.NonNull(Recommendation), required=True, description="Resources and methods for the weakest dimensions."
    )
    previous_run = graphene.Field(HistoryPoint, description="The group's previous closed run of this diagnostic.")
    comparison = graphene.List(
        graphene.NonNull(DimensionDelta), required=True, description="Deltas since the previous run; empty if none."
    )
    history = graphene.List(
        graphene.NonNull(HistoryPoint), required=True, description="The group's closed runs before this one, then it."
    )

    def resolve_scorer(root, info):
        return Scorer(key=root.scorer.key, label=root.scorer.label)

    def resolve_disagreements(root, info, limit=5):
        return root.disagreements(max(0, min(limit, 50)))

    def resolve_weakest(root, info):
        return [r.dimension for r in root.recommendations]

    def resolve_previous_run(root, info):
        return root.previous
