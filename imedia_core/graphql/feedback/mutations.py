"""Mutations of responses and commitments (people who may respond: ``RESPOND``, i.e.
professionals, decision-makers and tenant admins).

The rules are in ``imedia_core.feedback.services``; these classes translate IDs, inputs and
errors. A refused input returns ``errors`` and changes nothing (BaseMutation's savepoint).
"""

import graphene

from imedia_core.cycle.models import Phase
from imedia_core.feedback import models, services
from imedia_core.participation.models import Contribution
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation, input_field
from ..core.nodes import get_or_not_found, pk_from_global_id
from .types import (
    Commitment,
    CommitmentStatusEnum,
    CommitmentUpdate,
    FeedbackError,
    Response,
    ResponseDecisionEnum,
    commitment_queryset,
)


def _value(value):
    return getattr(value, "value", value)


def _present(data: dict, mapping: dict) -> dict:
    """Input keys given (not null), renamed to model names, enum members as values."""
    return {model: _value(data[name]) for name, model in mapping.items() if data.get(name) is not None}


def get_contribution(global_id, field="contributionId") -> Contribution:
    return get_or_not_found(
        Contribution.objects.all(),
        global_id,
        "Contribution",
        "Aucune contribution avec cet identifiant ici.",
        field=field,
    )


def get_contributions(ids, field="contributions") -> list[Contribution]:
    pks = []
    for global_id in ids or []:
        pk = pk_from_global_id(global_id, "Contribution")
        if pk is None:
            raise MutationError("NOT_FOUND", f"Contribution inconnue dans cet espace : {global_id}.", field)
        pks.append(pk)
    rows = {row.pk: row for row in Contribution.objects.filter(pk__in=pks)}
    if len(rows) != len(set(pks)):
        raise MutationError("NOT_FOUND", "Une des contributions n'existe pas dans cet espace.", field)
    return [rows[pk] for pk in dict.fromkeys(pks)]


def get_response(global_id) -> models.Response:
    return get_or_not_found(
        models.Response.objects.all(), global_id, "Response", "Aucune réponse avec cet identifiant ici."
    )


def get_commitment(global_id) -> models.Commitment:
    return get_or_not_found(
        models.Commitment.objects.all(), global_id, "Commitment", "Aucun engagement avec cet identifiant ici."
    )


def get_phase(global_id):
    if not global_id:
        return None
    return get_or_not_found(
        Phase.objects.all(), global_id, "Phase", "Aucune phase avec cet identifiant ici.", field="phaseId"
    )


def reload(info, commitment) -> models.Commitment:
    """The commitment as lists show it (``isOverdue`` computed by PostgreSQL)."""
    return commitment_queryset(info).get(pk=commitment.pk)


# --- responses -----------------------------------------------------------------------------

_RESPONSE_FIELDS = {
    "decision": "decision",
    "text": "text",
    "reason": "reason",
    "capacity": "capacity",
    "responder_label": "responder_label",
}


def _response_fields(required: bool) -> dict:
    return {
        "decision": input_field(ResponseDecisionEnum, required=required, description="What is decided."),
        "text": graphene.String(
            required=required,
            description="The answer: HTML (sanitised) or plain text (blank lines make paragraphs).",
        ),
        "reason": graphene.String(
            description="Why, plain text: required to decline, and to revise a final decision (2,000 characters)."
        ),
        "capacity": graphene.String(
            description="In which capacity the responder answers, e.g. « Directrice de l'insertion, Conseil "
            "départemental »."
        ),
        "responder_label": graphene.String(
            description="Who answers, as shown (default: the caller's display name, or « Équipe du programme »)."
        ),
    }


ResponseCreateInput = type(
    "ResponseCreateInput",
    (graphene.InputObjectType,),
    {
        "contribution_id": graphene.ID(required=True, description="Global ID of the (published) contribution."),
        **_response_fields(required=True),
        "Meta": type("Meta", (), {"description": "A new official response."}),
    },
)
ResponseUpdateInput = type(
    "ResponseUpdateInput",
    (graphene.InputObjectType,),
    {
        **_response_fields(required=False),
        "Meta": type("Meta", (), {"description": "Changes to a draft response: omitted or null fields stay."}),
    },
)


