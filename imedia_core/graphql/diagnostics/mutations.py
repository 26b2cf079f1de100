"""Mutations of self-diagnostics. Rules live in ``imedia_core.diagnostics.services``.

Editing questionnaires needs ``EDIT_CONTENT``; opening, closing and concluding runs needs
``RUN_DIAGNOSTIC``; answering is open to anyone holding the run's code (``allow_anonymous``).
"""

import graphene

from imedia_core.content.models import PublicationStatus
from imedia_core.diagnostics import models, services
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation
from ..core.nodes import get_or_not_found, pk_from_global_id
from .types import Diagnostic, DiagnosticError, DiagnosticItem, DiagnosticRun


class ScaleOptionInput(graphene.InputObjectType):
    class Meta:
        description = "An answer option."

    label = graphene.String(required=True, description="What people read, e.g. « Plutôt ».")
    score = graphene.Float(required=True, description="Its score (any range: normalised to 0-100 per item).")


class DimensionInput(graphene.InputObjectType):
    class Meta:
        description = "A dimension: give a title, or a phase whose title it takes."

    slug = graphene.String(description="Identifier, named by items; made from the phase or title when omitted.")
    title = graphene.String(description="Title; the phase's title when omitted.")
    description = graphene.String(description="What it covers, plain text.")
    phase_id = graphene.ID(description="Global ID of the phase it stands for (its resources get recommended).")


class ItemInput(graphene.InputObjectType):
    class Meta:
        description = "An item on a dimension."

    dimension = graphene.String(required=True, description="Slug of its dimension.")
    text = graphene.String(required=True, description="The statement or question, plain text.")
    help_text = graphene.String(description="A hint for people answering.")
    weight = graphene.Float(description="Weight in its dimension (> 0, default 1).")
    scale = graphene.List(
        graphene.NonNull(ScaleOptionInput), description="Its answer options; the diagnostic's `scale` when omitted."
    )


class MaturityLevelInput(graphene.InputObjectType):
    class Meta:
        description = "A maturity level; the lowest must start at 0."

    min_score = graphene.Float(required=True, description="Lowest score of the band (0-100, included).")
    label = graphene.String(required=True, description="Name, e.g. « Acquis ».")
    description = graphene.String(description="What it means.")


def _diagnostic_fields(required: bool):
    return {
        "title": graphene.String(required=required, description="Title, plain text."),
        "slug": graphene.String(description="Identifier; made from the title when omitted."),
        "description": graphene.String(description="What it is for, HTML (sanitised)."),
        "scorer_key": graphene.String(description="Key of the scoring method (default `weighted_mean`)."),
        "dimensions": graphene.List(
            graphene.NonNull(DimensionInput),
            description="Its dimensions, in order. On creation, omitted: the active cycle's phases. On update, "
            "replaces dimensions and items (only before anyone answered).",
        ),
        "items": graphene.List(graphene.NonNull(ItemInput), description="Its items, in order (replaces them)."),
        "scale": graphene.List(
            graphene.NonNull(ScaleOptionInput),
            description="Default answer scale of the items (default: « Pas du tout », « Un peu », « Plutôt », "
            "« Tout à fait », scored 0-3).",
        ),
        "maturity_levels": graphene.List(
            graphene.NonNull(MaturityLevelInput),
            description="Score bands (default: « À construire » 0, « En cours » 40, « Acquis » 70).",
        ),
    }


DiagnosticCreateInput = type(
    "DiagnosticCreateInput",
    (graphene.InputObjectType,),
    {**_diagnostic_fields(True), "Meta": type("Meta", (), {"description": "A new diagnostic (a draft)."})},
)
DiagnosticUpdateInput = type(
    "DiagnosticUpdateInput",
    (graphene.InputObjectType,),
    {
        **_diagnostic_fields(False),
        "Meta": type("Meta", (), {"description": "Changes to a diagnostic; omitted or null fields stay as they are."}),
    },
)


def _plain(value):
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in dict.items(value)}  # an input field may be named "items"
    return value


def _diagnostic_data(data) -> dict:
    out = {k: _plain(v) for k, v in dict.items(data) if v is not None}
    if "dimensions" in out:
        for dimension in out["dimensions"]:
            if dimension.get("phase_id"):
                pk = pk_from_global_id(dimension["phase_id"], "Phase")
                if pk is None:
                    raise MutationError("NOT_FOUND", "Une des phases liées n'existe pas dans cet espace.", "dimensions")
                dimension["phase_id"] = pk
    return out


