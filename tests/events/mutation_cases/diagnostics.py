"""Self-diagnostics: questionnaires, runs and answers, each successful mutation with its one event."""

from imedia_core.diagnostics import services
from imedia_core.graphql.core.nodes import TenantNode

from . import Case

DIAGNOSTIC = {
    "title": "Où en sommes-nous ?",
    "dimensions": [{"slug": "a", "title": "Dimension A"}],
    "items": [{"dimension": "a", "text": "Nous savons mobiliser."}],
}
PAYLOAD = "errors { field code message }"


def _diagnostic(ctx, *, published=False):
    diagnostic = services.create_diagnostic(ctx["service"], DIAGNOSTIC)
    if published:
        services.set_diagnostic_status(ctx["service"], diagnostic, "published")
    return diagnostic


def _run(ctx):
    return services.open_run(ctx["service"], _diagnostic(ctx, published=True), group_name="Groupe des Lilas")


def _gid(type_name, row):
    return TenantNode.to_global_id(type_name, row.pk)


def _answer_variables(ctx):
    run = _run(ctx)
    item = run.diagnostic.items.get()
    return {"code": run.code, "answers": [{"itemId": _gid("DiagnosticItem", item), "choice": 1}]}


CASES = [
    Case(
        mutation="diagnosticCreate",
        document=f"mutation($input: DiagnosticCreateInput!) {{ diagnosticCreate(input: $input) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"input": DIAGNOSTIC},
        events=("diagnostic.created",),
    ),
    Case(
        mutation="diagnosticUpdate",
        document=(
            "mutation($id: ID!, $input: DiagnosticUpdateInput!) "
            f"{{ diagnosticUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"id": _gid("Diagnostic", _diagnostic(ctx)), "input": {"title": "Où en est le groupe ?"}},
        events=("diagnostic.updated",),
    ),
    Case(
        mutation="diagnosticPublish",
        document=f"mutation($id: ID!) {{ diagnosticPublish(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("Diagnostic", _diagnostic(ctx))},
        events=("diagnostic.published",),
    ),
    Case(
        mutation="diagnosticInstallTemplate",
        document=f"mutation($key: String!) {{ diagnosticInstallTemplate(key: $key) {{ created {PAYLOAD} }} }}",
        setup=lambda ctx: {"key": "demarche-participative-conseils-citoyens"},
        events=("diagnostic.installed",),
    ),
    Case(
        mutation="diagnosticRunOpen",
        document=f"mutation($input: DiagnosticRunOpenInput!) {{ diagnosticRunOpen(input: $input) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {
            "input": {"diagnosticId": _gid("Diagnostic", _diagnostic(ctx, published=True)), "groupName": "Groupe"}
        },
        events=("diagnostic_run.opened",),
    ),
    Case(
        mutation="diagnosticRunClose",
        document=f"mutation($id: ID!) {{ diagnosticRunClose(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("DiagnosticRun", _run(ctx))},
        events=("diagnostic_run.closed",),
    ),
    Case(
        mutation="diagnosticRunConclude",
        document=(
            f'mutation($id: ID!) {{ diagnosticRunConclude(id: $id, conclusions: "Nous avançons.") {{ {PAYLOAD} }} }}'
        ),
        setup=lambda ctx: {"id": _gid("DiagnosticRun", _run(ctx))},
        events=("diagnostic_run.concluded",),
    ),
    # A participant holding the run's code, not signed in: the event names the run only.
    Case(
        mutation="diagnosticAnswer",
        document=(
            "mutation($code: String!, $answers: [AnswerInput!]!) "
            f"{{ diagnosticAnswer(code: $code, answers: $answers) {{ participantToken {PAYLOAD} }} }}"
        ),
        setup=_answer_variables,
        events=("diagnostic_run.answered",),
        anonymous=True,
    ),
]
