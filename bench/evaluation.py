#!/usr/bin/env python
"""Benchmark: cost of the evaluation indicators, for one programme and for an operator's
programmes side by side, and of their CSV and XLSX exports. Not a test: it prints measured
figures.

    python bench/evaluation.py [--tenants 10] [--contributions 500] [--commitments 50]
                               [--searches 30] [--participants 8] [--rounds 20]
                               [--operator-rounds 10] [--seed 42] [--database-url URL] [--keep]

It creates a throw-away database (the name must contain ``bench``), migrates it, provisions
``--tenants`` programmes from the ``rsa`` template (a cycle with phases and its
self-diagnostic) under one ``Operator``, and fills each one with the ORM (``bulk_create``,
dated rows, not the services):

- ``--contributions`` contributions of mixed kinds, statuses, phases and authors, created at
  random over the last 365 days (published ones published a few hours later);
- published responses to about half the published proposals (a few get a second one, some a
  draft), published 1 hour to 60 days after the contribution, never in the future;
- ``--commitments`` commitments of mixed statuses, due from 9 months ago to 6 months ahead;
- ``--searches`` unanswered searches (mostly open, counts 1-40);
- the template's diagnostic run twice by one group (about 8 and 2 months ago), both runs
  closed, ``--participants`` participants each answering every item.

Then, on the default period (the current month and the 11 before it):

- ``imedia_core.evaluation.indicators.compute(period)`` in one programme: median over
  ``--rounds`` (after a warm-up) and its SQL statements (``connection.execute_wrapper``);
- ``imedia_core.evaluation.operator.compute_for_operator(operator, period)`` with the first 1,
  5 and all ``--tenants`` programmes (``operator.programmes_of`` cut to the first n, the rest of
  the code path unchanged): median over ``--operator-rounds``, statements, per-programme cost;
- ``exports.operator_to_csv`` and ``exports.operator_to_xlsx`` of the full operator view, and
  the single-programme ``to_csv`` / ``to_xlsx``.

It prints a table and drops the database unless ``--keep``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import statistics
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from _common import _check_name, _split_database_url, create_database, drop_database

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/imedia_bench_evaluation"
OPERATOR = "bench-operateur"


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "true"
    os.environ["IMEDIA_HTTPS"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"
    os.environ.pop("REDIS_URL", None)  # self-contained: local-memory caches, no broker
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()


# --- seeding --------------------------------------------------------------------------------


@contextmanager
def settable_timestamps(*models):
    """Let ``bulk_create`` write the dates we give instead of now (auto_now / auto_now_add)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


KINDS = {"question": 30, "observation": 25, "proposal": 30, "testimony": 15}
STATUSES = {"published": 65, "pending": 10, "rejected": 8, "hidden": 5, "withdrawn": 12}
AUTHORS = {"person": 50, "pseudonym": 25, "anonymous": 15, "group": 10}
COMMITMENT_STATUSES = {"planned": 30, "in_progress": 35, "done": 25, "not_done": 10}
WORDS = [
    "logement",
    "transport",
    "garde",
    "enfants",
    "formation",
    "mobilité",
    "permis",
    "santé",
    "numérique",
    "accueil",
    "rendez-vous",
    "aide",
]


