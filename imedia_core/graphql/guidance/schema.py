"""GraphQL root fields of the guided path: the catalogue of questions, matching a person's own
words against it, the path a question leads to, and the anonymous log of unanswered searches."""

import graphene
from graphql import GraphQLError

from imedia_core.errors import ServiceError
from imedia_core.guidance import models, services
from imedia_core.guidance.matching import MAX_INPUT, is_close
from imedia_core.guidance.templates import available_question_sets
from imedia_core.guidance.visibility import visible_questions
from imedia_core.permissions import Perm
from imedia_core.search import search_query
from tenants.auth.login import client_ip

from ..core.connection import ConnectionField
from ..core.context import principal_of
from ..core.nodes import pk_from_global_id
from ..core.permissions import require
from ..core.types import PublicationStatusEnum
from . import mutations
from .prefetch import prefetch_questions
from .types import (
    GuidanceMatchResult,
    GuidanceQuestion,
    GuidanceStarterQuestion,
    GuidanceStarterSet,
    GuidanceUnansweredSearch,
    UnansweredStatusEnum,
)

MAX_MATCHES = services.MAX_MATCHES


def _values(values):
    return [getattr(v, "value", v) for v in values or []]


class GuidanceQueries(graphene.ObjectType):
    """Root fields of the guided path."""

    guidance_questions = ConnectionField(
        GuidanceQuestion,
        status=graphene.List(
            graphene.NonNull(PublicationStatusEnum), description="Only questions in these states (staff)."
        ),
        phase_slug=graphene.String(description="Only questions linked to this phase of the active cycle."),
        search=graphene.String(
            description="French full-text filter on text, keywords and answer (web-search syntax; for a person's own "
            "words use `guidanceMatch`)."
        ),
        description="The catalogue of questions, in the local team's order. Readers see published questions only.",
    )
    guidance_question = graphene.Field(
        GuidanceQuestion,
        id=graphene.ID(description="Global ID of the question."),
        slug=graphene.String(description="Slug of the question."),
        description="One question and its path, by global ID or slug (give one); null when absent or not visible.",
    )
    guidance_match = graphene.Field(
        graphene.NonNull(GuidanceMatchResult),
        text=graphene.String(required=True, description=f"What the person typed, in their words (≤ {MAX_INPUT})."),
        first=graphene.Int(default_value=5, description=f"How many questions to return at most (1 to {MAX_MATCHES})."),
        record=graphene.Boolean(
            default_value=True,
            description="Count the search anonymously when nothing answers it. Pass false for search-as-you-type "
            "and previews, true when the person submits.",
        ),
        description="Match a person's own words against the published questions (French: word forms and accents "
        "ignored, any shared meaningful word counts), closest first. Blank text is a BAD_USER_INPUT error.",
    )
    guidance_unanswered_searches = ConnectionField(
        GuidanceUnansweredSearch,
        status=graphene.List(
            graphene.NonNull(UnansweredStatusEnum), description="Only searches in these states (default: all)."
        ),
        description="What people searched that no question answered, most frequent first (staff who edit content).",
    )
    guidance_starter_sets = graphene.List(
        graphene.NonNull(GuidanceStarterSet),
        required=True,
        description="Starter question sets available here, one per cycle template, with what is installed already.",
    )

    def resolve_guidance_questions(root, info, status=None, phase_slug=None, search=None, **kwargs):
        queryset = models.Question.objects.order_by("position", "id")
        if status:
            queryset = queryset.filter(status__in=_values(status))
        if phase_slug:
            queryset = queryset.filter(phase_links__phase__slug=phase_slug, phase_links__phase__cycle__is_active=True)
        if search:
            if len(search) > MAX_INPUT:
                raise GraphQLError(
                    f"Le texte recherché ne doit pas dépasser {MAX_INPUT} caractères.",
                    extensions={"code": "BAD_USER_INPUT"},
                )
            queryset = queryset.filter(search_vector=search_query(search))
        return prefetch_questions(queryset, info, [("edges", "node")])

    def resolve_guidance_question(root, info, id=None, slug=None):
        if (id is None) == (slug is None):
            raise GraphQLError("Donnez soit « id », soit « slug ».", extensions={"code": "BAD_USER_INPUT"})
        queryset = visible_questions(principal_of(info))
        if id is not None:
            pk = pk_from_global_id(id, "GuidanceQuestion")
            if pk is None:
                return None
            queryset = queryset.filter(pk=pk)
        else:
            queryset = queryset.filter(slug=slug)
        return prefetch_questions(queryset, info).first()

    def resolve_guidance_match(root, info, text, first=5, record=True):
        if first is None or not 1 <= first <= MAX_MATCHES:
            raise GraphQLError(
                f"« first » doit être compris entre 1 et {MAX_MATCHES}.", extensions={"code": "BAD_USER_INPUT"}
            )
        queryset = prefetch_questions(models.Question.objects.visible(), info, [("matches", "question")])
        try:
            result = services.match(
                text, limit=first, record_unanswered=record, queryset=queryset, client=client_ip(info.context)
            )
        except ServiceError as exc:
            raise GraphQLError(
                exc.message, extensions={"code": "BAD_USER_INPUT", "reason": exc.code, "field": exc.field}
            ) from exc
        matches = [{"row": row, "close": is_close(row.matched_terms, result.term_count)} for row in result.matches]
        return GuidanceMatchResult(
            status=result.status, matches=matches, term_count=result.term_count, recorded=result.recorded
        )

    def resolve_guidance_unanswered_searches(root, info, status=None, **kwargs):
        require(info, Perm.EDIT_CONTENT)
        queryset = models.UnansweredSearch.objects.select_related("question").order_by("-count", "-last_seen_on", "-id")
        if status:
            queryset = queryset.filter(status__in=_values(status))
        return queryset

    def resolve_guidance_starter_sets(root, info):
        sets = available_question_sets(info.context.tenant)
        slugs = {q.slug for question_set in sets.values() for q in question_set.questions}
        installed = set(models.Question.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        return [
            GuidanceStarterSet(
                template_key=key,
                questions=[
                    GuidanceStarterQuestion(slug=q.slug, text=q.text, installed=q.slug in installed)
                    for q in question_set.questions
                ],
            )
            for key, question_set in sets.items()
        ]


class GuidanceMutations(graphene.ObjectType):
    """Mutations of the guided path (staff and write API keys)."""

    guidance_question_create = mutations.GuidanceQuestionCreate.Field()
    guidance_question_update = mutations.GuidanceQuestionUpdate.Field()
    guidance_question_delete = mutations.GuidanceQuestionDelete.Field()
    guidance_question_link = mutations.GuidanceQuestionLink.Field()
    guidance_question_unlink = mutations.GuidanceQuestionUnlink.Field()
    guidance_question_reorder = mutations.GuidanceQuestionReorder.Field()
    guidance_install_starter_questions = mutations.GuidanceInstallStarterQuestions.Field()
    guidance_unanswered_search_handle = mutations.GuidanceUnansweredSearchHandle.Field()
    guidance_unanswered_search_delete = mutations.GuidanceUnansweredSearchDelete.Field()
