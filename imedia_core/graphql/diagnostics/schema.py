"""GraphQL root fields of self-diagnostics."""

import graphene
from graphql import GraphQLError

from imedia_core.diagnostics import models
from imedia_core.diagnostics.access import results_for
from imedia_core.diagnostics.scoring import available_scorers
from imedia_core.diagnostics.services import participant_of, run_by_code
from imedia_core.diagnostics.templates import available_diagnostic_templates
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from ..core.connection import ConnectionField
from ..core.context import service_context, tenant_of
from ..core.nodes import TenantNode, pk_from_global_id
from ..core.permissions import require
from ..core.selection import selected_names
from . import mutations
from .types import (
    Diagnostic,
    DiagnosticGroup,
    DiagnosticInvitation,
    DiagnosticRun,
    MyAnswer,
    RunResults,
    RunStatusEnum,
    Scorer,
    diagnostic_prefetches,
    run_queryset,
)

STRUCTURE_FIELDS = frozenset({"dimensions", "items", "maturityLevels", "itemCount"})


class DiagnosticTemplate(graphene.ObjectType):
    class Meta:
        description = "A shipped diagnostic this programme can install with `diagnosticInstallTemplate`."

    key = graphene.String(required=True, description="Key of the template; the slug of the installed diagnostic.")
    title = graphene.String(required=True, description="Title, in French.")
    cycle_template_key = graphene.String(required=True, description="Cycle template it goes with.")
    dimension_count = graphene.Int(required=True, description="Number of dimensions.")
    item_count = graphene.Int(required=True, description="Number of items.")
    installed = graphene.Boolean(required=True, description="Whether a diagnostic with this key exists here.")


def _with_structure(queryset, info):
    if selected_names(info) & STRUCTURE_FIELDS:
        return queryset.prefetch_related(*diagnostic_prefetches())
    return queryset


