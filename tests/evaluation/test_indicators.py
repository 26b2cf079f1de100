"""Every indicator family on the hand-computed programme of ``conftest.EXPECTED``."""

import datetime as dt

import pytest
import time_machine
from django_tenants.utils import schema_context

from imedia_core.diagnostics import results
from imedia_core.diagnostics.models import Run
from imedia_core.diagnostics.scoring import FunctionScorer, weighted_mean
from imedia_core.evaluation.indicators import compute
from imedia_core.evaluation.period import Period
from imedia_core.pluginhost import hookimpl
from imedia_core.pluginhost.manager import register, unregister

from .conftest import EXPECTED, Q1, TODAY

PERIOD = Period(*(dt.date.fromisoformat(day) for day in Q1))


@pytest.fixture
def figures(programme):
    with time_machine.travel(TODAY, tick=False), schema_context("alpha"):
        return compute(PERIOD)


def test_contributions(figures):
    c = figures.contributions
    assert c.total == EXPECTED["contributions.total"]
    assert {b.key: b.count for b in c.by_kind} == EXPECTED["contributions.by_kind"]
    assert {m.month.strftime("%Y-%m"): m.count for m in c.by_month} == EXPECTED["contributions.by_month"]
    assert [(p.slug, p.count) for p in c.by_phase] == EXPECTED["contributions.by_phase"]


def test_responses(figures):
    r, expected = figures.responses, EXPECTED["responses"]
    assert (r.proposals, r.answered, r.share) == (expected["proposals"], expected["answered"], expected["share"])
    assert r.median_days_to_first_response == expected["median"]
    assert r.responses_published == expected["published"]


def test_median_of_an_even_count_interpolates(programme):
    # Up to 28 February only c1 (2 days) and c2 (10 days) are answered: percentile_cont gives 6.
    with schema_context("alpha"):
        r = compute(Period(dt.date(2026, 1, 1), dt.date(2026, 2, 28))).responses
    assert (r.proposals, r.answered, r.median_days_to_first_response) == (3, 2, 6.0)


def test_no_proposal_means_no_share_rather_than_zero(phases):
    with schema_context("alpha"):
        r = compute(PERIOD).responses
    assert (r.proposals, r.answered, r.share, r.median_days_to_first_response) == (0, 0, None, None)


def test_commitments(figures):
    k = figures.commitments
    assert {
        "total": k.total,
        "planned": k.planned,
        "in_progress": k.in_progress,
        "done": k.done,
        "not_done": k.not_done,
        "overdue": k.overdue,
    } == EXPECTED["commitments"]
    assert k.as_of == dt.date(2026, 3, 15)


def test_overdue_follows_the_clock(programme):
    """The same commitments, evaluated later: the one due on 15 and on 20 March become overdue."""
    later = dt.datetime(2026, 3, 21, 9, tzinfo=TODAY.tzinfo)
    with time_machine.travel(later, tick=False), schema_context("alpha"):
        k = compute(PERIOD).commitments
    assert (k.overdue, k.as_of) == (4, dt.date(2026, 3, 21))
    # "Today" is the local date: at 00:30 on 11 March in Paris (still 10 March in UTC), the
    # commitment due on 10 March is overdue.
    just_after_midnight = dt.datetime(2026, 3, 11, 0, 30, tzinfo=TODAY.tzinfo)
    with time_machine.travel(just_after_midnight, tick=False), schema_context("alpha"):
        k = compute(PERIOD).commitments
    assert (k.overdue, k.as_of) == (2, dt.date(2026, 3, 11))


def test_diagnostics(figures):
    d, expected = figures.diagnostics, EXPECTED["diagnostics"]
    assert (d.runs, d.closed_runs, d.groups, d.participants) == (
        expected["runs"],
        expected["closed_runs"],
        expected["groups"],
        expected["participants"],
    )
    assert d.groups_compared == 1 and d.mean_delta == pytest.approx(expected["mean_delta"], abs=1e-4)
    [progress] = d.progress
    assert (progress.group, progress.previous_run_on, progress.last_run_on) == (
        "A",
        dt.date(2025, 11, 10),
        dt.date(2026, 2, 20),
    )
    assert progress.diagnostic_title == "Où en est notre démarche ?"


