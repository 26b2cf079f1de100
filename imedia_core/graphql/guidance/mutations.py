"""Staff mutations of the guided path (``EDIT_CONTENT``: staff roles and write API keys).

The rules are in ``imedia_core.guidance.services``; these classes translate inputs and errors.
A refused input returns ``errors`` and changes nothing (BaseMutation runs in a savepoint).
"""

import graphene

from imedia_core.guidance import models, services
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation
from ..core.nodes import get_or_not_found, pk_from_global_id
from ..core.types import PublicationStatusEnum
from .types import (
    GuidanceContributeKindEnum,
    GuidanceError,
    GuidanceQuestion,
    GuidanceUnansweredSearch,
    UnansweredStatusEnum,
)

# Link inputs: GraphQL name -> (service key, node type of the IDs)
_LINKS = {
    "phases": ("phases", "Phase"),
    "resources": ("resources", "Resource"),
    "methods": ("methods", "PhaseItem"),
    "follow_ups": ("follow_ups", "GuidanceQuestion"),
}


def _link_fields() -> dict:
    return {
        "phases": graphene.List(graphene.NonNull(graphene.ID), description="Global IDs of phases, in order."),
        "resources": graphene.List(graphene.NonNull(graphene.ID), description="Global IDs of resources, in order."),
        "methods": graphene.List(
            graphene.NonNull(graphene.ID), description="Global IDs of phase items of kind METHOD, in order."
        ),
        "follow_ups": graphene.List(
            graphene.NonNull(graphene.ID), description="Global IDs of follow-up questions, in order."
        ),
    }


def _question_fields(required: bool) -> dict:
    return {
        "text": graphene.String(
            required=required, description="The question as people put it, plain text (at most 300 characters)."
        ),
        "slug": graphene.String(description="Identifier; made from the text when omitted (accents dropped, unique)."),
        "answer": graphene.String(description="A short answer or introduction, HTML (sanitised)."),
        "keywords": graphene.List(
            graphene.NonNull(graphene.String),
            description="Other ways people say it (at most 30, 100 characters each); replaces the list.",
        ),
        "position": graphene.Int(description="Order in the catalogue (default: last)."),
        "status": graphene.Field(PublicationStatusEnum, description="Publication state (default on creation: DRAFT)."),
        "publish_at": graphene.DateTime(description="With PUBLISHED: visible from this date (with a time zone)."),
        "contribute_kind": graphene.Field(
            GuidanceContributeKindEnum,
            description="Kind of contribution the path invites; null removes the invitation.",
        ),
        "contribute_prompt": graphene.String(description="The call to contribute, in French (with `contributeKind`)."),
        **{
            name: graphene.List(
                graphene.NonNull(graphene.ID), description=f"{field.kwargs['description']} Replaces the list."
            )
            for name, field in _link_fields().items()
        },
    }


def _input_type(name: str, required: bool, description: str):
    return type(
        name,
        (graphene.InputObjectType,),
        {**_question_fields(required), "Meta": type("Meta", (), {"description": description})},
    )


GuidanceQuestionCreateInput = _input_type(
    "GuidanceQuestionCreateInput", True, "A new question of the guided path (a draft unless `status` says otherwise)."
)
GuidanceQuestionUpdateInput = _input_type(
    "GuidanceQuestionUpdateInput",
    False,
    "Changes to a question: omitted fields stay as they are; a link list given replaces the current one.",
)
GuidanceQuestionLinksInput = type(
    "GuidanceQuestionLinksInput",
    (graphene.InputObjectType,),
    {**_link_fields(), "Meta": type("Meta", (), {"description": "Links to add to or remove from a question."})},
)


def _pks(ids, type_name: str, field: str) -> list[int]:
    pks = []
    for global_id in ids:
        pk = pk_from_global_id(global_id, type_name)
        if pk is None:
            raise MutationError("NOT_FOUND", f"Identifiant inconnu dans cet espace : {global_id}.", field)
        pks.append(pk)
    return pks


def _links_data(data) -> dict:
    out = {}
    for name, (key, type_name) in _LINKS.items():
        if data.get(name) is not None:
            out[key] = _pks(data[name], type_name, "followUps" if name == "follow_ups" else name)
    return out


def _question_data(data) -> dict:
    out = {}
    for name in ("text", "slug", "answer", "keywords", "position", "status", "publish_at", "contribute_prompt"):
        if data.get(name) is not None:
            out[name] = getattr(data[name], "value", data[name])
    if "contribute_kind" in data:  # an explicit null removes the invitation, and its prompt
        kind = getattr(data["contribute_kind"], "value", data["contribute_kind"]) or ""
        out["contribute_kind"] = kind
        if not kind and data.get("contribute_prompt") is None:
            out["contribute_prompt"] = ""
    return {**out, **_links_data(data)}


def get_question(global_id, field="id") -> models.Question:
    return get_or_not_found(
        models.Question.objects.all(),
        global_id,
        "GuidanceQuestion",
        "Aucune question du parcours avec cet identifiant dans cet espace.",
        field=field,
    )


