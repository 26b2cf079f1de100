"""Fixtures of the evaluation tests: rows made directly with the ORM (not through the other
domains' services), dated on purpose, so expected figures can be computed by hand."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase
from imedia_core.diagnostics.models import Answer, Diagnostic, Dimension, Group, Item, Participant, Run
from imedia_core.feedback.models import Commitment, Response
from imedia_core.guidance.models import UnansweredSearch
from imedia_core.participation.models import Contribution
from tests.auth.helpers import token_for

PARIS = ZoneInfo("Europe/Paris")


def at(day: str, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A Paris-local instant on ``day`` (``YYYY-MM-DD``)."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=PARIS)


def contribution(kind="proposal", status="published", created="2026-02-10", phase=None, hour=12, **extra):
    """A contribution created at ``created`` (Paris noon unless ``hour``); published then too."""
    created_at = at(created, hour) if isinstance(created, str) else created
    row = Contribution.objects.create(
        kind=kind, status=status, phase=phase, title="Une contribution", author_kind="anonymous", **extra
    )
    published_at = created_at if status in ("published", "hidden") else None
    Contribution.objects.filter(pk=row.pk).update(created_at=created_at, published_at=published_at)
    row.created_at, row.published_at = created_at, published_at
    return row


@pytest.fixture
def phases(db):
    """The active cycle of alpha with three phases, and a phase of an older, inactive cycle."""
    with schema_context("alpha"):
        old = Cycle.objects.create(name="Ancien cycle", is_active=False)
        cycle = Cycle.objects.create(name="Cycle", is_active=True)
        made = {
            slug: Phase.objects.create(cycle=cycle, position=i, slug=slug, title=title, status="published")
            for i, (slug, title) in enumerate(
                [("diagnostic", "Diagnostic partagé"), ("propositions", "Propositions"), ("suivi", "Suivi")]
            )
        }
        made["ancienne"] = Phase.objects.create(
            cycle=old, position=0, slug="ancienne", title="Ancienne phase", status="published"
        )
        return made


@pytest.fixture
def staff_token(tenant_a, make_user):
    return token_for(make_user("pro@eval.alpha.test", "professional", tenant_a), tenant_a)


@pytest.fixture
def participant_token(tenant_a, make_user):
    return token_for(make_user("participant@eval.alpha.test", "participant", tenant_a), tenant_a)


# --- a programme with known figures ------------------------------------------------------------
#
# Period Q1 2026 (1 January - 31 March), "today" frozen at 15 March 2026, 10:00 in Paris.
# Every expected value below is computed by hand in EXPECTED.

Q1 = ("2026-01-01", "2026-03-31")
TODAY = dt.datetime(2026, 3, 15, 10, 0, tzinfo=PARIS)

EXPECTED = {
    "contributions.total": 7,
    "contributions.by_kind": {"question": 1, "observation": 1, "proposal": 5, "testimony": 0},
    "contributions.by_month": {"2026-01": 2, "2026-02": 2, "2026-03": 3},
    "contributions.by_phase": [
        ("diagnostic", 1),
        ("propositions", 2),
        ("suivi", 1),
        ("ancienne", 1),
        ("", 2),
    ],
    # c1 (2 days), c2 (10 days, the first of two), c9 (5 days) answered; c3 answered after the
    # period; c4 is pending (not counted); c8 is after the period.
    "responses": {"proposals": 4, "answered": 3, "share": 0.75, "median": 5.0, "published": 6},
    "commitments": {"total": 6, "planned": 2, "in_progress": 2, "done": 1, "not_done": 1, "overdue": 2},
    # Group A: dimension 1 goes from 50 to 59.2593, dimension 2 from 37.5 to 87.5.
    "diagnostics": {"runs": 3, "closed_runs": 2, "groups": 2, "participants": 5, "mean_delta": 29.6296},
    "searches": {
        "distinct": 3,
        "searches": 11,
        "top": [("mobiliser les jeunes", 7), ("transport atelier", 3), ("=cmd formule", 1)],
    },
}


def response(contribution_row, published, status="published"):
    published_at = at(published) if isinstance(published, str) else published
    return Response.objects.create(
        contribution=contribution_row,
        decision="accepted",
        text="<p>Réponse</p>",
        status=status,
        published_at=published_at if status == "published" else None,
    )


def commitment(due, status="planned", title="Un engagement"):
    return Commitment.objects.create(
        title=title, owner_label="Service", due_date=dt.date.fromisoformat(due), status=status
    )


SCALE_4 = [{"label": f"Niveau {i}", "score": i} for i in range(4)]  # 0..3: one step = 33.33
SCALE_5 = [{"label": f"Niveau {i}", "score": i} for i in range(1, 6)]  # 1..5: one step = 25


def diagnostic_fixture():
    """A diagnostic with two dimensions, three items (weights 1, 2, 1) and five runs."""
    diagnostic = Diagnostic.objects.create(slug="demarche", title="Où en est notre démarche ?", status="published")
    dim_1 = Dimension.objects.create(diagnostic=diagnostic, position=0, slug="mobiliser", title="Mobiliser")
    dim_2 = Dimension.objects.create(diagnostic=diagnostic, position=1, slug="suivre", title="Suivre")
    a1 = Item.objects.create(diagnostic=diagnostic, dimension=dim_1, position=0, text="A1", weight=1, scale=SCALE_4)
    a2 = Item.objects.create(diagnostic=diagnostic, dimension=dim_1, position=1, text="A2", weight=2, scale=SCALE_4)
    b1 = Item.objects.create(diagnostic=diagnostic, dimension=dim_2, position=2, text="B1", weight=1, scale=SCALE_5)
    groups = {name: Group.objects.create(name=name, slug=name.lower().replace(" ", "-")) for name in "ABC"}
    codes = iter(range(1000, 2000))

    def run(group, held_on, status, members):
        row = Run.objects.create(
            diagnostic=diagnostic,
            group=groups[group],
            title=f"Séance {held_on}",
            held_on=dt.date.fromisoformat(held_on),
            code=f"CODE{next(codes)}",
            status=status,
        )
        for number, answers in enumerate(members, start=1):
            participant = Participant.objects.create(run=row, number=number, token_hash=f"{row.pk:032d}{number:032d}")
            for item, score in answers.items():
                Answer.objects.create(participant=participant, item=item, choice=score, score=score)
        return row

    # Group A, before: dimension 1 = mean(33.33, 66.67) = 50; dimension 2 = mean(25, 50) = 37.5
    run("A", "2025-11-10", "closed", [{a1: 1, a2: 1, b1: 2}, {a1: 2, a2: 2, b1: 3}])
    # Group A, in Q1: dimension 1 = mean(77.78, 66.67, 33.33) = 59.26; dimension 2 = mean(100, 75) = 87.5
    last = run("A", "2026-02-20", "closed", [{a1: 3, a2: 2, b1: 5}, {a1: 2, a2: 2, b1: 4}, {a1: 1}])
    run("A", "2026-03-05", "open", [{a1: 3}])  # still open: counted as a run, not compared
    run("B", "2026-01-15", "closed", [{a1: 1, a2: 1, b1: 1}])  # first run of B: nothing to compare
    run("C", "2025-06-01", "closed", [{a1: 0}])  # C's last run is before Q1: no progress in Q1
    run("C", "2025-09-01", "closed", [{a1: 3}])
    return diagnostic, last


def search(text, count, first, last, status="open"):
    return UnansweredSearch.objects.create(
        key=text,
        text=text,
        count=count,
        first_seen_on=dt.date.fromisoformat(first),
        last_seen_on=dt.date.fromisoformat(last),
        status=status,
    )


@pytest.fixture
def programme(phases):
    """alpha with the figures of EXPECTED over Q1 (and beta with a few rows of its own)."""
    with schema_context("alpha"):
        c1 = contribution("proposal", created="2026-01-05", phase=phases["diagnostic"])
        c2 = contribution("proposal", created="2026-01-20", phase=phases["propositions"])
        c3 = contribution("proposal", created="2026-02-10", phase=phases["propositions"])
        c4 = contribution("proposal", "pending", created="2026-02-11")
        c5 = contribution("question", created="2026-03-31", hour=23, phase=phases["ancienne"])
        contribution("observation", "rejected", created="2026-03-01", hour=0)
        contribution("testimony", created="2025-12-31", hour=23)
        c8 = contribution("proposal", created="2026-04-01", hour=0)
        c9 = contribution("proposal", created="2026-03-02", phase=phases["suivi"])
        response(c1, "2026-01-07")
        response(c2, None, status="draft")
        response(c2, "2026-01-30")
        response(c2, "2026-02-05")
        response(c3, "2026-04-15")
        response(c4, "2026-02-12")
        response(c5, at("2026-03-31", 10))
        response(c8, "2026-04-02")
        response(c9, "2026-03-07")
        commitment("2026-01-31", "done")
        commitment("2026-02-15", "planned")  # overdue
        commitment("2026-03-10", "in_progress")  # overdue
        commitment("2026-03-20", "in_progress")
        commitment("2026-02-28", "not_done")
        commitment("2026-03-15", "planned")  # due today: not overdue yet
        commitment("2025-12-15", "planned")  # before Q1
        commitment("2026-04-30", "planned")  # after Q1
        diagnostic_fixture()
        search("mobiliser les jeunes", 7, "2025-12-01", "2026-02-01")
        search("transport atelier", 3, "2026-03-01", "2026-03-20")
        search("=cmd formule", 1, "2026-01-10", "2026-01-10")
        search("garde d'enfants", 9, "2026-01-01", "2026-03-01", status="answered")
        search("ancienne recherche", 20, "2025-10-01", "2025-12-20")
        search("recherche future", 4, "2026-04-02", "2026-04-03")
    with schema_context("beta"):
        b1 = contribution("proposal", created="2026-02-01")
        contribution("question", created="2026-02-02")
        response(b1, "2026-02-03")
        commitment("2026-01-10", "planned")  # overdue in beta
        search("une recherche de beta", 2, "2026-02-01", "2026-02-02")