def seed_tenant(rng: random.Random, args) -> dict[str, int]:
    """Fill the current schema; returns how many rows of each kind were made."""
    from django.utils import timezone

    from imedia_core.cycle.models import Phase
    from imedia_core.diagnostics.models import Answer, Diagnostic, Dimension, Group, Item, Participant, Run
    from imedia_core.feedback.models import Commitment, Response
    from imedia_core.guidance.models import UnansweredSearch
    from imedia_core.participation.models import Contribution

    now = timezone.now()
    today = timezone.localdate()
    phases = list(Phase.objects.filter(cycle__is_active=True).order_by("position"))
    made: Counter = Counter()

    # Contributions --------------------------------------------------------------------------
    rows = []
    for i in range(args.contributions):
        created = now - dt.timedelta(seconds=rng.randint(3600, 365 * 86400))
        status = weighted(rng, STATUSES)
        author = weighted(rng, AUTHORS)
        rows.append(
            Contribution(
                kind=weighted(rng, KINDS),
                status=status,
                title=f"Contribution {i} sur {rng.choice(WORDS)}",
                body="Ce que nous avons constaté, et ce que nous proposons de changer. " * rng.randint(1, 4),
                phase=rng.choice(phases) if phases and rng.random() < 0.9 else None,
                author_kind=author,
                author_id=rng.randint(1, 400) if author in ("person", "pseudonym") else None,
                author_label="" if author == "anonymous" else f"Auteur {rng.randint(1, 400)}",
                created_at=created,
                updated_at=created,
                published_at=created + dt.timedelta(hours=rng.randint(1, 48))
                if status in ("published", "hidden")
                else None,
            )
        )
    with settable_timestamps(Contribution):
        contributions = Contribution.objects.bulk_create(rows, batch_size=500)
    made["contributions"] = len(contributions)

    # Responses: about half the published proposals, after them, never in the future ----------
    latest = now - dt.timedelta(minutes=1)
    responses = []
    for c in contributions:
        if c.kind != "proposal" or c.status != "published" or rng.random() >= 0.5:
            continue
        first = min(latest, c.created_at + dt.timedelta(seconds=rng.randint(3600, 60 * 86400)))
        decisions = ["under_study", "accepted"] if rng.random() < 0.2 else [rng.choice(["accepted", "declined"])]
        at = first
        for decision in decisions:
            responses.append(
                Response(
                    contribution=c,
                    decision=decision,
                    text="<p>Voici ce que le service a décidé, et pourquoi.</p>",
                    reason="" if decision != "declined" else "Hors du champ du programme.",
                    status="published",
                    responder_label="Service insertion",
                    created_at=at,
                    updated_at=at,
                    published_at=at,
                )
            )
            at = min(latest, at + dt.timedelta(days=rng.randint(5, 40)))
        if rng.random() < 0.1:
            responses.append(
                Response(
                    contribution=c, decision="accepted", text="<p>Brouillon</p>", status="draft", updated_at=latest
                )
            )
    with settable_timestamps(Response):
        Response.objects.bulk_create(responses, batch_size=500)
    made["responses"] = len(responses)

    # Commitments ----------------------------------------------------------------------------
    commitments = []
    for i in range(args.commitments):
        status = weighted(rng, COMMITMENT_STATUSES)
        closed = status in ("done", "not_done")
        commitments.append(
            Commitment(
                title=f"Engagement {i} : {rng.choice(WORDS)}",
                description="<p>Ce qui sera fait, par qui, pour quand.</p>",
                owner_label=rng.choice(["Département", "Pôle emploi", "CCAS", "Mission locale"]),
                due_date=today + dt.timedelta(days=rng.randint(-270, 180)),
                progress=100 if status == "done" else rng.randint(0, 90),
                status=status,
                outcome="Non réalisé faute de budget." if status == "not_done" else "",
                phase=rng.choice(phases) if phases else None,
                created_at=now - dt.timedelta(days=rng.randint(30, 330)),
                closed_at=now - dt.timedelta(days=rng.randint(1, 30)) if closed else None,
            )
        )
    Commitment.objects.bulk_create(commitments)
    made["commitments"] = len(commitments)

    # Unanswered searches ----------------------------------------------------------------------
    searches = []
    for i in range(args.searches):
        first = today - dt.timedelta(days=rng.randint(0, 400))
        searches.append(
            UnansweredSearch(
                key=f"bench {i} {rng.choice(WORDS)}",
                text=f"comment {rng.choice(WORDS)} {i}",
                count=rng.randint(1, 40),
                first_seen_on=first,
                last_seen_on=first + dt.timedelta(days=rng.randint(0, (today - first).days)),
                status=weighted(rng, {"open": 80, "answered": 10, "dismissed": 10}),
            )
        )
    UnansweredSearch.objects.bulk_create(searches)
    made["searches"] = len(searches)

    # A diagnostic run twice by one group, both runs closed -----------------------------------
    diagnostic = Diagnostic.objects.filter(items__isnull=False).distinct().order_by("id").first()
    if diagnostic is None:  # a template without diagnostic: a small one
        diagnostic = Diagnostic.objects.create(slug="bench", title="Autodiagnostic", status="published")
        scale = [{"label": str(s), "score": s} for s in range(4)]
        for d in range(3):
            dimension = Dimension.objects.create(diagnostic=diagnostic, position=d, slug=f"d{d}", title=f"D{d}")
            Item.objects.bulk_create(
                Item(diagnostic=diagnostic, dimension=dimension, position=3 * d + k, text=f"Item {k}", scale=scale)
                for k in range(3)
            )
    items = list(diagnostic.items.all())
    group = Group.objects.create(name="Groupe de suivi", slug="groupe-de-suivi")
    for r, days_ago in enumerate((240, 60)):
        run = Run.objects.create(
            diagnostic=diagnostic,
            group=group,
            title=f"Passation {r + 1}",
            held_on=today - dt.timedelta(days=days_ago),
            code=f"BENCH{r}{rng.randint(1000, 9999)}",
            status="closed",
            closed_at=now - dt.timedelta(days=days_ago - 1),
        )
        participants = Participant.objects.bulk_create(
            Participant(run=run, number=n + 1, token_hash=hashlib.sha256(f"{run.pk}-{n}".encode()).hexdigest())
            for n in range(args.participants)
        )
        answers = []
        for participant in participants:
            for item in items:
                choice = min(len(item.scale) - 1, max(0, int(rng.gauss(1 + r * 0.8, 0.9))))
                answers.append(
                    Answer(participant=participant, item=item, choice=choice, score=item.scale[choice]["score"])
                )
        Answer.objects.bulk_create(answers, batch_size=1000)
        made["runs"] += 1
        made["participants"] += len(participants)
        made["answers"] += len(answers)
    return dict(made)


