"""GraphQL types of the guided path.

Links of a question are read from what the root resolver prefetched (``prefetch.py``), filtered
for the viewer; resolved elsewhere (a mutation payload, a ``node``), they fall back to one query
per relation. Either way, what the viewer sees is the domain's rule
(``imedia_core.guidance.visibility``).
"""

import graphene

from imedia_core.content.sanitize import clean_html
from imedia_core.guidance import models, visibility
from imedia_core.guidance import path as guidance_path
from imedia_core.guidance.services import MatchStatus
from imedia_core.participation.models import ContributionKind
from imedia_core.search import safe_highlight

from ..core.connection import CountableConnection
from ..core.context import principal_of
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.types import PublicationStatusEnum
from ..core.types_base import ModelObjectType
from . import prefetch

GuidanceErrorCode = error_codes(
    "GuidanceErrorCode",
    "Why a guided-path operation failed.",
    {
        "EMPTY": "The text to match holds no word.",
        "TOO_LONG": "The text to match is longer than allowed.",
        "UNKNOWN_TEMPLATE": "No starter question set exists for this cycle template key.",
        "INVALID_ORDER": "A reorder list must name every question exactly once, and nothing else.",
        "SELF_FOLLOW_UP": "A question cannot be its own follow-up.",
    },
)
GuidanceError = error_type("GuidanceError", GuidanceErrorCode, "An error returned by a guided-path operation.")

GuidanceContributeKindEnum = described_enum(
    "GuidanceContributeKind",
    ContributionKind,
    "Kind of contribution a guided path invites (pass it to `contributionSubmit`).",
    {
        ContributionKind.QUESTION.value: "Ask the local team a question.",
        ContributionKind.OBSERVATION.value: "Raise an observation (constat): what is seen or lived.",
        ContributionKind.PROPOSAL.value: "Make a proposal: what should change.",
        ContributionKind.TESTIMONY.value: "Tell a story (témoignage): an experience to share.",
    },
)
UnansweredStatusEnum = described_enum(
    "GuidanceUnansweredStatus",
    models.UnansweredStatus,
    "Where the local team stands with a search the catalogue did not answer.",
    {
        models.UnansweredStatus.OPEN.value: "Not looked at yet.",
        models.UnansweredStatus.ANSWERED.value: "A question of the catalogue now answers it (see `question`).",
        models.UnansweredStatus.DISMISSED.value: "Set aside (off-topic, test, duplicate).",
    },
)


class GuidanceMatchStatus(graphene.Enum):
    class Meta:
        description = "What matching a person's words against the catalogue found."

    MATCHED = MatchStatus.MATCHED
    NO_MATCH = MatchStatus.NO_MATCH
    TOO_VAGUE = MatchStatus.TOO_VAGUE

    @property
    def description(self):
        return {
            "MATCHED": "At least one close question: `matches` starts with it.",
            "NO_MATCH": "No close question; `matches` may hold weaker suggestions. The search was logged anonymously "
            "for the local team unless `record` was false.",
            "TOO_VAGUE": "Only stop words or question words (« comment », « pourquoi »…): ask the person for more.",
        }[self.name]


class GuidancePathStepKind(graphene.Enum):
    class Meta:
        description = "What a step of a guided path shows."

    QUESTION = guidance_path.StepKind.QUESTION
    PHASE = guidance_path.StepKind.PHASE
    RESOURCES = guidance_path.StepKind.RESOURCES
    METHODS = guidance_path.StepKind.METHODS
    FOLLOW_UPS = guidance_path.StepKind.FOLLOW_UPS
    CONTRIBUTE = guidance_path.StepKind.CONTRIBUTE

    @property
    def description(self):
        return {
            "QUESTION": "The question and its short answer.",
            "PHASE": "A phase of the cycle the question belongs to (`phase`: its stakes, objectives, methods).",
            "RESOURCES": "Resources of the resource centre that answer the question (`resources`).",
            "METHODS": "Methods of the cycle's phases to try (`methods`).",
            "FOLLOW_UPS": "Questions people usually ask next (`followUps`).",
            "CONTRIBUTE": "An invitation to contribute (`contribute`).",
        }[self.name]


PHASE_TYPE = "imedia_core.graphql.cycle.types.Phase"
PHASE_ITEM_TYPE = "imedia_core.graphql.cycle.types.PhaseItem"
RESOURCE_TYPE = "imedia_core.graphql.library.types.Resource"


