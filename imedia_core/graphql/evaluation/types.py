"""GraphQL types of the evaluation domain: plain objects over the aggregates of
``imedia_core.evaluation.indicators`` (no model rows, so no per-row queries to budget)."""

import graphene

from ..core.nodes import TenantNode


class IndicatorPeriod(graphene.ObjectType):
    class Meta:
        description = "The period indicators cover: two calendar dates, both included, in the platform's time zone."

    from_ = graphene.Date(name="from", required=True, description="First day of the period (included).")
    to = graphene.Date(required=True, description="Last day of the period (included).")
    days = graphene.Int(required=True, description="Number of days in the period.")

    def resolve_from_(root, info):
        return root.start

    def resolve_to(root, info):
        return root.end

    def resolve_days(root, info):
        return root.days


class IndicatorBucket(graphene.ObjectType):
    class Meta:
        description = "One value of a breakdown (a contribution kind, a status...), zero included."

    key = graphene.String(required=True, description="Stable machine value, lower case (e.g. `proposal`, `published`).")
    label = graphene.String(required=True, description="French label, for people.")
    count = graphene.Int(required=True, description="Number of contributions in this bucket.")


class PhaseIndicator(graphene.ObjectType):
    class Meta:
        description = (
            "Contributions attached to one phase: every phase of the active cycle (zero included, in cycle "
            "order), then phases of other cycles that received contributions, then `Sans phase`."
        )

    phase_id = graphene.ID(description="Global ID of the phase (`Phase`); null for contributions without a phase.")
    slug = graphene.String(required=True, description="Slug of the phase; empty for contributions without a phase.")
    title = graphene.String(required=True, description="Title of the phase, or « Sans phase ».")
    count = graphene.Int(required=True, description="Contributions made in the period and attached to this phase.")

    def resolve_phase_id(root, info):
        return TenantNode.to_global_id("Phase", root.phase_id) if root.phase_id else None


class MonthIndicator(graphene.ObjectType):
    class Meta:
        description = "Contributions made during one calendar month (local time); every month of the period is listed."

    month = graphene.Date(required=True, description="First day of the month.")
    count = graphene.Int(required=True, description="Contributions made that month, within the period.")


class ContributionIndicators(graphene.ObjectType):
    class Meta:
        description = "Contributions made (submitted) during the period, whatever their current status."

    total = graphene.Int(required=True, description="Contributions made during the period.")
    by_kind = graphene.List(
        graphene.NonNull(IndicatorBucket), required=True, description="By kind (question, constat, proposition...)."
    )
    by_status = graphene.List(
        graphene.NonNull(IndicatorBucket),
        required=True,
        description="By current moderation status (pending, published, rejected, hidden, withdrawn).",
    )
    by_phase = graphene.List(graphene.NonNull(PhaseIndicator), required=True, description="By phase of the cycle.")
    by_month = graphene.List(
        graphene.NonNull(MonthIndicator), required=True, description="By calendar month, oldest first."
    )


class ResponseIndicators(graphene.ObjectType):
    class Meta:
        description = "How proposals were answered (official responses of the feedback loop)."

    proposals = graphene.Int(
        required=True, description="Proposals made during the period and published (visible to everyone)."
    )
    answered = graphene.Int(
        required=True,
        description="Of those, the proposals with at least one published response by the end of the period.",
    )
    share = graphene.Float(description="`answered / proposals`, between 0 and 1; null when there is no proposal.")
    median_days_to_first_response = graphene.Float(
        description="Median, over the answered proposals, of the days between the proposal and its first "
        "published response (fractional days); null when none was answered."
    )
    responses_published = graphene.Int(
        required=True, description="Responses published during the period, to contributions of any kind."
    )


class CommitmentIndicators(graphene.ObjectType):
    class Meta:
        description = (
            "Commitments of the « vous avez dit, nous avons fait » ledger due during the period (or, without a "
            "due date, created during it), by their status today."
        )

    total = graphene.Int(required=True, description="Commitments in scope.")
    planned = graphene.Int(required=True, description="Planned, not started.")
    in_progress = graphene.Int(required=True, description="In progress.")
    done = graphene.Int(required=True, description="Done.")
    not_done = graphene.Int(required=True, description="Explicitly not done (with a reason).")
    overdue = graphene.Int(
        required=True,
        description="Planned or in progress whose due date is before `asOf` (a subset of planned + inProgress).",
    )
    as_of = graphene.Date(required=True, description="The day statuses and overdue are evaluated (today).")


