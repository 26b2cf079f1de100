"""Scoring on hand-computed fixtures: weights, means, spread (population), missing answers,
maturity levels, disagreement, comparison, recommendations; and the scorer hook."""

import statistics

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.diagnostics.results import agreement_of, compute
from imedia_core.diagnostics.scoring import (
    DEFAULT_SCORER,
    AnswerRecord,
    DiagnosticSpec,
    DimensionScores,
    DimensionSpec,
    FunctionScorer,
    ItemSpec,
    Scorer,
    available_scorers,
    get_scorer,
    weighted_mean,
)
from imedia_core.diagnostics.services import submit_answers
from imedia_core.pluginhost import hookimpl
from imedia_core.pluginhost.manager import register, unregister

from .conftest import SYSTEM

SPEC = DiagnosticSpec(
    id=1,
    title="t",
    dimensions=(DimensionSpec(10, "a", "A"), DimensionSpec(20, "b", "B")),
    items=(
        ItemSpec(1, 10, weight=1, min_score=0, max_score=3),
        ItemSpec(2, 10, weight=3, min_score=0, max_score=3),
        ItemSpec(3, 20, weight=1, min_score=0, max_score=3),
        ItemSpec(4, 20, weight=1, min_score=1, max_score=5),
    ),
)


def test_weighted_mean_by_hand():
    answers = [
        # p1: a1 = 100, a2 = 33.3 (weight 3) -> (100 + 3 * 33.3) / 4 = 50; b1 = 66.7, b2 = (5 - 1) / 4 = 100 -> 83.3
        AnswerRecord(1, 1, 3),
        AnswerRecord(1, 2, 1),
        AnswerRecord(1, 3, 2),
        AnswerRecord(1, 4, 5),
        # p2: a1 = 0, a2 = 66.7 -> 200 / 4 = 50; b2 missing -> B from b1 alone = 100
        AnswerRecord(2, 1, 0),
        AnswerRecord(2, 2, 2),
        AnswerRecord(2, 3, 3),
        # p3: nothing on B -> None (not 0)
        AnswerRecord(3, 1, 3),
        AnswerRecord(3, 2, 3),
    ]
    scores = weighted_mean(answers, SPEC)
    assert scores.of(1, 10) == pytest.approx(50.0)
    assert scores.of(1, 20) == pytest.approx(250 / 3)
    assert scores.of(2, 10) == pytest.approx(50.0)
    assert scores.of(2, 20) == pytest.approx(100.0)
    assert scores.of(3, 10) == pytest.approx(100.0)
    assert scores.of(3, 20) is None
    # A weight only matters relative to the others of its dimension.
    doubled = DiagnosticSpec(
        1,
        "t",
        SPEC.dimensions,
        tuple(ItemSpec(i.id, i.dimension_id, i.weight * 2, i.min_score, i.max_score) for i in SPEC.items),
    )
    assert weighted_mean(answers, doubled).scores == scores.scores


def test_normalisation_uses_each_items_scale():
    assert SPEC.items[3].normalise(1) == 0 and SPEC.items[3].normalise(3) == 50 and SPEC.items[3].normalise(5) == 100
    assert SPEC.items[0].normalise(1) == pytest.approx(100 / 3)


def test_agreement_thresholds():
    assert agreement_of(None) is None
    assert agreement_of(0) == agreement_of(12.4) == "strong"
    assert agreement_of(12.5) == agreement_of(24.9) == "moderate"
    assert agreement_of(25) == agreement_of(50) == "weak"


def test_results_by_hand(scored):
    with schema_context("alpha"):
        results = compute(scored.runs["current"], can_read_unpublished=False)
    a, b = results.dimensions
    assert (a.dimension.slug, b.dimension.slug) == ("a", "b")
    # Group A: mean of 50, 50, 100; population standard deviation (not the sample one).
    assert a.score == pytest.approx(200 / 3)
    assert a.spread == pytest.approx(statistics.pstdev([50, 50, 100])) == pytest.approx(23.5702, abs=1e-4)
    assert a.spread != pytest.approx(statistics.stdev([50, 50, 100]))
    assert (a.minimum, a.maximum, a.respondents, a.missing_answers) == (50, 100, 3, 0)
    assert (a.level.label, a.agreement) == ("En cours", "moderate")
    # Group B: p3 answered nothing there and is excluded (not counted as 0).
    assert b.score == pytest.approx((250 / 3 + 100) / 2)
    assert b.spread == pytest.approx(25 / 3)
    assert (b.respondents, b.missing_answers) == (2, 3)
    assert (b.level.label, b.agreement) == ("Acquis", "strong")
    assert results.overall_score == pytest.approx((200 / 3 + 275 / 3) / 2)
    assert (results.participant_count, results.answer_count, results.missing_answers) == (3, 9, 3)

    # Members, in order of first answer, with their missing items reported.
    members = {m.number: m for m in results.members}
    assert [s.score for s in members[3].scores] == [pytest.approx(100), None]
    assert [i.text for i in members[3].missing_items] == ["b1", "b2"]
    assert [i.text for i in members[2].missing_items] == ["b2"]
    assert [(s.answered, s.missing) for s in members[2].scores] == [(2, 0), (1, 1)]

    # Disagreement: a1 (100, 0, 100) before a2 (33, 67, 100) before b1 (67, 100); b2 has one answer.
    ranked = results.disagreements()
    assert [r.item.text for r in ranked] == ["a1", "a2", "b1"]
    assert ranked[0].spread == pytest.approx(statistics.pstdev([100, 0, 100]))
    assert [(o.label, o.count) for o in ranked[0].distribution] == [
        ("Pas du tout", 1),
        ("Un peu", 0),
        ("Plutôt", 0),
        ("Tout à fait", 2),
    ]
    b2 = next(r for r in results.items if r.item.text == "b2")
    assert (b2.respondents, b2.spread, b2.mean) == (1, None, 100)

    # Comparison with the group's previous run (A: 0 and 25 -> 12.5; B: 0).
    assert [p.run.title for p in results.history] == ["Janvier", "Juin"]
    assert results.previous.run.title == "Janvier" and results.previous.participant_count == 2
    deltas = {d.dimension.slug: d for d in results.comparison}
    assert deltas["a"].previous == pytest.approx(12.5) and deltas["a"].delta == pytest.approx(200 / 3 - 12.5)
    assert deltas["b"].previous == pytest.approx(0) and deltas["b"].delta == pytest.approx(275 / 3)