class GuidanceQuestionCreate(BaseMutation):
    class Arguments:
        input = GuidanceQuestionCreateInput(required=True, description="The question's fields (`text` required).")

    class Meta:
        description = "Add a question to the guided path (staff and write API keys); a draft by default."
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    question = graphene.Field(GuidanceQuestion, description="The new question; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        question = services.create_question(service_context(info), _question_data(input))
        return cls(question=question, errors=[])


class GuidanceQuestionUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the question.")
        input = GuidanceQuestionUpdateInput(required=True, description="The fields to change.")

    class Meta:
        description = (
            "Change a question of the guided path: its words, answer, keywords, state (publish with PUBLISHED, "
            "withdraw with ARCHIVED), invitation to contribute, or a whole list of links in a new order."
        )
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    question = graphene.Field(GuidanceQuestion, description="The question after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        question = services.update_question(service_context(info), get_question(id), _question_data(input))
        return cls(question=question, errors=[])


class GuidanceQuestionDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the question.")

    class Meta:
        description = (
            "Delete a question with its links (staff and write API keys); searches it answered are open again. "
            "To withdraw it from readers but keep it, set its status to ARCHIVED instead."
        )
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    deleted_id = graphene.ID(description="Global ID of the deleted question; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        services.delete_question(service_context(info), get_question(id))
        return cls(deleted_id=id, errors=[])


class GuidanceQuestionLink(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the question.")
        links = GuidanceQuestionLinksInput(required=True, description="What to link, appended in this order.")

    class Meta:
        description = "Link phases, resources, methods or follow-up questions to a question (added at the end)."
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    question = graphene.Field(GuidanceQuestion, description="The question after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, links):
        question = services.link_question(service_context(info), get_question(id), _links_data(links))
        return cls(question=question, errors=[])


class GuidanceQuestionUnlink(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the question.")
        links = GuidanceQuestionLinksInput(required=True, description="What to unlink.")

    class Meta:
        description = "Remove links of a question (the others keep their order)."
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    question = graphene.Field(GuidanceQuestion, description="The question after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, links):
        question = services.unlink_question(service_context(info), get_question(id), _links_data(links))
        return cls(question=question, errors=[])


class GuidanceQuestionReorder(BaseMutation):
    class Arguments:
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="Global IDs of every question of the catalogue, in the new order.",
        )

    class Meta:
        description = "Reorder the catalogue of questions (staff and write API keys)."
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    questions = graphene.List(
        graphene.NonNull(GuidanceQuestion), description="The questions in their new order; null on error."
    )

    @classmethod
    def perform_mutation(cls, root, info, principal, ids):
        pks = _pks(ids, "GuidanceQuestion", "ids")
        rows = {q.pk: q for q in models.Question.objects.filter(pk__in=pks)}
        if len(rows) != len(set(pks)):
            raise MutationError("NOT_FOUND", "Une des questions n'existe pas dans cet espace.", "ids")
        ordered = services.reorder_questions(service_context(info), [rows[pk] for pk in pks])
        return cls(questions=ordered, errors=[])


class GuidanceInstallStarterQuestions(BaseMutation):
    class Arguments:
        template_key = graphene.String(
            required=True, description="Key of the cycle template whose starter questions to install."
        )

    class Meta:
        description = (
            "Install the starter questions of a cycle template, published and linked to the active cycle's phases "
            "and methods and to resources by slug. Questions whose slug exists already are skipped, so running it "
            "again changes nothing."
        )
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    created = graphene.List(
        graphene.NonNull(GuidanceQuestion), description="Questions created by this call; null on error."
    )
    skipped = graphene.List(
        graphene.NonNull(graphene.String), description="Slugs skipped because they exist already; null on error."
    )
    unresolved = graphene.List(
        graphene.NonNull(graphene.String),
        description="Links that could not be made here (`phase:<slug>`, `resource:<slug>`, `method:<phase>/<title>`).",
    )

    @classmethod
    def perform_mutation(cls, root, info, principal, template_key):
        report = services.install_starter_questions(service_context(info), template_key)
        created = list(models.Question.objects.filter(slug__in=report.created).order_by("position", "id"))
        return cls(created=created, skipped=report.skipped, unresolved=report.unresolved, errors=[])


class GuidanceUnansweredSearchHandle(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the unanswered search.")
        status = UnansweredStatusEnum(required=True, description="ANSWERED (with `questionId`), DISMISSED or OPEN.")
        question_id = graphene.ID(description="Global ID of the question that answers it (for ANSWERED).")

    class Meta:
        description = "Mark a search without an answer as answered by a question, set aside, or open again."
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    search = graphene.Field(GuidanceUnansweredSearch, description="The search after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, status, question_id=None):
        search = get_or_not_found(
            models.UnansweredSearch.objects.all(),
            id,
            "GuidanceUnansweredSearch",
            "Aucune recherche sans réponse avec cet identifiant dans cet espace.",
        )
        question = get_question(question_id, field="questionId") if question_id else None
        search = services.handle_unanswered(
            service_context(info), search, getattr(status, "value", status), question=question
        )
        return cls(search=search, errors=[])


class GuidanceUnansweredSearchDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the unanswered search.")

    class Meta:
        description = "Forget a search without an answer (for instance, someone typed something personal)."
        error_type = GuidanceError
        permission = Perm.EDIT_CONTENT

    deleted_id = graphene.ID(description="Global ID of the deleted search; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        search = get_or_not_found(
            models.UnansweredSearch.objects.all(),
            id,
            "GuidanceUnansweredSearch",
            "Aucune recherche sans réponse avec cet identifiant dans cet espace.",
        )
        services.delete_unanswered(service_context(info), search)
        return cls(deleted_id=id, errors=[])
