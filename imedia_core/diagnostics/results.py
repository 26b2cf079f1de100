"""A run's results, computed in Python from a handful of queries (never one per participant).

``compute(run, ...)`` reads the diagnostic's structure (3 queries), the run's participants and
answers (2), the group's earlier closed runs and their answers (2) and, for the weakest
dimensions, the linked phases' resources and methods (2): nine queries whatever the size of
the group. Scores come from the diagnostic's scorer (``scoring``); everything after that —
group mean, spread, maturity, disagreement, comparison — is the same for every scorer.

Spread is the *population* standard deviation (``statistics.pstdev``): the people who
answered are the group itself, not a sample of a larger population, so we describe their
dispersion rather than estimate one. It is None with fewer than two respondents.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from imedia_core.cycle.models import Phase, PhaseItem, PhaseItemKind, PhaseResource
from imedia_core.library.models import Resource

from .models import Answer, Dimension, Item, MaturityLevel, Participant, Run, RunStatus
from .scoring import AnswerRecord, DiagnosticSpec, DimensionSpec, ItemSpec, get_scorer, group_scores

# Spread thresholds on the 0-100 scale. On a 4-option scale one step is 33.3 points: two people
# one step apart have a spread of 16.7; a group split between the two ends has 50.
STRONG_AGREEMENT_BELOW = 12.5
WEAK_AGREEMENT_FROM = 25.0
DEFAULT_WEAKEST = 2
DEFAULT_DISAGREEMENTS = 5


def participant_label(number: int) -> str:
    return f"Participant·e {number}"


def agreement_of(spread: float | None) -> str | None:
    if spread is None:
        return None
    if spread < STRONG_AGREEMENT_BELOW:
        return "strong"
    if spread < WEAK_AGREEMENT_FROM:
        return "moderate"
    return "weak"


def level_for(levels: list[MaturityLevel], score: float | None) -> MaturityLevel | None:
    """The band holding ``score``: the level with the highest minimum not above it."""
    if score is None:
        return None
    found = None
    for level in levels:  # ordered by min_score
        if level.min_score <= score + 1e-9:
            found = level
    return found


def _mean(values):
    return statistics.fmean(values) if values else None


def _spread(values):
    return statistics.pstdev(values) if len(values) >= 2 else None


@dataclass
class MemberDimensionScore:
    dimension: Dimension
    score: float | None
    answered: int
    missing: int
    level: MaturityLevel | None = None


@dataclass
class MemberResult:
    participant_id: int
    number: int
    is_viewer: bool
    scores: list[MemberDimensionScore]
    missing_items: list[Item]
    answered_count: int

    @property
    def label(self) -> str:
        return participant_label(self.number)


@dataclass
class DimensionResult:
    dimension: Dimension
    score: float | None
    spread: float | None
    minimum: float | None
    maximum: float | None
    respondents: int
    missing_answers: int
    level: MaturityLevel | None

    @property
    def agreement(self) -> str | None:
        return agreement_of(self.spread)


@dataclass
class OptionCount:
    position: int
    label: str
    score: float
    count: int


@dataclass
class ItemResult:
    item: Item
    dimension: Dimension
    mean: float | None
    spread: float | None
    respondents: int
    distribution: list[OptionCount]


@dataclass
class Recommendation:
    dimension: DimensionResult
    phase: object | None
    resources: list = field(default_factory=list)
    methods: list = field(default_factory=list)


@dataclass
class DimensionDelta:
    dimension: Dimension
    previous: float | None
    current: float | None

    @property
    def delta(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass
class HistoryPoint:
    run: Run
    participant_count: int
    scores: list[tuple[Dimension, float | None]]
    is_current: bool = False

    @property
    def overall(self) -> float | None:
        return _mean([score for _, score in self.scores if score is not None])


@dataclass
class RunResults:
    run: Run
    scorer: object
    scorer_fallback: bool
    dimensions: list[DimensionResult]
    members: list[MemberResult]
    all_member_count: int
    items: list[ItemResult]
    levels: list[MaturityLevel]
    history: list[HistoryPoint]
    recommendations: list[Recommendation]
    answer_count: int
    missing_answers: int
    # Group figures withheld from this viewer: too few respondents to keep answers anonymous.
    group_withheld: bool = False

    @property
    def participant_count(self) -> int:
        return self.all_member_count

    @property
    def overall_score(self) -> float | None:
        return _mean([d.score for d in self.dimensions if d.score is not None])

    @property
    def overall_level(self) -> MaturityLevel | None:
        return level_for(self.levels, self.overall_score)

    def disagreements(self, limit: int = DEFAULT_DISAGREEMENTS) -> list[ItemResult]:
        """Items the group disagrees on most: highest spread first, ties in questionnaire order;
        items everyone answered alike (spread 0) are not disagreements."""
        ranked = [item for item in self.items if item.spread]
        ranked.sort(key=lambda item: (-item.spread, item.item.position, item.item.pk))
        return ranked[:limit]

    def weakest(self, count: int = DEFAULT_WEAKEST) -> list[DimensionResult]:
        scored = [d for d in self.dimensions if d.score is not None]
        scored.sort(key=lambda d: (d.score, d.dimension.position))
        return scored[:count]

    @property
    def previous(self) -> HistoryPoint | None:
        earlier = [point for point in self.history if not point.is_current]
        return earlier[-1] if earlier else None

    @property
    def comparison(self) -> list[DimensionDelta]:
        previous = self.previous
        if previous is None:
            return []
        before = {dimension.pk: score for dimension, score in previous.scores}
        return [DimensionDelta(d.dimension, before.get(d.dimension.pk), d.score) for d in self.dimensions]


# --- computation ---------------------------------------------------------------------------


def _spec(diagnostic, dimensions: list[Dimension], items: list[Item]) -> DiagnosticSpec:
    return DiagnosticSpec(
        id=diagnostic.pk,
        title=diagnostic.title,
        dimensions=tuple(DimensionSpec(d.pk, d.slug, d.title, d.position) for d in dimensions),
        items=tuple(
            ItemSpec(
                id=i.pk,
                dimension_id=i.dimension_id,
                weight=i.weight,
                min_score=min(float(o["score"]) for o in i.scale),
                max_score=max(float(o["score"]) for o in i.scale),
                position=i.position,
                text=i.text,
            )
            for i in items
        ),
    )


@dataclass
class _Structure:
    """A diagnostic's dimensions, items and levels as rows, and as its scorer sees them."""

    dimensions: list[Dimension]
    items: list[Item]
    levels: list[MaturityLevel]
    spec: DiagnosticSpec

    def items_in(self, dimension: Dimension) -> list[Item]:
        return [item for item in self.items if item.dimension_id == dimension.pk]


