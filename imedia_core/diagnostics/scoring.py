"""Scorers: how one participant's answers become a score per dimension.

A scorer receives plain data (no models, no queries): the diagnostic's structure as a
``DiagnosticSpec`` and the answers as ``AnswerRecord`` rows; it returns ``DimensionScores``,
0-100 per participant and dimension (``None`` when the participant answered nothing there).
Group figures (mean, spread, maturity, comparison) are computed from those scores by
``imedia_core.diagnostics.results``, whatever the scorer.

The core ships ``weighted_mean`` (``WEIGHTED_MEAN`` below); plugins add others through the
``imedia_diagnostic_scorers()`` hook. A diagnostic names its scorer by key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from imedia_core.pluginhost.manager import collect_keyed

DEFAULT_SCORER = "weighted_mean"


@dataclass(frozen=True)
class ItemSpec:
    """An item as scorers see it: its dimension, weight and the bounds of its scale."""

    id: int
    dimension_id: int
    weight: float
    min_score: float
    max_score: float
    position: int = 0
    text: str = ""

    def normalise(self, score: float) -> float:
        """``score`` on 0-100: the scale's lowest option is 0, its highest 100."""
        return 100.0 * (score - self.min_score) / (self.max_score - self.min_score)


@dataclass(frozen=True)
class DimensionSpec:
    id: int
    slug: str
    title: str
    position: int = 0


@dataclass(frozen=True)
class DiagnosticSpec:
    """The structure of a diagnostic, read once per computation."""

    id: int
    title: str
    dimensions: tuple[DimensionSpec, ...]
    items: tuple[ItemSpec, ...]

    def items_of(self, dimension_id: int) -> list[ItemSpec]:
        return [item for item in self.items if item.dimension_id == dimension_id]


@dataclass(frozen=True)
class AnswerRecord:
    """One answer: who (participant id), which item, and the raw score of the chosen option."""

    participant_id: int
    item_id: int
    score: float


@dataclass
class DimensionScores:
    """``scores[participant_id][dimension_id]``: 0-100, or None without any answer there."""

    scores: dict[int, dict[int, float | None]] = field(default_factory=dict)

    def of(self, participant_id: int, dimension_id: int) -> float | None:
        return self.scores.get(participant_id, {}).get(dimension_id)


@runtime_checkable
class Scorer(Protocol):
    """What the ``imedia_diagnostic_scorers()`` hook returns: a key (stored on diagnostics), a
    French label, and ``score(answers, diagnostic) -> DimensionScores``."""

    key: str
    label: str

    def score(self, answers: list[AnswerRecord], diagnostic: DiagnosticSpec) -> DimensionScores: ...


@dataclass(frozen=True)
class FunctionScorer:
    """A scorer made of a plain function: the easy way to write one."""

    key: str
    label: str
    function: object
    description: str = ""

    def score(self, answers: list[AnswerRecord], diagnostic: DiagnosticSpec) -> DimensionScores:
        return self.function(answers, diagnostic)


def weighted_mean(answers: list[AnswerRecord], diagnostic: DiagnosticSpec) -> DimensionScores:
    """For each participant and dimension: the weighted mean of the normalised scores of the
    items they answered there, ``sum(w_i * s_i) / sum(w_i)`` where ``s_i`` is the chosen
    option's score mapped onto 0-100 by the item's scale (lowest option 0, highest 100).
    Unanswered items are left out of both sums (they do not count as 0); a dimension with no
    answered item scores None."""
    items = {item.id: item for item in diagnostic.items}
    sums: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    participants: list[int] = []
    for answer in answers:
        item = items.get(answer.item_id)
        if answer.participant_id not in sums:
            participants.append(answer.participant_id)
        totals = sums[answer.participant_id]
        if item is None:  # an item removed since: ignored
            continue
        acc = totals[item.dimension_id]
        acc[0] += item.weight * item.normalise(answer.score)
        acc[1] += item.weight
    result = DimensionScores()
    for participant_id in participants:
        totals = sums[participant_id]
        result.scores[participant_id] = {
            dimension.id: (totals[dimension.id][0] / totals[dimension.id][1] if dimension.id in totals else None)
            for dimension in diagnostic.dimensions
        }
    return result


WEIGHTED_MEAN = FunctionScorer(
    key=DEFAULT_SCORER,
    label="Moyenne pondérée",
    function=weighted_mean,
    description="Moyenne des réponses pondérées par le poids de chaque item, ramenée sur 100.",
)


def group_scores(scorer: Scorer, spec: DiagnosticSpec, answers: list[AnswerRecord]) -> dict[int, float]:
    """The group's score per dimension: the mean of its members' scores there (members with no
    score on it left out; a dimension nobody answered is absent). Run results and the
    evaluation's progress figures both use it, so they always agree."""
    scores = scorer.score(answers, spec)
    out = {}
    for dimension in spec.dimensions:
        values = [s for s in (scores.of(p, dimension.id) for p in scores.scores) if s is not None]
        if values:
            out[dimension.id] = sum(values) / len(values)
    return out


def available_scorers(tenant=None) -> dict[str, Scorer]:
    """The scorers of the installed plugins (those ``tenant`` enabled, when given), by key. The
    core registers the default (``weighted_mean``) through the same hook, first, and the first
    to use a key wins, so a plugin cannot replace it by accident."""
    return collect_keyed("imedia_diagnostic_scorers", tenant)


def get_scorer(key: str, tenant=None) -> tuple[Scorer, bool]:
    """The scorer for ``key`` and whether it is the one asked for: an unknown key (a plugin
    removed or disabled since) falls back to the default rather than hiding the results."""
    scorers = available_scorers(tenant)
    if key in scorers:
        return scorers[key], True
    return scorers[DEFAULT_SCORER], False