def test_recommendations_follow_the_weakest_dimensions(scored):
    with schema_context("alpha"):
        reader = compute(scored.runs["current"], weakest=1, can_read_unpublished=False)
        staff = compute(scored.runs["current"], weakest=1, can_read_unpublished=True)
        both = compute(scored.runs["current"], weakest=2, can_read_unpublished=False)
    (rec,) = reader.recommendations
    assert rec.dimension.dimension.slug == "a" and rec.phase.slug == "mobiliser"
    assert [r.title for r in rec.resources] == ["Guide publié"]  # the draft stays hidden from readers
    assert [m.title for m in rec.methods] == ["Porte-à-porte"]  # methods only, not stakes
    assert [r.title for r in staff.recommendations[0].resources] == ["Guide publié", "Outil en brouillon"]
    assert [r.dimension.dimension.slug for r in both.recommendations] == ["a", "b"]
    assert both.recommendations[1].resources == []


def test_first_run_has_no_comparison(scored):
    with schema_context("alpha"):
        results = compute(scored.runs["previous"])
    assert results.previous is None and results.comparison == []
    assert [p.is_current for p in results.history] == [True]


def test_results_cost_a_constant_number_of_queries(scored):
    def cost():
        with schema_context("alpha"), CaptureQueriesContext(connection) as captured:
            results = compute(scored.runs["current"], can_read_unpublished=True)
        return results, [q["sql"] for q in captured.captured_queries]

    small, sql_small = cost()
    with schema_context("alpha"):
        for _ in range(15):
            submit_answers(
                SYSTEM, scored.runs["current"].code, [(scored.items["a1"].pk, 1), (scored.items["b2"].pk, 2)]
            )
    large, sql_large = cost()
    assert (small.participant_count, large.participant_count) == (3, 18)
    # search_path, dimensions, items, levels, participants, answers, earlier runs, their answers,
    # visible phases, their resources, their methods.
    assert len(sql_small) == len(sql_large) == 11, "\n".join(sql_large)


class Median:
    key = "median"
    label = "Médiane"

    def score(self, answers, diagnostic):
        out = DimensionScores()
        items = {i.id: i for i in diagnostic.items}
        by = {}
        for answer in answers:
            item = items[answer.item_id]
            by.setdefault(answer.participant_id, {}).setdefault(item.dimension_id, []).append(
                item.normalise(answer.score)
            )
        for participant, dims in by.items():
            out.scores[participant] = {
                d.id: statistics.median(dims[d.id]) if d.id in dims else None for d in diagnostic.dimensions
            }
        return out


class MedianPlugin:
    @hookimpl
    def imedia_diagnostic_scorers(self):
        return [Median(), FunctionScorer(key=DEFAULT_SCORER, label="Imposteur", function=lambda a, d: None)]


def test_scorer_hook(scored):
    assert isinstance(Median(), Scorer)
    assert list(available_scorers()) == [DEFAULT_SCORER]
    assert get_scorer("median") == (available_scorers()[DEFAULT_SCORER], False)  # unknown: the default
    register(MedianPlugin(), name="median_scorer")
    try:
        scorers = available_scorers()
        assert list(scorers) == [DEFAULT_SCORER, "median"]
        assert scorers[DEFAULT_SCORER].label == "Moyenne pondérée"  # a plugin cannot take the default's key
        with schema_context("alpha"):
            diagnostic = scored.diagnostic
            diagnostic.scorer_key = "median"
            diagnostic.save()
            run = scored.runs["current"]
            run.diagnostic.refresh_from_db()
            results = compute(run)
        assert results.scorer.key == "median" and not results.scorer_fallback
        # p1 on A: median of 100 and 33.3 (weights ignored) = 66.7; p2: 33.3; p3: 100.
        assert results.dimensions[0].score == pytest.approx((200 / 3 + 100 / 3 + 100) / 3)
    finally:
        unregister("median_scorer")
    with schema_context("alpha"):
        results = compute(run)
    assert results.scorer.key == DEFAULT_SCORER and results.scorer_fallback