def _links(root, attr: str, queryset, target: str) -> list:
    links = getattr(root, attr, None)
    if links is None:
        links = list(queryset.filter(question=root))
    return [getattr(link, target) for link in links]


def question_phases(root, info):
    return _links(root, prefetch.PHASE_ATTR, visibility.phase_links(principal_of(info)), "phase")


def question_resources(root, info):
    return _links(root, prefetch.RESOURCE_ATTR, visibility.resource_links(principal_of(info)), "resource")


def question_methods(root, info):
    return _links(root, prefetch.METHOD_ATTR, visibility.method_links(principal_of(info)), "item")


def question_follow_ups(root, info):
    return _links(root, prefetch.FOLLOW_UP_ATTR, visibility.follow_up_links(principal_of(info)), "follow_up")


class GuidanceContribute(graphene.ObjectType):
    class Meta:
        description = (
            "An invitation to contribute at the end of a guided path: submit a contribution of `kind` with "
            "`contributionSubmit`, showing `prompt` as the call to action."
        )

    kind = graphene.Field(GuidanceContributeKindEnum, required=True, description="Kind of contribution invited.")
    prompt = graphene.String(required=True, description="The call to action, in French.")


class GuidanceQuestion(ModelObjectType):
    class Meta:
        model = models.Question
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("slug", "text", "position", "publish_at", "published_at", "created_at", "updated_at")
        description = (
            "A question people ask, in their words, leading to phases of the cycle, resources, methods, "
            "follow-up questions and a way to contribute. Readers see published questions only."
        )

    answer = graphene.String(required=True, description="A short answer or introduction, sanitised HTML.")
    keywords = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Other ways people say it (keywords, synonyms): searched by `guidanceMatch`.",
    )
    status = graphene.Field(PublicationStatusEnum, required=True, description="Publication state.")
    is_visible = graphene.Boolean(required=True, description="Whether readers see it now.")
    phases = graphene.List(
        graphene.NonNull(PHASE_TYPE),
        required=True,
        description="Phases of the cycle it belongs to, in order (readers: published phases of the active cycle).",
    )
    resources = graphene.List(
        graphene.NonNull(RESOURCE_TYPE),
        required=True,
        description="Resources that answer it, in order (readers: published resources).",
    )
    methods = graphene.List(
        graphene.NonNull(PHASE_ITEM_TYPE),
        required=True,
        description="Methods of the cycle's phases that answer it, in order (readers: of published phases).",
    )
    follow_ups = graphene.List(
        graphene.NonNull(lambda: GuidanceQuestion),
        required=True,
        description="Questions people usually ask next, in order (readers: published ones).",
    )
    contribute = graphene.Field(GuidanceContribute, description="The invitation to contribute, if any.")
    path = graphene.Field(
        graphene.NonNull(lambda: GuidancePath),
        description="The step-by-step route from this question to phases, resources, methods, follow-ups and a "
        "contribution.",
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        return visibility.visible_questions(principal_of(info), super().get_queryset(queryset, info))

    def resolve_answer(root, info):
        return clean_html(root.answer)

    def resolve_keywords(root, info):
        return root.keyword_list

    def resolve_status(root, info):
        return str(root.status)

    def resolve_is_visible(root, info):
        return root.is_visible

    def resolve_phases(root, info):
        return question_phases(root, info)

    def resolve_resources(root, info):
        return question_resources(root, info)

    def resolve_methods(root, info):
        return question_methods(root, info)

    def resolve_follow_ups(root, info):
        return question_follow_ups(root, info)

    def resolve_contribute(root, info):
        return guidance_path.contribute_of(root)

    def resolve_path(root, info):
        return guidance_path.build_path(
            root,
            phases=question_phases(root, info),
            resources=question_resources(root, info),
            methods=question_methods(root, info),
            follow_ups=question_follow_ups(root, info),
        )


class GuidancePathStep(graphene.ObjectType):
    class Meta:
        description = "One step of a guided path; only the field its `kind` names is filled."

    position = graphene.Int(required=True, description="Order of the step in the path, from 0.")
    kind = graphene.Field(GuidancePathStepKind, required=True, description="What the step shows.")
    title = graphene.String(required=True, description="A French heading for the step.")
    phase = graphene.Field(PHASE_TYPE, description="For PHASE steps: the phase.")
    resources = graphene.List(
        graphene.NonNull(RESOURCE_TYPE), required=True, description="For RESOURCES steps: the resources."
    )
    methods = graphene.List(
        graphene.NonNull(PHASE_ITEM_TYPE), required=True, description="For METHODS steps: the methods."
    )
    follow_ups = graphene.List(
        graphene.NonNull(GuidanceQuestion), required=True, description="For FOLLOW_UPS steps: the next questions."
    )
    contribute = graphene.Field(GuidanceContribute, description="For CONTRIBUTE steps: the invitation.")


class GuidancePath(graphene.ObjectType):
    class Meta:
        description = (
            "Where a question leads, as lists and as ordered steps: the question, its phase(s), the resources and "
            "methods that answer it, follow-up questions, and the invitation to contribute. Empty steps are left out."
        )

    question = graphene.Field(GuidanceQuestion, required=True, description="The question the path starts from.")
    steps = graphene.List(graphene.NonNull(GuidancePathStep), required=True, description="The steps, in order.")
    phases = graphene.List(graphene.NonNull(PHASE_TYPE), required=True, description="Phases of the path.")
    resources = graphene.List(graphene.NonNull(RESOURCE_TYPE), required=True, description="Resources of the path.")
    methods = graphene.List(graphene.NonNull(PHASE_ITEM_TYPE), required=True, description="Methods of the path.")
    follow_ups = graphene.List(
        graphene.NonNull(GuidanceQuestion), required=True, description="Follow-up questions of the path."
    )
    contribute = graphene.Field(GuidanceContribute, description="The invitation to contribute, if any.")


class GuidanceMatch(graphene.ObjectType):
    class Meta:
        description = "A question of the catalogue close to what the person typed."

    question = graphene.Field(GuidanceQuestion, required=True, description="The question.")
    score = graphene.Float(
        required=True,
        description="Share of the person's meaningful words (stemmed, accents ignored) found in the question, "
        "its keywords or its answer, from 0 to 1.",
    )
    rank = graphene.Float(required=True, description="Full-text rank (text weighs more than keywords), for ties.")
    is_close = graphene.Boolean(
        required=True, description="Whether it is close enough to count as an answer (two words, or half of them)."
    )
    highlight = graphene.String(
        required=True, description="The question's text, HTML-escaped, with `<mark>` around matched words."
    )

    def resolve_question(root, info):
        return root["row"]

    def resolve_score(root, info):
        return round(root["row"].match_score, 4)

    def resolve_rank(root, info):
        return root["row"].match_rank

    def resolve_is_close(root, info):
        return root["close"]

    def resolve_highlight(root, info):
        return safe_highlight(root["row"].match_headline)


class GuidanceMatchResult(graphene.ObjectType):
    class Meta:
        description = "What matching a person's words against the catalogue found."

    status = graphene.Field(GuidanceMatchStatus, required=True, description="Matched, not matched, or too vague.")
    matches = graphene.List(
        graphene.NonNull(GuidanceMatch), required=True, description="Closest published questions, best first."
    )
    term_count = graphene.Int(
        required=True, description="Number of meaningful words found in the text (stop words and question words aside)."
    )
    recorded = graphene.Boolean(
        required=True,
        description="Whether the search was counted, anonymously, among the searches without an answer.",
    )


class GuidanceUnansweredSearch(ModelObjectType):
    class Meta:
        model = models.UnansweredSearch
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("text", "count", "first_seen_on", "last_seen_on", "handled_on")
        description = (
            "Something people searched that no published question answered, counted anonymously (no person, no "
            "address, days only). Staff with the right to edit content only."
        )

    status = graphene.Field(UnansweredStatusEnum, required=True, description="Where the local team stands with it.")
    question = graphene.Field(GuidanceQuestion, description="The question that now answers it, if any.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visibility.visible_unanswered_searches(principal_of(info), super().get_queryset(queryset, info))

    def resolve_status(root, info):
        return str(root.status)


class GuidanceStarterQuestion(graphene.ObjectType):
    class Meta:
        description = "A question of a starter set."

    slug = graphene.String(required=True, description="Identifier the question gets when installed.")
    text = graphene.String(required=True, description="The question.")
    installed = graphene.Boolean(required=True, description="Whether a question with this slug exists here already.")


class GuidanceStarterSet(graphene.ObjectType):
    class Meta:
        description = "Starter questions shipped with a cycle template (`guidanceInstallStarterQuestions`)."

    template_key = graphene.String(required=True, description="Key of the cycle template.")
    questions = graphene.List(graphene.NonNull(GuidanceStarterQuestion), required=True, description="Its questions.")
