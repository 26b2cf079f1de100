"""One SQL statement per indicator family. Each function takes the period parameters
(``indicators._params``) and returns aggregates only.

Bounds: timestamps are compared as ``start <= t < end`` with local-midnight instants; dates
(due dates, run dates) as ``start_date <= d <= end_date``. Months are truncated in local time.
"""

from __future__ import annotations

from imedia_core.cycle.models import Cycle, Phase
from imedia_core.diagnostics.models import Answer, Diagnostic, Dimension, Group, Item, Participant, Run, RunStatus
from imedia_core.feedback.models import Commitment, CommitmentStatus, Response, ResponseStatus
from imedia_core.guidance.models import UnansweredSearch, UnansweredStatus
from imedia_core.participation.models import Contribution, ContributionKind, ContributionStatus

from .sql import column, fetch, table


def contributions(params: dict) -> list[dict]:
    """Bucket rows ``{dim, key, phase_id, slug, label, n}`` for dim in kind, status, month, phase.

    Phases: every phase of the active cycle (zero included, in cycle order), then any other
    phase that received contributions (a past cycle's), then contributions without a phase.
    """
    c, p, y = Contribution, Phase, Cycle
    sql = f"""
    WITH c AS (
        SELECT {column(c, "kind")} AS kind, {column(c, "status")} AS status, {column(c, "phase")} AS phase_id,
               date_trunc('month', {column(c, "created_at")} AT TIME ZONE %(tz)s)::date AS month
        FROM {table(c)}
        WHERE {column(c, "created_at")} >= %(start)s AND {column(c, "created_at")} < %(end)s
    ), by_phase AS (
        SELECT phase_id, count(*) AS n FROM c GROUP BY phase_id
    ), active_phases AS (
        SELECT ph.{column(p, "id")} AS id, ph.{column(p, "slug")} AS slug, ph.{column(p, "title")} AS title,
               ph.{column(p, "position")} AS position
        FROM {table(p)} ph JOIN {table(y)} cy ON cy.{column(y, "id")} = ph.{column(p, "cycle")}
        WHERE cy.{column(y, "is_active")}
    )
    SELECT 'kind' AS dim, kind AS key, NULL::bigint AS phase_id, NULL AS slug, NULL AS label,
           count(*) AS n, 0::bigint AS sort
    FROM c GROUP BY kind
    UNION ALL
    SELECT 'status', status, NULL, NULL, NULL, count(*), 0 FROM c GROUP BY status
    UNION ALL
    SELECT 'month', to_char(month, 'YYYY-MM-DD'), NULL, NULL, NULL, count(*), 0 FROM c GROUP BY month
    UNION ALL
    SELECT 'phase', NULL, coalesce(ap.id, bp.phase_id), coalesce(ap.slug, other.{column(p, "slug")}),
           coalesce(ap.title, other.{column(p, "title")}), coalesce(bp.n, 0),
           row_number() OVER (
               ORDER BY ap.id IS NULL, bp.phase_id IS NULL, ap.position, other.{column(p, "cycle")},
                        other.{column(p, "position")}, coalesce(ap.id, bp.phase_id)
           )
    FROM active_phases ap
    FULL JOIN by_phase bp ON bp.phase_id = ap.id
    LEFT JOIN {table(p)} other ON other.{column(p, "id")} = bp.phase_id AND ap.id IS NULL
    ORDER BY dim, sort
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    return fetch(sql, params)


def responses(params: dict) -> dict:
    """Published proposals of the period, how many got a published response by its end, the
    median delay to the first one (days, ``percentile_cont``), and responses published in it."""
    c, r = Contribution, Response
    sql = f"""
    WITH firsts AS (
        SELECT p.{column(c, "created_at")} AS created_at, min(resp.{column(r, "published_at")}) AS first_at
        FROM {table(c)} p
        LEFT JOIN {table(r)} resp ON resp.{column(r, "contribution")} = p.{column(c, "id")}
             AND resp.{column(r, "status")} = %(response_published)s
             AND resp.{column(r, "published_at")} < %(end)s
        WHERE p.{column(c, "kind")} = %(proposal)s AND p.{column(c, "status")} = %(published)s
          AND p.{column(c, "created_at")} >= %(start)s AND p.{column(c, "created_at")} < %(end)s
        GROUP BY p.{column(c, "id")}, p.{column(c, "created_at")}
    )
    SELECT count(*) AS proposals, count(first_at) AS answered,
           -- greatest() skips NULLs, hence the FILTER: unanswered proposals are not "0 days".
           percentile_cont(0.5) WITHIN GROUP (
               ORDER BY greatest(extract(epoch FROM first_at - created_at), 0) / 86400.0
           ) FILTER (WHERE first_at IS NOT NULL) AS median_days,
           (SELECT count(*) FROM {table(r)}
             WHERE {column(r, "status")} = %(response_published)s
               AND {column(r, "published_at")} >= %(start)s AND {column(r, "published_at")} < %(end)s
           ) AS responses_published
    FROM firsts
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    constants = {
        "proposal": ContributionKind.PROPOSAL,
        "published": ContributionStatus.PUBLISHED,
        "response_published": ResponseStatus.PUBLISHED,
    }
    return fetch(sql, {**params, **constants})[0]