def seed(args) -> tuple[object, list[str], dict]:
    from django.core.management import call_command
    from django_tenants.utils import schema_context

    from imedia_core.context import Channel, ServiceContext
    from tenants.models import Operator
    from tenants.provisioning import TenantSpec, provision_tenant

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, executor="standard")
    operator = Operator.objects.create(slug=OPERATOR, name="Opérateur du banc d'essai")
    migrated = time.perf_counter()
    slugs = [f"bench_eval_{i:03d}" for i in range(args.tenants)]
    totals: Counter = Counter()
    seed_seconds = 0.0
    for i, slug in enumerate(slugs):
        provision_tenant(
            ServiceContext.system(Channel.CLI),
            TenantSpec(
                slug=slug, name=f"Programme {i:03d}", operator=operator, template="rsa", territory="Val-de-Marne"
            ),
        )
        began = time.perf_counter()
        with schema_context(slug):
            totals.update(seed_tenant(random.Random(args.seed + i), args))
        seed_seconds += time.perf_counter() - began
    timings = {
        "migrate": migrated - started,
        "provision": time.perf_counter() - migrated - seed_seconds,
        "seed": seed_seconds,
    }
    print(
        f"migrated in {timings['migrate']:.1f} s; {args.tenants} programmes provisioned in {timings['provision']:.1f} s, "
        f"filled in {timings['seed']:.1f} s: " + ", ".join(f"{v} {k}" for k, v in totals.items()),
        flush=True,
    )
    return operator, slugs, {"totals": dict(totals), **timings}


# --- measuring ------------------------------------------------------------------------------


class Statements:
    """Counts the SQL statements run meanwhile (``connection.execute_wrapper``)."""

    def __init__(self):
        self.kinds: Counter = Counter()

    def __call__(self, execute, sql, params, many, context):
        words = sql.lstrip().split(None, 1)
        self.kinds["SET search_path" if sql.lstrip().upper().startswith("SET") else (words[0].upper() + " ...")] += 1
        return execute(sql, params, many, context)

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def timed(call, rounds: int) -> tuple[list[float], object]:
    """Warm-up once, then ``rounds`` timed calls; (seconds of each, last result)."""
    result = call()
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - began)
    return times, result


def count_statements(call) -> Statements:
    from django.db import connection

    counter = Statements()
    with connection.execute_wrapper(counter):
        call()
    return counter


FAMILY_FUNCTIONS = (
    "contributions",
    "responses",
    "commitments",
    "diagnostic_participation",
    "diagnostic_run_pairs",
    "diagnostic_answers",
    "diagnostic_structure",
    "unanswered_searches",
)