def test_progress_agrees_with_the_groups_own_results(programme):
    """The evaluation's delta is the mean of the comparison a group sees on its last run."""
    with schema_context("alpha"):
        figures = compute(PERIOD)
        last = Run.objects.get(held_on=dt.date(2026, 2, 20))
        comparison = results.compute(last).comparison
    deltas = [d.delta for d in comparison if d.delta is not None]
    assert len(deltas) == 2
    assert figures.diagnostics.progress[0].mean_delta == pytest.approx(sum(deltas) / 2, abs=1e-4)


def test_unanswered_searches(figures):
    s, expected = figures.unanswered_searches, EXPECTED["searches"]
    assert (s.distinct, s.searches) == (expected["distinct"], expected["searches"])
    assert [(t.text, t.count) for t in s.top] == expected["top"]


def test_operator_projection_reads_no_text(programme):
    with time_machine.travel(TODAY, tick=False), schema_context("alpha"):
        detailed, summary = compute(PERIOD), compute(PERIOD, detailed=False)
    assert summary.unanswered_searches.top == [] and summary.diagnostics.progress == []
    assert summary.unanswered_searches.searches == detailed.unanswered_searches.searches == 11
    assert summary.diagnostics.mean_delta == detailed.diagnostics.mean_delta
    assert summary.contributions == detailed.contributions and summary.commitments == detailed.commitments


def test_alpha_never_counts_beta_rows(programme):
    with time_machine.travel(TODAY, tick=False):
        with schema_context("beta"):
            beta = compute(PERIOD)
        with schema_context("alpha"):
            alpha = compute(PERIOD)
    assert beta.contributions.total == 2 and alpha.contributions.total == EXPECTED["contributions.total"]
    assert (beta.responses.proposals, beta.responses.answered, beta.responses.median_days_to_first_response) == (
        1,
        1,
        2.0,
    )
    assert (beta.commitments.total, beta.commitments.overdue) == (1, 1)
    assert beta.diagnostics.runs == 0 and beta.diagnostics.progress == []
    assert [t.text for t in beta.unanswered_searches.top] == ["une recherche de beta"]
    assert "une recherche de beta" not in [t.text for t in alpha.unanswered_searches.top]


def test_progress_uses_the_scorers_the_programme_enabled_like_its_results(programme, tenant_a):
    """A plugin scorer the programme disabled falls back to the default in its run results; the
    evaluation's progress follows the same choice, so the two figures never disagree."""

    def doubled(answers, diagnostic):
        scores = weighted_mean(answers, diagnostic)
        for per_dimension in scores.scores.values():
            for key, value in per_dimension.items():
                per_dimension[key] = None if value is None else value * 2
        return scores

    class Doubling:
        @hookimpl
        def imedia_diagnostic_scorers(self):
            return [FunctionScorer(key="double", label="Double", function=doubled)]

    register(Doubling(), name="doubling")
    try:
        with schema_context("alpha"):
            last = Run.objects.get(held_on=dt.date(2026, 2, 20))
            last.diagnostic.scorer_key = "double"
            last.diagnostic.save()
            enabled = compute(PERIOD, tenant=tenant_a).diagnostics.progress[0].mean_delta
        tenant_a.plugin_settings = {"doubling": {"enabled": False}}
        tenant_a.save()
        with schema_context("alpha"):
            disabled = compute(PERIOD, tenant=tenant_a).diagnostics.progress[0].mean_delta
            deltas = [d.delta for d in results.compute(last, tenant=tenant_a).comparison if d.delta is not None]
    finally:
        unregister("doubling")
    assert disabled == pytest.approx(sum(deltas) / len(deltas), abs=1e-4)  # the default, as in the results
    assert enabled == pytest.approx(2 * disabled, abs=1e-3)  # the plugin's scorer where it is enabled