def commitments(params: dict) -> dict:
    """Commitments due in the period, by status today; overdue: still open, due before today."""
    k = Commitment
    status, due = column(k, "status"), column(k, "due_date")
    sql = f"""
    SELECT count(*) AS total,
           count(*) FILTER (WHERE {status} = %(planned)s) AS planned,
           count(*) FILTER (WHERE {status} = %(in_progress)s) AS in_progress,
           count(*) FILTER (WHERE {status} = %(done)s) AS done,
           count(*) FILTER (WHERE {status} = %(not_done)s) AS not_done,
           count(*) FILTER (WHERE {status} IN (%(planned)s, %(in_progress)s) AND {due} < %(today)s) AS overdue
    FROM {table(k)}
    WHERE {due} >= %(start_date)s AND {due} <= %(end_date)s
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    constants = {s.name.lower(): s.value for s in CommitmentStatus}
    return fetch(sql, {**params, **constants})[0]


def diagnostic_participation(params: dict) -> dict:
    """Runs held in the period, the closed ones, the groups, and their answer sets."""
    run, participant = Run, Participant
    sql = f"""
    SELECT count(DISTINCT r.{column(run, "id")}) AS runs,
           count(DISTINCT r.{column(run, "id")}) FILTER (WHERE r.{column(run, "status")} = %(closed)s) AS closed_runs,
           count(DISTINCT r.{column(run, "group")}) AS groups,
           count(pa.{column(participant, "id")}) AS participants
    FROM {table(run)} r
    LEFT JOIN {table(participant)} pa ON pa.{column(participant, "run")} = r.{column(run, "id")}
    WHERE r.{column(run, "held_on")} >= %(start_date)s AND r.{column(run, "held_on")} <= %(end_date)s
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    return fetch(sql, {**params, "closed": RunStatus.CLOSED})[0]


