"""A programme's indicators over a period, computed in the database.

``compute(period)`` runs in the current tenant schema and issues a fixed number of SQL
statements (one per indicator family, see ``QUERIES``), whatever the number of rows: every
count, share, median and delta is an aggregate computed by PostgreSQL. Python only fills the
zero buckets (the months of the period, the kinds and statuses that had no row), which loops
over calendar months and choice lists, never over rows.

The result holds aggregates only: no contribution text, no person. It is what leaves a schema
in the operator view (``imedia_core.evaluation.operator``). Definitions are in
docs/evaluation.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from imedia_core.participation.models import ContributionKind, ContributionStatus

from . import families
from .period import Period, local_today
from .progress import run_pair_progress
from .sql import json_value

#: Indicator families in the order they are computed; each costs one SQL statement.
QUERIES = (
    "contributions",
    "responses",
    "commitments",
    "diagnostic_participation",
    "diagnostic_run_pairs",
    "unanswered_searches",
)
#: How many unanswered searches the indicators list.
TOP_SEARCHES = 10


@dataclass(frozen=True)
class Bucket:
    """One value of a breakdown: a stable ``key``, a French ``label`` and a count."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class PhaseBucket:
    phase_id: int | None
    slug: str
    title: str
    count: int


@dataclass(frozen=True)
class MonthBucket:
    month: dt.date  # first day of the month
    count: int


@dataclass(frozen=True)
class ContributionIndicators:
    total: int
    by_kind: list[Bucket]
    by_status: list[Bucket]
    by_phase: list[PhaseBucket]
    by_month: list[MonthBucket]


@dataclass(frozen=True)
class ResponseIndicators:
    proposals: int  # published proposals made in the period
    answered: int  # of which with a published response by the end of the period
    share: float | None  # answered / proposals, None without proposals
    median_days_to_first_response: float | None
    responses_published: int  # published responses (any contribution kind) dated in the period


@dataclass(frozen=True)
class CommitmentIndicators:
    total: int
    planned: int
    in_progress: int
    done: int
    not_done: int
    overdue: int
    as_of: dt.date


@dataclass(frozen=True)
class DiagnosticProgress:
    diagnostic_id: int
    diagnostic_title: str
    group: str
    previous_run_on: dt.date
    last_run_on: dt.date
    mean_delta: float | None


@dataclass(frozen=True)
class DiagnosticIndicators:
    runs: int  # runs dated in the period
    closed_runs: int
    groups: int  # distinct groups that held those runs
    participants: int  # answer sets of those runs
    groups_compared: int  # (diagnostic, group) pairs with a progress figure
    mean_delta: float | None  # mean of the groups' mean deltas (each group weighs the same)
    progress: list[DiagnosticProgress] = field(default_factory=list)  # per group; empty in the operator view


@dataclass(frozen=True)
class SearchBucket:
    text: str
    count: int


@dataclass(frozen=True)
class GuidanceIndicators:
    distinct: int  # distinct unanswered searches seen in the period
    searches: int  # how many times they were asked
    top: list[SearchBucket] = field(default_factory=list)  # most asked first; empty in the operator view


@dataclass(frozen=True)
class Indicators:
    period: Period
    computed_at: dt.datetime
    contributions: ContributionIndicators
    responses: ResponseIndicators
    commitments: CommitmentIndicators
    diagnostics: DiagnosticIndicators
    unanswered_searches: GuidanceIndicators
    detailed: bool  # False in the operator view: no free text (searches), no group names


def _params(period: Period) -> dict:
    return {
        "start": period.start_at,
        "end": period.end_before,
        "start_date": period.start,
        "end_date": period.end,
        "tz": settings.TIME_ZONE,
        "today": local_today(),
        "limit": TOP_SEARCHES,
    }


def compute(period: Period, *, detailed: bool = True, tenant=None) -> Indicators:
    """Every indicator of the current tenant over ``period``: at most ``len(QUERIES) + 2`` SQL
    statements (the progress of diagnostic groups needs two more once there is a pair of runs
    to compare), whatever the number of rows.

    ``detailed=False`` is the operator view's projection: the figures are the same, but what
    people typed (unanswered searches) and the names of diagnostic groups are not even read.
    ``tenant`` decides which plugin scorers apply to diagnostic progress (its enabled plugins).
    """
    params = _params(period)
    params["limit"] = TOP_SEARCHES if detailed else 0
    return Indicators(
        period=period,
        computed_at=timezone.now(),
        contributions=_contributions(period, families.contributions(params)),
        responses=_responses(families.responses(params)),
        commitments=CommitmentIndicators(**families.commitments(params), as_of=params["today"]),
        diagnostics=_diagnostics(params, detailed, tenant),
        unanswered_searches=_searches(families.unanswered_searches(params)),
        detailed=detailed,
    )


def _responses(row: dict) -> ResponseIndicators:
    proposals, answered = row["proposals"], row["answered"]
    median = row["median_days"]
    return ResponseIndicators(
        proposals=proposals,
        answered=answered,
        share=round(answered / proposals, 4) if proposals else None,
        median_days_to_first_response=round(float(median), 2) if median is not None else None,
        responses_published=row["responses_published"],
    )


def _diagnostics(params: dict, detailed: bool, tenant) -> DiagnosticIndicators:
    counts = families.diagnostic_participation(params)
    pairs = run_pair_progress(params, tenant)
    deltas = [p["mean_delta"] for p in pairs if p["mean_delta"] is not None]
    return DiagnosticIndicators(
        runs=counts["runs"],
        closed_runs=counts["closed_runs"],
        groups=counts["groups"],
        participants=counts["participants"],
        groups_compared=len(deltas),
        mean_delta=round(sum(deltas) / len(deltas), 4) if deltas else None,
        progress=[DiagnosticProgress(**p) for p in pairs] if detailed else [],
    )


def _searches(row: dict) -> GuidanceIndicators:
    return GuidanceIndicators(
        distinct=row["distinct_searches"],
        searches=int(row["searches"]),
        top=[SearchBucket(t["text"], t["count"]) for t in json_value(row["top"])],
    )


def _contributions(period: Period, rows: list[dict]) -> ContributionIndicators:
    counts: dict[str, dict] = {"kind": {}, "status": {}, "month": {}}
    phases = []
    for row in rows:  # one row per bucket, not per contribution
        if row["dim"] == "phase":
            phases.append(PhaseBucket(row["phase_id"], row["slug"] or "", row["label"] or "Sans phase", row["n"]))
        else:
            counts[row["dim"]][row["key"]] = row["n"]
    return ContributionIndicators(
        total=sum(counts["kind"].values()),
        by_kind=[Bucket(k.value, k.label, counts["kind"].get(k.value, 0)) for k in ContributionKind],
        by_status=[Bucket(s.value, s.label, counts["status"].get(s.value, 0)) for s in ContributionStatus],
        by_phase=phases,
        by_month=[MonthBucket(m, counts["month"].get(m.isoformat(), 0)) for m in period.months()],
    )