def _structure(diagnostic) -> _Structure:
    dimensions = list(
        Dimension.objects.filter(diagnostic=diagnostic).select_related("phase").order_by("position", "id")
    )
    items = list(Item.objects.filter(diagnostic=diagnostic).order_by("position", "id"))
    levels = list(MaturityLevel.objects.filter(diagnostic=diagnostic).order_by("min_score", "id"))
    return _Structure(dimensions, items, levels, _spec(diagnostic, dimensions, items))


def _answers_by_participant_and_item(rows, structure: _Structure):
    """Which items each participant answered, and the ``(choice, score)`` answers to each item
    (answers to items no longer in the diagnostic left out)."""
    known = {item.pk for item in structure.items}
    answered: dict[int, set[int]] = defaultdict(set)
    per_item: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for participant_id, item_id, choice, score in rows:
        if item_id in known:
            answered[participant_id].add(item_id)
            per_item[item_id].append((choice, score))
    return answered, per_item


def _member_results(participants, structure: _Structure, scores, answered, viewer_participant_id) -> list[MemberResult]:
    members = []
    for participant_id, number in participants:
        done = answered[participant_id]
        member_scores = []
        for dimension in structure.dimensions:
            in_dimension = structure.items_in(dimension)
            count = sum(1 for item in in_dimension if item.pk in done)
            score = scores.of(participant_id, dimension.pk)
            member_scores.append(
                MemberDimensionScore(
                    dimension, score, count, len(in_dimension) - count, level_for(structure.levels, score)
                )
            )
        members.append(
            MemberResult(
                participant_id=participant_id,
                number=number,
                is_viewer=participant_id == viewer_participant_id,
                scores=member_scores,
                missing_items=[item for item in structure.items if item.pk not in done],
                answered_count=len(done),
            )
        )
    return members


def _dimension_results(structure: _Structure, members: list[MemberResult]) -> list[DimensionResult]:
    """The group per dimension: the mean, spread and range of its members' scores."""
    results = []
    for index, dimension in enumerate(structure.dimensions):
        values = [m.scores[index].score for m in members if m.scores[index].score is not None]
        score = _mean(values)
        results.append(
            DimensionResult(
                dimension=dimension,
                score=score,
                spread=_spread(values),
                minimum=min(values) if values else None,
                maximum=max(values) if values else None,
                respondents=len(values),
                missing_answers=sum(m.scores[index].missing for m in members),
                level=level_for(structure.levels, score),
            )
        )
    return results


def _item_results(structure: _Structure, per_item) -> list[ItemResult]:
    """The group per item: normalised mean and spread, and how many chose each option."""
    dimension_by_pk = {d.pk: d for d in structure.dimensions}
    spec_by_pk = {spec.id: spec for spec in structure.spec.items}
    results = []
    for item in structure.items:
        answers = per_item[item.pk]
        normalised = [spec_by_pk[item.pk].normalise(score) for _, score in answers]
        counts = Counter(choice for choice, _ in answers)
        distribution = [
            OptionCount(position, option["label"], float(option["score"]), counts[position])
            for position, option in enumerate(item.scale)
        ]
        results.append(
            ItemResult(
                item,
                dimension_by_pk[item.dimension_id],
                _mean(normalised),
                _spread(normalised),
                len(normalised),
                distribution,
            )
        )
    return results


