"""Progress of diagnostic groups between their last two closed runs, for many groups at once.

Scores come from each diagnostic's scorer (``imedia_core.diagnostics.scoring``, pluggable), so
they cannot be computed in SQL: a plugin's scorer is Python. What stays fixed is the number of
queries: one for the run pairs, one for all their answers, one for the structure of the
diagnostics involved (three in all, none without pairs), whatever the number of groups.

The group score of a dimension is the mean of its members' scores there (members who
answered nothing on it left out), computed by ``diagnostics.scoring.group_scores`` as a run's
results compute it; a group's delta is the mean, over the dimensions scored in both
runs, of (last − previous). A test checks these figures against ``diagnostics.results``.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from imedia_core.diagnostics.scoring import (
    AnswerRecord,
    DiagnosticSpec,
    DimensionSpec,
    ItemSpec,
    get_scorer,
    group_scores,
)

from . import families
from .sql import json_value


def _specs(rows: list[dict], titles: dict[int, str]) -> dict[int, DiagnosticSpec]:
    dimensions: dict[int, dict[int, DimensionSpec]] = defaultdict(dict)
    items: dict[int, list[ItemSpec]] = defaultdict(list)
    for row in rows:  # one row per item of the diagnostics involved
        diagnostic_id = row["diagnostic_id"]
        dimensions[diagnostic_id].setdefault(
            row["dimension_id"],
            DimensionSpec(
                row["dimension_id"], row["dimension_slug"], row["dimension_title"], row["dimension_position"]
            ),
        )
        scores = [float(option["score"]) for option in json_value(row["scale"]) or []]
        if len(set(scores)) < 2:  # a scale without a range cannot be normalised
            continue
        items[diagnostic_id].append(
            ItemSpec(row["item_id"], row["dimension_id"], row["weight"], min(scores), max(scores), row["item_position"])
        )
    return {
        diagnostic_id: DiagnosticSpec(
            diagnostic_id, titles.get(diagnostic_id, ""), tuple(dims.values()), tuple(items[diagnostic_id])
        )
        for diagnostic_id, dims in dimensions.items()
    }


def run_pair_progress(params: dict, tenant=None) -> list[dict]:
    """``[{diagnostic_id, diagnostic_title, group, previous_run_on, last_run_on, mean_delta}]``."""
    pairs = families.diagnostic_run_pairs(params)
    if not pairs:
        return []
    run_ids = sorted({p["last_id"] for p in pairs} | {p["previous_id"] for p in pairs})
    answers: dict[int, list[AnswerRecord]] = defaultdict(list)
    for row in families.diagnostic_answers(run_ids):
        answers[row["run_id"]].append(AnswerRecord(row["participant_id"], row["item_id"], row["score"]))
    titles = {p["diagnostic_id"]: p["diagnostic_title"] for p in pairs}
    specs = _specs(families.diagnostic_structure(sorted(titles)), titles)
    out = []
    for pair in pairs:
        spec = specs.get(pair["diagnostic_id"])
        mean_delta = None
        if spec is not None:
            # The tenant's own choice of scorers, as in its run results (a disabled plugin's
            # scorer falls back to the default there, so it does here).
            scorer, _ = get_scorer(pair["scorer_key"], tenant)
            last = group_scores(scorer, spec, answers[pair["last_id"]])
            previous = group_scores(scorer, spec, answers[pair["previous_id"]])
            deltas = [last[d] - previous[d] for d in last if d in previous]
            mean_delta = round(statistics.fmean(deltas), 4) if deltas else None
        out.append(
            {
                "diagnostic_id": pair["diagnostic_id"],
                "diagnostic_title": pair["diagnostic_title"],
                "group": pair["group_name"],
                "previous_run_on": pair["previous_run_on"],
                "last_run_on": pair["last_run_on"],
                "mean_delta": mean_delta,
            }
        )
    return out