class ResponseCreate(BaseMutation):
    class Arguments:
        input = ResponseCreateInput(required=True, description="The response.")
        publish = graphene.Boolean(
            default_value=False, description="Publish at once (followers are told); otherwise a draft."
        )

    class Meta:
        description = (
            "Answer a published contribution, as a draft or published at once. The decision must be allowed "
            "after the contribution's current one (see docs/feedback.md)."
        )
        error_type = FeedbackError
        permission = Perm.RESPOND

    response = graphene.Field(Response, description="The response; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input, publish=False):
        contribution = get_contribution(input["contribution_id"])
        response = services.create_response(
            service_context(info), contribution, _present(input, _RESPONSE_FIELDS), publish=publish
        )
        return cls(response=response, errors=[])


class ResponseUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the draft response.")
        input = ResponseUpdateInput(required=True, description="The fields to change.")

    class Meta:
        description = "Change a draft response (published responses are part of the record: `ALREADY_PUBLISHED`)."
        error_type = FeedbackError
        permission = Perm.RESPOND

    response = graphene.Field(Response, description="The response after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        response = services.update_response(service_context(info), get_response(id), _present(input, _RESPONSE_FIELDS))
        return cls(response=response, errors=[])


class ResponsePublish(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the draft response.")

    class Meta:
        description = "Publish a draft response: it becomes the contribution's current decision; followers are told."
        error_type = FeedbackError
        permission = Perm.RESPOND

    response = graphene.Field(Response, description="The published response; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        response = services.publish_response(service_context(info), get_response(id))
        return cls(response=response, errors=[])


class ResponseDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the draft response.")

    class Meta:
        description = "Delete a draft response (a published one stays on the record: `ALREADY_PUBLISHED`)."
        error_type = FeedbackError
        permission = Perm.RESPOND

    deleted_id = graphene.ID(description="Global ID of the deleted draft; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        services.delete_response(service_context(info), get_response(id))
        return cls(deleted_id=id, errors=[])


# --- commitments ---------------------------------------------------------------------------

_COMMITMENT_FIELDS = {
    "title": "title",
    "description": "description",
    "owner_label": "owner_label",
    "due_date": "due_date",
    "progress": "progress",
    "status": "status",
    "outcome": "outcome",
}


class CommitmentCreateInput(graphene.InputObjectType):
    class Meta:
        description = "A new commitment (it starts PLANNED, progress 0)."

    title = graphene.String(required=True, description="What will be done, in one line (200 characters).")
    description = graphene.String(description="Details: HTML (sanitised) or plain text.")
    owner_label = graphene.String(required=True, description="Service or person in charge, as shown.")
    due_date = graphene.Date(required=True, description="By when it should be done.")
    phase_id = graphene.ID(description="Global ID of the phase of the cycle it belongs to.")
    contributions = graphene.List(
        graphene.NonNull(graphene.ID), description="Global IDs of the published contributions it answers."
    )


class CommitmentUpdateInput(graphene.InputObjectType):
    class Meta:
        description = (
            "Changes to a commitment: omitted or null fields stay. Status, progress and due date change only "
            "while it is open; each such change is also written in its timeline."
        )

    title = graphene.String(description="What will be done, in one line.")
    description = graphene.String(description="Details: HTML (sanitised) or plain text.")
    owner_label = graphene.String(description="Service or person in charge.")
    due_date = graphene.Date(description="New due date (a postponement shows in the timeline).")
    progress = graphene.Int(description="Progress, 0 to 100 (on a PLANNED commitment, above 0 starts it).")
    status = graphene.Field(CommitmentStatusEnum, description="New status (see the state machine).")
    outcome = graphene.String(description="Why it was not done (required for NOT_DONE), or what it achieved.")
    phase_id = graphene.ID(description="Global ID of its phase.")


class CommitmentStepInput(graphene.InputObjectType):
    class Meta:
        description = "A dated step of a commitment's timeline."

    text = graphene.String(required=True, description="What happened, plain text (5,000 characters).")
    date = graphene.Date(description="When it happened (default today; never in the future).")
    progress = graphene.Int(description="New progress, 0 to 100.")
    status = graphene.Field(CommitmentStatusEnum, description="New status (see the state machine).")
    outcome = graphene.String(description="Why it was not done (required with status NOT_DONE), or what it achieved.")
    due_date = graphene.Date(description="New due date, when it moves.")


class CommitmentCreate(BaseMutation):
    class Arguments:
        input = CommitmentCreateInput(required=True, description="The commitment.")

    class Meta:
        description = "Commit to something, by whom and by when, in answer to one or more contributions."
        error_type = FeedbackError
        permission = Perm.RESPOND

    commitment = graphene.Field(Commitment, description="The new commitment; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        data = _present(input, _COMMITMENT_FIELDS)
        data["phase"] = get_phase(input.get("phase_id"))
        data["contributions"] = get_contributions(input.get("contributions"))
        commitment = services.create_commitment(service_context(info), data)
        return cls(commitment=reload(info, commitment), errors=[])


class CommitmentUpdateMutation(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the commitment.")
        input = CommitmentUpdateInput(required=True, description="The fields to change.")
        note = graphene.String(description="Text of the timeline step a status, progress or due-date change records.")

    class Meta:
        name = "CommitmentUpdatePayload"
        description = (
            "Change a commitment. Status changes follow the state machine; NOT_DONE needs an `outcome`; DONE sets "
            "progress to 100; followers of the contributions it answers are told of a status change."
        )
        error_type = FeedbackError
        permission = Perm.RESPOND

    commitment = graphene.Field(Commitment, description="The commitment after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input, note=None):
        data = _present(input, _COMMITMENT_FIELDS)
        if input.get("phase_id") is not None:
            data["phase"] = get_phase(input["phase_id"])
        commitment = services.update_commitment(service_context(info), get_commitment(id), data, note=note or "")
        return cls(commitment=reload(info, commitment), errors=[])


class CommitmentAddUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the commitment.")
        input = CommitmentStepInput(required=True, description="The step.")

    class Meta:
        description = (
            "Add a dated step to a commitment's timeline, possibly with a new progress, status or due date. "
            "Followers of the contributions it answers are told."
        )
        error_type = FeedbackError
        permission = Perm.RESPOND

    commitment = graphene.Field(Commitment, description="The commitment after the step; null on error.")
    update = graphene.Field(CommitmentUpdate, description="The new step; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        data = _present(input, {**_COMMITMENT_FIELDS, "text": "text", "date": "date"})
        step = services.add_update(service_context(info), get_commitment(id), data)
        return cls(commitment=reload(info, step.commitment), update=step, errors=[])


class CommitmentLinkContributions(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the commitment.")
        contributions = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="Global IDs of published contributions."
        )

    class Meta:
        description = "Say that a commitment answers these contributions too (already linked ones are ignored)."
        error_type = FeedbackError
        permission = Perm.RESPOND

    commitment = graphene.Field(Commitment, description="The commitment after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, contributions):
        commitment = get_commitment(id)
        contributions = get_contributions(contributions)
        commitment = services.link_contributions(service_context(info), commitment, contributions)
        return cls(commitment=reload(info, commitment), errors=[])


class CommitmentUnlinkContributions(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the commitment.")
        contributions = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="Global IDs of linked contributions."
        )

    class Meta:
        description = "Detach contributions from a commitment (`NOT_LINKED` when one is not linked)."
        error_type = FeedbackError
        permission = Perm.RESPOND

    commitment = graphene.Field(Commitment, description="The commitment after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, contributions):
        commitment = get_commitment(id)
        contributions = get_contributions(contributions)
        commitment = services.unlink_contributions(service_context(info), commitment, contributions)
        return cls(commitment=reload(info, commitment), errors=[])