def diagnostic_run_pairs(params: dict) -> list[dict]:
    """For each (diagnostic, group) whose last closed run up to the end of the period is held
    within the period: that run and the closed run before it (same order as the group's
    history in ``diagnostics.results``: date, then id)."""
    run, d, g = Run, Diagnostic, Group
    sql = f"""
    WITH ranked AS (
        SELECT {column(run, "id")} AS id, {column(run, "diagnostic")} AS diagnostic_id,
               {column(run, "group")} AS group_id, {column(run, "held_on")} AS held_on,
               row_number() OVER (
                   PARTITION BY {column(run, "diagnostic")}, {column(run, "group")}
                   ORDER BY {column(run, "held_on")} DESC, {column(run, "id")} DESC
               ) AS rank
        FROM {table(run)}
        WHERE {column(run, "status")} = %(closed)s AND {column(run, "held_on")} <= %(end_date)s
    )
    SELECT last.id AS last_id, prev.id AS previous_id, last.diagnostic_id,
           dg.{column(d, "title")} AS diagnostic_title, dg.{column(d, "scorer_key")} AS scorer_key,
           gr.{column(g, "name")} AS group_name, prev.held_on AS previous_run_on, last.held_on AS last_run_on
    FROM ranked last
    JOIN ranked prev ON prev.diagnostic_id = last.diagnostic_id AND prev.group_id = last.group_id AND prev.rank = 2
    JOIN {table(d)} dg ON dg.{column(d, "id")} = last.diagnostic_id
    JOIN {table(g)} gr ON gr.{column(g, "id")} = last.group_id
    WHERE last.rank = 1 AND last.held_on >= %(start_date)s
    ORDER BY dg.{column(d, "title")}, gr.{column(g, "name")}, last.diagnostic_id, last.group_id
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    return fetch(sql, {**params, "closed": RunStatus.CLOSED})


def diagnostic_answers(run_ids: list[int]) -> list[dict]:
    """Every answer of the given runs (scored by the diagnostic's scorer, in Python)."""
    a, pa = Answer, Participant
    sql = f"""
    SELECT pa.{column(pa, "run")} AS run_id, a.{column(a, "participant")} AS participant_id,
           a.{column(a, "item")} AS item_id, a.{column(a, "score")} AS score
    FROM {table(a)} a JOIN {table(pa)} pa ON pa.{column(pa, "id")} = a.{column(a, "participant")}
    WHERE pa.{column(pa, "run")} = ANY(%(runs)s)
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    return fetch(sql, {"runs": run_ids})


def diagnostic_structure(diagnostic_ids: list[int]) -> list[dict]:
    """Dimensions of the given diagnostics with their items (a dimension without items has
    no score, so it needs no row)."""
    i, dm = Item, Dimension
    sql = f"""
    SELECT dm.{column(dm, "diagnostic")} AS diagnostic_id, dm.{column(dm, "id")} AS dimension_id,
           dm.{column(dm, "slug")} AS dimension_slug, dm.{column(dm, "title")} AS dimension_title,
           dm.{column(dm, "position")} AS dimension_position,
           it.{column(i, "id")} AS item_id, it.{column(i, "weight")} AS weight, it.{column(i, "scale")} AS scale,
           it.{column(i, "position")} AS item_position
    FROM {table(dm)} dm JOIN {table(i)} it ON it.{column(i, "dimension")} = dm.{column(dm, "id")}
    WHERE dm.{column(dm, "diagnostic")} = ANY(%(diagnostics)s)
    ORDER BY dm.{column(dm, "diagnostic")}, dm.{column(dm, "position")}, dm.{column(dm, "id")},
             it.{column(i, "position")}, it.{column(i, "id")}
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    return fetch(sql, {"diagnostics": diagnostic_ids})


def unanswered_searches(params: dict) -> dict:
    """Open unanswered searches seen during the period (first seen before its end, last seen
    after its start): how many, how often, and the ``limit`` most searched (0: no text read)."""
    u = UnansweredSearch
    sql = f"""
    WITH s AS (
        SELECT {column(u, "text")} AS text, {column(u, "count")} AS n, {column(u, "last_seen_on")} AS last_seen
        FROM {table(u)}
        WHERE {column(u, "status")} = %(open)s
          AND {column(u, "last_seen_on")} >= %(start_date)s AND {column(u, "first_seen_on")} <= %(end_date)s
    )
    SELECT (SELECT count(*) FROM s) AS distinct_searches,
           (SELECT coalesce(sum(n), 0) FROM s) AS searches,
           coalesce((
               SELECT json_agg(json_build_object('text', text, 'count', n) ORDER BY n DESC, last_seen DESC, text)
               FROM (SELECT text, n, last_seen FROM s ORDER BY n DESC, last_seen DESC, text LIMIT %(limit)s) top
           ), '[]'::json) AS top
    """  # noqa: S608 (identifiers come from _meta and are quoted; values are parameters)
    return fetch(sql, {**params, "open": UnansweredStatus.OPEN})[0]