def get_diagnostic(global_id, field="id", lock=False):
    return get_or_not_found(
        models.Diagnostic.objects.all(),
        global_id,
        "Diagnostic",
        "Aucun autodiagnostic avec cet identifiant dans cet espace.",
        field=field,
        lock=lock,
    )


def get_run(global_id):
    return get_or_not_found(
        models.Run.objects.select_related("diagnostic", "group"),
        global_id,
        "DiagnosticRun",
        "Aucune passation avec cet identifiant dans cet espace.",
    )


class DiagnosticCreate(BaseMutation):
    class Arguments:
        input = DiagnosticCreateInput(required=True, description="The diagnostic's fields.")

    class Meta:
        description = "Create a diagnostic as a draft (staff): dimensions default to the active cycle's phases."
        error_type = DiagnosticError
        permission = Perm.EDIT_CONTENT

    diagnostic = graphene.Field(Diagnostic, description="The new diagnostic; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        diagnostic = services.create_diagnostic(service_context(info), _diagnostic_data(input))
        return cls(diagnostic=diagnostic, errors=[])


class DiagnosticUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the diagnostic.")
        input = DiagnosticUpdateInput(required=True, description="The fields to change.")

    class Meta:
        description = (
            "Change a diagnostic (staff). Texts, scorer and maturity levels may change at any time; dimensions "
            "and items only before anyone answered (IN_USE otherwise)."
        )
        error_type = DiagnosticError
        permission = Perm.EDIT_CONTENT

    diagnostic = graphene.Field(Diagnostic, description="The diagnostic after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        diagnostic = get_diagnostic(id, lock=True)
        diagnostic = services.update_diagnostic(service_context(info), diagnostic, _diagnostic_data(input))
        return cls(diagnostic=diagnostic, errors=[])


class DiagnosticSetStatus(graphene.Enum):
    class Meta:
        description = "Publication state to give a diagnostic."

    PUBLISHED = PublicationStatus.PUBLISHED.value
    DRAFT = PublicationStatus.DRAFT.value
    ARCHIVED = PublicationStatus.ARCHIVED.value

    @property
    def description(self):
        return {
            "published": "Visible to readers; runs may be opened.",
            "draft": "Hidden from readers; being prepared.",
            "archived": "Hidden from readers; no new run (past runs stay readable).",
        }[self.value]


class DiagnosticPublish(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the diagnostic.")
        status = DiagnosticSetStatus(default_value="published", description="The state to give it (default PUBLISHED).")

    class Meta:
        description = "Publish a diagnostic (runs may then be opened), or put it back to draft, or archive it."
        error_type = DiagnosticError
        permission = Perm.EDIT_CONTENT

    diagnostic = graphene.Field(Diagnostic, description="The diagnostic after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, status="published"):
        diagnostic = get_diagnostic(id, lock=True)
        status = getattr(status, "value", status)
        diagnostic = services.set_diagnostic_status(service_context(info), diagnostic, status)
        return cls(diagnostic=diagnostic, errors=[])


class DiagnosticInstallTemplate(BaseMutation):
    class Arguments:
        key = graphene.String(required=True, description="Key of the template (see `diagnosticTemplates`).")

    class Meta:
        description = (
            "Install a shipped diagnostic in this programme, published, its dimensions linked to the active "
            "cycle's phases by slug (staff). Idempotent: an installed one is returned as it is."
        )
        error_type = DiagnosticError
        permission = Perm.EDIT_CONTENT

    diagnostic = graphene.Field(Diagnostic, description="The installed diagnostic; null on error.")
    created = graphene.Boolean(description="False when it was installed already; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, key):
        diagnostic, created = services.install_template(service_context(info), key)
        return cls(diagnostic=diagnostic, created=created, errors=[])


class DiagnosticRunOpenInput(graphene.InputObjectType):
    class Meta:
        description = "A new run of a published diagnostic."

    diagnostic_id = graphene.ID(required=True, description="Global ID of the diagnostic.")
    group_name = graphene.String(
        required=True, description="Name of the group (found by name, or created): its runs are compared."
    )
    title = graphene.String(description="Name of the session (default: the diagnostic's title and the date).")
    held_on = graphene.Date(description="Date of the session (default: today).")
    allow_anonymous = graphene.Boolean(description="Let people answer without signing in (default true).")


class DiagnosticRunOpen(BaseMutation):
    class Arguments:
        input = DiagnosticRunOpenInput(required=True, description="The run's fields.")

    class Meta:
        description = "Open a run for a group (RUN_DIAGNOSTIC): share its `code` with the members."
        error_type = DiagnosticError
        permission = Perm.RUN_DIAGNOSTIC

    run = graphene.Field(DiagnosticRun, description="The new run; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        diagnostic = get_diagnostic(input["diagnostic_id"], field="diagnosticId")
        allow = input.get("allow_anonymous")
        run = services.open_run(
            service_context(info),
            diagnostic,
            group_name=input["group_name"],
            title=input.get("title") or "",
            held_on=input.get("held_on"),
            allow_anonymous=True if allow is None else allow,
        )
        return cls(run=run, errors=[])


class DiagnosticRunClose(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the run.")

    class Meta:
        description = "Close a run (RUN_DIAGNOSTIC): it accepts no more answers. Emits `diagnostic_run.closed`."
        error_type = DiagnosticError
        permission = Perm.RUN_DIAGNOSTIC

    run = graphene.Field(DiagnosticRun, description="The closed run; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        run = services.close_run(service_context(info), get_run(id))
        return cls(run=run, errors=[])


class DiagnosticRunConclude(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the run.")
        conclusions = graphene.String(description="The group's shared conclusions, plain text (null: unchanged).")
        priorities = graphene.String(description="The group's priorities, plain text (null: unchanged).")

    class Meta:
        description = "Record the group's shared conclusions and priorities on a run (RUN_DIAGNOSTIC)."
        error_type = DiagnosticError
        permission = Perm.RUN_DIAGNOSTIC

    run = graphene.Field(DiagnosticRun, description="The run; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, conclusions=None, priorities=None):
        run = services.conclude_run(service_context(info), get_run(id), conclusions=conclusions, priorities=priorities)
        return cls(run=run, errors=[])


class AnswerInput(graphene.InputObjectType):
    class Meta:
        description = "One answer: an item and the chosen option."

    item_id = graphene.ID(required=True, description="Global ID of the item.")
    choice = graphene.Int(required=True, description="Index of the chosen option in the item's scale, from 0.")


class DiagnosticAnswer(BaseMutation):
    class Arguments:
        code = graphene.String(required=True, description="The run's code (`ABCD-EFGH`; case, spaces, dashes ignored).")
        answers = graphene.List(
            graphene.NonNull(AnswerInput), required=True, description="The whole answer set (replaces any earlier one)."
        )
        participant_token = graphene.String(
            description="Anonymous participants: the token received on a first answer, to replace their answers."
        )

    class Meta:
        description = (
            "Answer a run (anyone with its code): one answer set per person, replaced when answering again. "
            "Signed-in people are recognised by their account; anonymous ones receive a `participantToken` on "
            "their first answer and send it back to change their answers or read their results."
        )
        error_type = DiagnosticError
        allow_anonymous = True

    participant_token = graphene.String(
        description="Issued on an anonymous first answer only: keep it to change answers or read results."
    )
    participant_number = graphene.Int(description="Your pseudonym number in the results; null on error.")
    answered_count = graphene.Int(description="Items answered; null on error.")
    missing_items = graphene.List(
        graphene.NonNull(DiagnosticItem), description="Items left unanswered (excluded from scores); null on error."
    )

    @classmethod
    def perform_mutation(cls, root, info, principal, code, answers, participant_token=None):
        pairs = []
        for answer in answers:
            pk = pk_from_global_id(answer["item_id"], "DiagnosticItem")
            if pk is None:
                raise MutationError("NOT_FOUND", "Une réponse vise un item inconnu dans cet espace.", "answers")
            pairs.append((pk, answer["choice"]))
        participant, token, missing = services.submit_answers(
            service_context(info), code, pairs, participant_token=participant_token
        )
        return cls(
            participant_token=token,
            participant_number=participant.number,
            answered_count=len(pairs),
            missing_items=missing,
            errors=[],
        )