class DiagnosticProgress(graphene.ObjectType):
    class Meta:
        description = "How one group moved between its last two closed runs of one diagnostic."

    diagnostic_id = graphene.ID(required=True, description="Global ID of the diagnostic (`Diagnostic`).")
    diagnostic_title = graphene.String(required=True, description="Title of the diagnostic.")
    group = graphene.String(required=True, description="The group that ran it.")
    previous_run_on = graphene.Date(required=True, description="Date of the previous closed run.")
    last_run_on = graphene.Date(required=True, description="Date of the last closed run (within the period).")
    mean_delta = graphene.Float(
        description="Mean, over the dimensions scored in both runs, of (last score − previous score); "
        "null when no dimension was scored in both."
    )

    def resolve_diagnostic_id(root, info):
        return TenantNode.to_global_id("Diagnostic", root.diagnostic_id)


class DiagnosticIndicators(graphene.ObjectType):
    class Meta:
        description = "Participation in self-diagnostics during the period, and progress between runs."

    runs = graphene.Int(required=True, description="Runs dated in the period.")
    closed_runs = graphene.Int(required=True, description="Of those, the closed ones.")
    groups = graphene.Int(required=True, description="Distinct groups that held those runs.")
    participants = graphene.Int(required=True, description="Answer sets submitted to those runs (one per member).")
    groups_compared = graphene.Int(
        required=True, description="Groups with a progress figure: a closed run in the period and one before it."
    )
    mean_delta = graphene.Float(
        description="Mean of the groups' `meanDelta` (each group weighs the same); null without any."
    )
    progress = graphene.List(
        graphene.NonNull(DiagnosticProgress),
        required=True,
        description="Per diagnostic and group; empty in the operator view (group names stay in the programme).",
    )


class UnansweredSearch(graphene.ObjectType):
    class Meta:
        description = "A question people searched in the guided path that matched nothing (normalised text)."

    text = graphene.String(required=True, description="The normalised search text.")
    count = graphene.Int(required=True, description="How many times it was searched.")


class UnansweredSearchIndicators(graphene.ObjectType):
    class Meta:
        description = "Searches of the guided path that found no question of the catalogue."

    distinct = graphene.Int(required=True, description="Distinct unanswered searches seen during the period.")
    searches = graphene.Int(required=True, description="How many times they were searched in all.")
    top = graphene.List(
        graphene.NonNull(UnansweredSearch),
        required=True,
        description="The most searched ones (10 at most), most searched first; empty in the operator view.",
    )


class Indicators(graphene.ObjectType):
    class Meta:
        description = "A programme's indicators over a period, computed from its own data only."

    period = graphene.Field(IndicatorPeriod, required=True, description="The period covered.")
    computed_at = graphene.DateTime(required=True, description="When the figures were computed.")
    contributions = graphene.Field(ContributionIndicators, required=True, description="Contributions made.")
    responses = graphene.Field(ResponseIndicators, required=True, description="Responses to proposals.")
    commitments = graphene.Field(CommitmentIndicators, required=True, description="Commitments and their status.")
    diagnostics = graphene.Field(DiagnosticIndicators, required=True, description="Self-diagnostics.")
    unanswered_searches = graphene.Field(
        UnansweredSearchIndicators, required=True, description="Guided-path searches that matched nothing."
    )


class ProgrammeIndicators(graphene.ObjectType):
    class Meta:
        description = "One programme of the operator with its indicators (aggregates only)."

    slug = graphene.String(required=True, description="Slug of the programme space.")
    name = graphene.String(required=True, description="Name of the programme space.")
    status = graphene.String(required=True, description="Status of the space: `active`, `suspended` or `archived`.")
    policy_area = graphene.String(required=True, description="Policy area, as stored (e.g. `social_inclusion`).")
    territory = graphene.String(required=True, description="Territory the programme covers.")
    indicators = graphene.Field(Indicators, required=True, description="Its indicators over the period.")


class OperatorIndicators(graphene.ObjectType):
    class Meta:
        description = "The indicators of every programme of an operator, side by side."

    operator_slug = graphene.String(required=True, description="Slug of the operator.")
    operator_name = graphene.String(required=True, description="Name of the operator.")
    period = graphene.Field(IndicatorPeriod, required=True, description="The period covered.")
    programmes = graphene.List(
        graphene.NonNull(ProgrammeIndicators), required=True, description="Its programmes, by name."
    )