def compute(
    run: Run,
    *,
    viewer_participant_id: int | None = None,
    members_visible: bool = True,
    can_read_unpublished: bool = False,
    weakest: int = DEFAULT_WEAKEST,
    tenant=None,
    group_minimum: int = 0,
) -> RunResults:
    """Results of ``run``. ``members_visible``: every member's row (staff); otherwise only the
    viewer's own (``viewer_participant_id``). ``can_read_unpublished``: recommend draft
    resources and phases too (staff); readers get published ones only. ``group_minimum``: below
    this many respondents, the run's group figures (means, spreads, answer counts per option) are
    withheld, since with one or two others a participant could work out their answers from the
    group's; so are the scores of any earlier run below it. The viewer's own row stays."""
    structure = _structure(run.diagnostic)
    scorer, exact = get_scorer(run.diagnostic.scorer_key, tenant)
    participants = list(Participant.objects.filter(run=run).order_by("number").values_list("pk", "number"))
    rows = list(Answer.objects.filter(participant__run=run).values_list("participant_id", "item_id", "choice", "score"))
    scores = scorer.score([AnswerRecord(p, i, s) for p, i, _, s in rows], structure.spec)
    answered, per_item = _answers_by_participant_and_item(rows, structure)
    members = _member_results(participants, structure, scores, answered, viewer_participant_id)
    dimension_results = _dimension_results(structure, members)
    results = RunResults(
        run=run,
        scorer=scorer,
        scorer_fallback=not exact,
        dimensions=dimension_results,
        members=[m for m in members if members_visible or m.participant_id == viewer_participant_id],
        all_member_count=len(participants),
        items=_item_results(structure, per_item),
        levels=structure.levels,
        history=_history(run, scorer, structure, dimension_results, len(participants)),
        recommendations=[],
        answer_count=len(rows),
        missing_answers=sum(d.missing_answers for d in dimension_results),
    )
    if len(participants) < group_minimum:
        _withhold_group_figures(results)
    _withhold_small_runs(results.history, group_minimum)
    results.recommendations = _recommendations(results.weakest(weakest), can_read_unpublished)
    return results


def _withhold_group_figures(results: RunResults) -> None:
    results.group_withheld = True
    for d in results.dimensions:
        d.score = d.spread = d.minimum = d.maximum = d.level = None
    results.items = []


def _withhold_small_runs(history: list[HistoryPoint], minimum: int) -> None:
    """Group scores of the runs (this one or earlier ones) with fewer than ``minimum``
    respondents: each run's own count decides, whatever the count of the run being read."""
    for point in history:
        if point.participant_count < minimum:
            point.scores = [(dimension, None) for dimension, _ in point.scores]


def _history(run, scorer, structure: _Structure, current, participant_count) -> list[HistoryPoint]:
    """The group's earlier closed runs of the same diagnostic (oldest first), then this one."""
    earlier = list(
        Run.objects.filter(diagnostic_id=run.diagnostic_id, group_id=run.group_id, status=RunStatus.CLOSED)
        .filter(Q(held_on__lt=run.held_on) | Q(held_on=run.held_on, pk__lt=run.pk))
        .annotate(participant_total=Count("participants"))
        .order_by("held_on", "pk")
    )
    points = []
    if earlier:
        by_run: dict[int, list[AnswerRecord]] = defaultdict(list)
        rows = Answer.objects.filter(participant__run__in=[r.pk for r in earlier]).values_list(
            "participant__run_id", "participant_id", "item_id", "score"
        )
        for run_id, participant_id, item_id, score in rows:
            by_run[run_id].append(AnswerRecord(participant_id, item_id, score))
        for past in earlier:
            group = group_scores(scorer, structure.spec, by_run[past.pk])
            points.append(
                HistoryPoint(past, past.participant_total, [(d, group.get(d.pk)) for d in structure.dimensions])
            )
    points.append(HistoryPoint(run, participant_count, [(d.dimension, d.score) for d in current], is_current=True))
    return points


def _recommendations(weakest: list[DimensionResult], can_read_unpublished: bool) -> list[Recommendation]:
    """For each weak dimension linked to a phase the viewer may see: that phase's resources
    (published only for readers) in the team's order, and its methods."""
    phase_ids = [d.dimension.phase_id for d in weakest if d.dimension.phase_id]
    visible = (
        set(Phase.objects.for_reader(can_read_unpublished).filter(pk__in=phase_ids).values_list("pk", flat=True))
        if phase_ids
        else set()
    )
    resources = defaultdict(list)
    methods = defaultdict(list)
    if visible:
        readable = Resource.objects.for_reader(can_read_unpublished)
        links = PhaseResource.objects.filter(phase_id__in=visible, resource__in=readable).select_related("resource")
        for link in links.order_by("phase_id", "position", "id"):
            resources[link.phase_id].append(link.resource)
        for method in PhaseItem.objects.filter(phase_id__in=visible, kind=PhaseItemKind.METHOD).order_by(
            "phase_id", "position", "id"
        ):
            methods[method.phase_id].append(method)
    out = []
    for result in weakest:
        phase_id = result.dimension.phase_id
        phase = result.dimension.phase if phase_id in visible else None
        out.append(Recommendation(result, phase, resources.get(phase_id, []), methods.get(phase_id, [])))
    return out