def family_breakdown(period, rounds: int) -> tuple[dict[str, float], float]:
    """Mean seconds spent in each ``families`` function (one SQL statement each, rows fetched
    and turned into dicts) during ``compute(period)``, and the mean total."""
    import imedia_core.evaluation.families as families
    from imedia_core.evaluation.indicators import compute

    spent: Counter = Counter()
    originals = {name: getattr(families, name) for name in FAMILY_FUNCTIONS}

    def wrap(name, function):
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - began

        return wrapper

    for name, function in originals.items():
        setattr(families, name, wrap(name, function))
    try:
        total = 0.0
        for _ in range(rounds):
            began = time.perf_counter()
            compute(period)
            total += time.perf_counter() - began
    finally:
        for name, function in originals.items():
            setattr(families, name, function)
    return {name: spent[name] / rounds for name in FAMILY_FUNCTIONS}, total / rounds


def measure(args, operator, slugs: list[str]) -> dict:
    from django.db import connection
    from django_tenants.utils import schema_context

    import imedia_core.evaluation.operator as operator_view
    from imedia_core.evaluation import exports
    from imedia_core.evaluation.indicators import compute
    from imedia_core.evaluation.period import make_period

    period = make_period()
    out: dict = {"period": period}
    connection.set_schema_to_public()

    # One programme's own view (detailed) and the operator projection of it ----------------------
    with schema_context(slugs[0]):
        times, figures = timed(lambda: compute(period), args.rounds)
        out["tenant"] = (times, count_statements(lambda: compute(period)))
        times_op, _ = timed(lambda: compute(period, detailed=False), args.rounds)
        out["tenant_projection"] = (times_op, count_statements(lambda: compute(period, detailed=False)))
        out["figures"] = figures
        out["families"] = family_breakdown(period, args.rounds)
        out["tenant_csv"] = timed(lambda: exports.to_csv(figures), args.rounds)
        out["tenant_xlsx"] = timed(lambda: exports.to_xlsx(figures), max(3, args.rounds // 4))

    # The operator view with the first n programmes ----------------------------------------------
    original = operator_view.programmes_of
    sizes = sorted({n for n in (1, 5, args.tenants) if 1 <= n <= args.tenants})
    out["operator"] = {}
    try:
        for n in sizes:

            def first_n(op, *, include_archived=False, _n=n):
                return original(op, include_archived=include_archived)[:_n]

            operator_view.programmes_of = first_n
            call = lambda: operator_view.compute_for_operator(operator, period)  # noqa: E731
            times, report = timed(call, args.operator_rounds)
            assert len(report.programmes) == n, (n, len(report.programmes))
            out["operator"][n] = (times, count_statements(call), report)
    finally:
        operator_view.programmes_of = original
    report = out["operator"][sizes[-1]][2]
    out["operator_csv"] = timed(lambda: exports.operator_to_csv(report), args.operator_rounds)
    out["operator_xlsx"] = timed(lambda: exports.operator_to_xlsx(report), args.operator_rounds)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        out["server"] = cursor.fetchone()[0]
    return out


def report(args, seeded: dict, r: dict) -> None:
    def ms(values):
        return statistics.median(values) * 1000

    line = "-" * 92
    period = r["period"]
    print(line)
    print(
        f"Evaluation benchmark — PostgreSQL {r['server']}, {os.cpu_count()} CPUs, DEBUG=true; period "
        f"{period.start} → {period.end}; per programme: {args.contributions} contributions, "
        f"{seeded['totals'].get('responses', 0) // args.tenants} responses, {args.commitments} commitments, "
        f"{args.searches} searches, 2 closed runs × {args.participants} participants"
    )
    print(f"{'what':<52}{'median ms':>11}{'min ms':>9}{'SQL':>6}{'ms/programme':>14}")

    def row(label, times, statements=None, per=None, extra=""):
        sql = f"{statements.total:>6}" if statements is not None else f"{'':>6}"
        per_text = f"{per:>14.2f}" if per is not None else f"{'':>14}"
        print(f"{label:<52}{ms(times):>11.2f}{min(times) * 1000:>9.2f}{sql}{per_text}{extra}")

    times, statements = r["tenant"]
    row("compute(period), one programme (detailed)", times, statements)
    times, statements = r["tenant_projection"]
    row("compute(period, detailed=False), one programme", times, statements)
    csv_times, csv_bytes = r["tenant_csv"]
    row("to_csv, one programme", csv_times, extra=f"   {len(csv_bytes)} bytes")
    xlsx_times, xlsx_bytes = r["tenant_xlsx"]
    row("to_xlsx, one programme", xlsx_times, extra=f"   {len(xlsx_bytes)} bytes")
    medians = {}
    for n, (times, statements, _) in r["operator"].items():
        medians[n] = statistics.median(times)
        row(f"compute_for_operator, {n} programme(s)", times, statements, per=medians[n] * 1000 / n)
    csv_times, csv_bytes = r["operator_csv"]
    row(f"operator_to_csv, {args.tenants} programmes", csv_times, extra=f"   {len(csv_bytes)} bytes")
    xlsx_times, xlsx_bytes = r["operator_xlsx"]
    row(f"operator_to_xlsx, {args.tenants} programmes", xlsx_times, extra=f"   {len(xlsx_bytes)} bytes")
    print(line)
    sizes = sorted(medians)
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        slope = (medians[last] - medians[first]) / (last - first) * 1000
        counts = ", ".join(f"{n}: {r['operator'][n][1].total}" for n in sizes)
        print(f"operator view: +{slope:.2f} ms per extra programme (from {first} to {last}); statements {counts}")
    for label, (_, statements) in (
        ("compute, detailed", r["tenant"]),
        ("compute, operator projection", r["tenant_projection"]),
    ):
        print(f"statements of {label}: " + ", ".join(f"{k} {v}" for k, v in sorted(statements.kinds.items())))
    last = sizes[-1]
    print(
        f"statements of compute_for_operator ({last}): "
        + ", ".join(f"{k} {v}" for k, v in sorted(r["operator"][last][1].kinds.items()))
    )
    spent, total = r["families"]
    print(
        "where compute() spends its time (mean ms, statement + fetch): "
        + ", ".join(f"{name} {seconds * 1000:.2f}" for name, seconds in spent.items())
        + f"; rest (Python, dataclasses) {(total - sum(spent.values())) * 1000:.2f} of {total * 1000:.2f}"
    )
    f = r["figures"]
    print(
        f"figures of {f.period.start}–{f.period.end}, first programme: {f.contributions.total} contributions, "
        f"{f.responses.proposals} proposals of which {f.responses.answered} answered "
        f"(median {f.responses.median_days_to_first_response} days), {f.commitments.total} commitments due "
        f"({f.commitments.overdue} overdue), {f.diagnostics.runs} runs / {f.diagnostics.participants} participants, "
        f"{f.diagnostics.groups_compared} group compared (mean delta {f.diagnostics.mean_delta}), "
        f"{f.unanswered_searches.distinct} unanswered searches"
    )
    print(line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenants", type=int, default=10, help="programmes of the operator (default 10)")
    parser.add_argument("--contributions", type=int, default=500, help="contributions per programme (default 500)")
    parser.add_argument("--commitments", type=int, default=50, help="commitments per programme (default 50)")
    parser.add_argument("--searches", type=int, default=30, help="unanswered searches per programme (default 30)")
    parser.add_argument("--participants", type=int, default=8, help="participants per diagnostic run (default 8)")
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds for one programme (default 20)")
    parser.add_argument(
        "--operator-rounds", type=int, default=10, help="timed rounds of the operator view (default 10)"
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed of the generated rows (default 42)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"bench database (default {DEFAULT_URL})")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args(argv)
    if min(args.tenants, args.rounds, args.operator_rounds, args.participants) < 1:
        parser.error("--tenants, --rounds, --operator-rounds and --participants must be at least 1")
    name, admin_url = _split_database_url(args.database_url)
    _check_name(name)
    wall = time.perf_counter()
    create_database(admin_url, name)
    try:
        setup_django(args.database_url)
        operator, slugs, seeded = seed(args)
        report(args, seeded, measure(args, operator, slugs))
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept database {name!r} (--keep)")
        else:
            drop_database(admin_url, name)
        print(f"bench wall time: {time.perf_counter() - wall:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