class DiagnosticsQueries(graphene.ObjectType):
    """Root fields of self-diagnostics."""

    diagnostics = ConnectionField(
        Diagnostic,
        description="Diagnostics of the programme, by title. Readers see published ones; staff also drafts and "
        "archives.",
    )
    diagnostic = graphene.Field(
        Diagnostic,
        id=graphene.ID(description="Global ID of the diagnostic."),
        slug=graphene.String(description="Slug of the diagnostic."),
        description="One diagnostic by ID or slug (give one); null when absent or not visible.",
    )
    diagnostic_templates = graphene.List(
        graphene.NonNull(DiagnosticTemplate),
        required=True,
        description="Shipped diagnostics available here (from enabled plugins). Staff only.",
    )
    diagnostic_scorers = graphene.List(
        graphene.NonNull(Scorer), required=True, description="Scoring methods available here, the default first."
    )
    diagnostic_groups = graphene.List(
        graphene.NonNull(DiagnosticGroup),
        required=True,
        description="Groups that ran diagnostics, by name. Staff only.",
    )
    diagnostic_runs = ConnectionField(
        DiagnosticRun,
        diagnostic_id=graphene.ID(description="Only runs of this diagnostic."),
        group_id=graphene.ID(description="Only runs of this group."),
        status=RunStatusEnum(description="Only open or only closed runs."),
        description="Runs, newest session first. Staff (RUN_DIAGNOSTIC) see all; a signed-in person, the runs "
        "they answered; others none.",
    )
    diagnostic_run = graphene.Field(
        DiagnosticRun,
        id=graphene.ID(required=True, description="Global ID of the run."),
        description="One run, if the caller may see it (staff, or a participant of the run).",
    )
    diagnostic_invitation = graphene.Field(
        DiagnosticInvitation,
        code=graphene.String(required=True, description="The run's code (case, spaces and dashes ignored)."),
        participant_token=graphene.String(description="An anonymous participant's token, to get their answers back."),
        description="What someone holding a run's code needs to answer it; null for an unknown code.",
    )
    diagnostic_run_results = graphene.Field(
        RunResults,
        id=graphene.ID(description="Global ID of the run."),
        code=graphene.String(description="Or the run's code (anonymous participants, with `participantToken`)."),
        participant_token=graphene.String(description="An anonymous participant's token."),
        weakest=graphene.Int(default_value=2, description="How many of the weakest dimensions get recommendations."),
        description="A run's results, for staff (RUN_DIAGNOSTIC) and for the run's participants; null for others.",
    )

    def resolve_diagnostics(root, info, **kwargs):
        return _with_structure(models.Diagnostic.objects.order_by("title", "id"), info)

    def resolve_diagnostic(root, info, id=None, slug=None):
        if (id is None) == (slug is None):
            raise GraphQLError("Donnez soit « id », soit « slug ».", extensions={"code": "BAD_USER_INPUT"})
        queryset = Diagnostic.get_queryset(models.Diagnostic.objects.all(), info)
        if id is not None:
            pk = pk_from_global_id(id, "Diagnostic")
            if pk is None:
                return None
            queryset = queryset.filter(pk=pk)
        else:
            queryset = queryset.filter(slug=slug)
        return _with_structure(queryset, info).first()

    def resolve_diagnostic_templates(root, info):
        require(info, Perm.EDIT_CONTENT)
        templates = available_diagnostic_templates(tenant_of(info))
        installed = set(models.Diagnostic.objects.filter(slug__in=list(templates)).values_list("slug", flat=True))
        return [
            DiagnosticTemplate(
                key=t.key,
                title=t.title,
                cycle_template_key=t.cycle_template_key,
                dimension_count=len(t.dimensions),
                item_count=t.item_count(),
                installed=t.key in installed,
            )
            for t in templates.values()
        ]

    def resolve_diagnostic_scorers(root, info):
        return [Scorer(key=s.key, label=s.label) for s in available_scorers(tenant_of(info)).values()]

    def resolve_diagnostic_groups(root, info):
        require(info, Perm.RUN_DIAGNOSTIC)
        return list(DiagnosticGroup.readable(info).order_by("name", "id"))

    def resolve_diagnostic_runs(root, info, diagnostic_id=None, group_id=None, status=None, **kwargs):
        runs = run_queryset()
        for global_id, type_name, field in (
            (diagnostic_id, "Diagnostic", "diagnostic_id"),
            (group_id, "DiagnosticGroup", "group_id"),
        ):
            if global_id is not None:
                runs = runs.filter(**{field: pk_from_global_id(global_id, type_name) or 0})
        if status is not None:
            runs = runs.filter(status=getattr(status, "value", status))
        return runs

    def resolve_diagnostic_run(root, info, id):
        pk = pk_from_global_id(id, "DiagnosticRun")
        if pk is None:
            return None
        return DiagnosticRun.get_queryset(run_queryset(), info).filter(pk=pk).first()

    def resolve_diagnostic_invitation(root, info, code, participant_token=None):
        run = _run_by_code(info, code)
        if run is None:
            return None
        participant = participant_of(service_context(info), run, participant_token)
        answers = []
        if participant is not None:
            answers = [
                MyAnswer(item_id=TenantNode.to_global_id("DiagnosticItem", item_id), choice=choice)
                for item_id, choice in participant.answers.order_by("item__position").values_list("item_id", "choice")
            ]
        diagnostic = models.Diagnostic.objects.prefetch_related(*diagnostic_prefetches()).get(pk=run.diagnostic_id)
        return DiagnosticInvitation(
            run_id=TenantNode.to_global_id("DiagnosticRun", run.pk),
            title=run.title,
            held_on=run.held_on,
            group_name=run.group.name,
            status=getattr(run.status, "value", run.status),
            allow_anonymous=run.allow_anonymous,
            diagnostic=diagnostic,
            my_answers=answers,
            my_participant_number=participant.number if participant else None,
        )

    def resolve_diagnostic_run_results(root, info, id=None, code=None, participant_token=None, weakest=2):
        if (id is None) == (code is None):
            raise GraphQLError("Donnez soit « id », soit « code ».", extensions={"code": "BAD_USER_INPUT"})
        if id is not None:
            pk = pk_from_global_id(id, "DiagnosticRun")
            run = models.Run.objects.select_related("diagnostic", "group").filter(pk=pk).first() if pk else None
        else:
            run = _run_by_code(info, code)
        if run is None:
            return None
        return results_for(
            service_context(info), run, participant_token=participant_token, weakest=max(0, min(weakest, 20))
        )


def _run_by_code(info, code):
    """The run with this code for this caller; too many wrong codes answer RATE_LIMITED."""
    try:
        return run_by_code(service_context(info), code)
    except ServiceError as exc:
        error = exc.errors[0]
        raise GraphQLError(error["message"], extensions={"code": error["code"]}) from exc


class DiagnosticsMutations(graphene.ObjectType):
    """Mutations of self-diagnostics."""

    diagnostic_create = mutations.DiagnosticCreate.Field()
    diagnostic_update = mutations.DiagnosticUpdate.Field()
    diagnostic_publish = mutations.DiagnosticPublish.Field()
    diagnostic_install_template = mutations.DiagnosticInstallTemplate.Field()
    diagnostic_run_open = mutations.DiagnosticRunOpen.Field()
    diagnostic_run_close = mutations.DiagnosticRunClose.Field()
    diagnostic_run_conclude = mutations.DiagnosticRunConclude.Field()
    diagnostic_answer = mutations.DiagnosticAnswer.Field()
