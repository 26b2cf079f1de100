#!/usr/bin/env python
"""Benchmark: throughput of the transactional outbox and of webhook delivery. Not a test: it
prints measured figures.

    python bench/events.py [--events 2000] [--tx-batch 100] [--single 200] [--deliveries 500]
                           [--batch-size 100] [--database-url URL] [--keep]

It creates a throw-away database (the name must contain ``bench``), migrates it, provisions one
tenant (template ``vierge``) and, in that tenant's schema:

1. emits ``--events`` events with ``imedia_core.events.emit`` in transactions of ``--tx-batch``
   events, then ``--single`` events in a transaction each (what one request that changes one
   thing does), timing the emits;
2. runs the polling worker's pass ``imedia_core.events.worker.run_once([tenant])`` until nothing
   is pending, with the webhooks plugin enabled but no subscription (its hook still runs for
   every event), then again for as many fresh events with the plugin disabled for the tenant
   (the dispatcher alone). ``--batch-size`` sets ``IMEDIA_EVENTS_BATCH_SIZE`` (events claimed
   per transaction; a pass takes at most 20 batches);
3. starts a local receiver (``http.server.ThreadingHTTPServer`` on 127.0.0.1, HTTP/1.1, answers
   200 at once, counts requests, checks the signature of every 10th with
   ``plugins.webhooks.signing.verify``), subscribes it to ``contribution.*`` and ``comment.*``
   through ``plugins.webhooks.services.create_subscription``, emits ``--deliveries`` events and runs
   ``run_once`` until every delivery succeeded (the ``webhooks.deliver`` job sends at most 100
   per pass, one after the other). The receiver's count must equal ``--deliveries``.

Every SQL statement the worker issues is counted with ``connection.execute_wrapper`` and
attributed to the dispatcher or to the job it ran in, so the report gives SQL statements per
event dispatched and per delivery, with a breakdown by statement. The receiver runs in this
process (it competes for the GIL): a remote receiver adds its network round trip per delivery.

It prints a table and drops the database unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import _check_name, _split_database_url, create_database, drop_database, migrate_and_provision

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/imedia_bench_events"
TENANT = "bench_events"
SECRET = "whsec_bench-secret-long-enough-0123456789"
VERIFY_EVERY = 10  # the receiver checks the signature of one request in this many


def setup_django(args) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DEBUG"] = "true"
    os.environ["IMEDIA_HTTPS"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"
    # The polling worker's engine, local-memory caches: no broker, self-contained.
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["IMEDIA_EVENTS_ENGINE"] = "worker"
    os.environ["IMEDIA_EVENTS_BATCH_SIZE"] = str(args.batch_size)
    # The receiver listens on 127.0.0.1, which production refuses (SSRF guard).
    os.environ["IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"] = "true"
    # httpx honours proxies (trust_env): never send the local receiver's traffic through one.
    for name in ("NO_PROXY", "no_proxy"):
        os.environ[name] = ",".join(filter(None, [os.environ.get(name, ""), "127.0.0.1", "localhost"]))
    import django

    django.setup()


# --- SQL statements, attributed to the phase that issued them -----------------------------------

_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?([a-z_][a-z0-9_]*)"?', re.IGNORECASE)


def classify(sql: str) -> str:
    """``SELECT events_outboxevent FOR UPDATE``, ``SAVEPOINT``, ``SET search_path``..."""
    words = sql.lstrip().split(None, 2)
    verb = words[0].upper() if words else "?"
    if verb in ("SAVEPOINT", "RELEASE", "ROLLBACK"):
        return "RELEASE SAVEPOINT" if verb == "RELEASE" else verb if verb == "SAVEPOINT" else "ROLLBACK TO SAVEPOINT"
    if verb == "SET":
        return "SET " + (words[1] if len(words) > 1 else "")
    match = _TABLE.search(sql)
    label = f"{verb} {match.group(1) if match else '?'}"
    if verb == "SELECT" and "FOR UPDATE" in sql.upper():
        label += " FOR UPDATE"
    return label


class Meter:
    """Counts statements per (phase, kind) and wall time per phase; ``phase`` is set by the
    wrappers installed around the dispatcher and the jobs."""

    def __init__(self):
        self.phase = "other"
        self.queries: Counter = Counter()
        self.seconds: Counter = Counter()

    def __call__(self, execute, sql, params, many, context):
        self.queries[(self.phase, classify(sql))] += 1
        return execute(sql, params, many, context)

    @contextmanager
    def in_phase(self, phase: str):
        previous, self.phase = self.phase, phase
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] += time.perf_counter() - start
            self.phase = previous

    @contextmanager
    def timed(self, name: str):
        """Wall time only (statements stay with the enclosing phase)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def reset(self) -> None:
        self.queries.clear()
        self.seconds.clear()

    def total(self, phase: str) -> int:
        return sum(n for (p, _), n in self.queries.items() if p == phase)

    def breakdown(self, phase: str) -> list[tuple[str, int]]:
        return sorted(((k, n) for (p, k), n in self.queries.items() if p == phase), key=lambda kv: -kv[1])


def install_meter(meter: Meter) -> None:
    """Attribute the worker's statements and time to the dispatcher or to each job."""
    import imedia_core.events.jobs as jobs
    import imedia_core.events.worker as worker

    dispatch = worker.dispatch_pending

    def metered_dispatch(tenant, **kwargs):
        with meter.in_phase("dispatch"):
            return dispatch(tenant, **kwargs)

    worker.dispatch_pending = metered_dispatch
    for name, job in list(jobs._jobs.items()):

        def metered_run(tenant, _run=job.run, _name=name):
            with meter.in_phase(_name):
                return _run(tenant)

        jobs._jobs[name] = jobs.TenantJob(name=job.name, run=metered_run, plugin=job.plugin)

    # The three steps of one delivery (module globals that deliver_due looks up at each call).
    import plugins.webhooks.delivery as delivery

    for attribute in ("claim_next", "send", "finish"):
        original = getattr(delivery, attribute)

        def step(*args, _original=original, _name=f"deliver.{attribute}", **kwargs):
            with meter.timed(_name):
                return _original(*args, **kwargs)

        setattr(delivery, attribute, step)


# --- the local receiver -------------------------------------------------------------------------


class Receiver:
    def __init__(self, secret: str):
        self.secret = secret
        self.lock = threading.Lock()
        self.count = 0
        self.event_ids: set[str] = set()
        self.checked = 0
        self.verified = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive: httpx reuses its connection
            # Headers and body leave in two writes: with Nagle on, the second waits for the
            # client's delayed ACK (~40 ms a request on Linux), which would measure the receiver.
            disable_nagle_algorithm = True

            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.record(self.headers, body)
                answer = b'{"ok":true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="bench-receiver", daemon=True)

    def record(self, headers, body: bytes) -> None:
        from plugins.webhooks.signing import verify

        with self.lock:
            self.count += 1
            check = self.count % VERIFY_EVERY == 1
            self.event_ids.add(headers.get("X-Imedia-Event-Id", ""))
        if check:
            ok = verify(self.secret, headers, body) and json.loads(body)["id"] == headers.get("X-Imedia-Event-Id")
            with self.lock:
                self.checked += 1
                self.verified += ok

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# --- the benchmark ------------------------------------------------------------------------------

EVENT_TYPES = ("contribution.submitted", "contribution.published", "contribution.supported", "comment.published")


class Contribution:
    """Stands for the model instance a service passes as ``subject`` (its class name and pk)."""

    def __init__(self, pk: int):
        self.pk = pk


def emit_events(first: int, count: int, per_transaction: int) -> list[float]:
    """Emit ``count`` events, ``per_transaction`` per transaction; seconds per transaction."""
    from django.db import transaction

    from imedia_core.events.outbox import emit

    times = []
    for start in range(first, first + count, per_transaction):
        began = time.perf_counter()
        with transaction.atomic():
            for i in range(start, min(first + count, start + per_transaction)):
                payload = {"kind": "proposal", "status": "published", "author_kind": "person", "phase_id": i % 7}
                emit(EVENT_TYPES[i % len(EVENT_TYPES)], payload, subject=Contribution(i))
        times.append(time.perf_counter() - began)
    return times


def work_until_idle(tenant, meter: Meter, *, max_passes: int) -> dict:
    """``run_once([tenant])`` until a pass does nothing; the idle last pass is not timed in."""
    from imedia_core.events.worker import run_once

    busy_seconds, passes, dispatched, failed, jobs = 0.0, 0, 0, 0, Counter()
    for _ in range(max_passes):
        before = (meter.queries.copy(), meter.seconds.copy())
        began = time.perf_counter()
        with meter.in_phase("pass"):
            report = run_once([tenant])
        elapsed = time.perf_counter() - began
        one = report.get(tenant.schema_name)
        if one is None:
            raise SystemExit("run_once failed for the bench tenant (see the log above)")
        if not one.busy:
            meter.queries, meter.seconds = before  # the idle pass that tells it is over
            break
        busy_seconds += elapsed
        passes += 1
        dispatched += one.dispatched
        failed += one.failed
        jobs.update(one.jobs)
    else:
        raise SystemExit(f"still busy after {max_passes} passes")
    return {"seconds": busy_seconds, "passes": passes, "dispatched": dispatched, "failed": failed, "jobs": jobs}


def run(args) -> dict:
    from django.db import connection
    from django_tenants.utils import schema_context

    from imedia_core.context import Channel, ServiceContext
    from imedia_core.events.models import OutboxEvent
    from plugins.webhooks import services
    from plugins.webhooks.models import Delivery, DeliveryAttempt, DeliveryStatus
    from tenants.models import Tenant

    tenant = migrate_and_provision(TENANT, "Banc d'essai des événements")
    meter = Meter()
    install_meter(meter)
    results: dict = {"breakdowns": {}}
    n, m = args.events, args.deliveries
    passes_cap = 50 + 2 * (n + m) // max(1, args.batch_size) + 2 * m // 50

    with connection.execute_wrapper(meter):
        # 1. emits ---------------------------------------------------------------------------
        with schema_context(TENANT):
            emit_events(10**6, 50, 50)  # warm-up (rolled into the dispatch below)
            meter.reset()
            with meter.in_phase("emit"):
                batched = emit_events(0, n, args.tx_batch)
            emit_queries = meter.total("emit")
            meter.reset()
            with meter.in_phase("emit1"):
                single = emit_events(n, args.single, 1) if args.single else []
            single_queries = meter.total("emit1")
        results["emit_batched"] = (sum(batched), n, emit_queries, batched)
        results["emit_single"] = (sum(single), args.single, single_queries, single)

        # 2. dispatch, no subscription (webhooks hook runs) then plugin disabled -------------
        meter.reset()
        plain = work_until_idle(tenant, meter, max_passes=passes_cap)
        results["dispatch_hook"] = (plain, meter.seconds["dispatch"], meter.total("dispatch"))
        results["breakdowns"]["dispatch, webhooks on, no subscription"] = meter.breakdown("dispatch")

        with schema_context(TENANT):
            emit_events(2 * 10**6, n, args.tx_batch)
        bare = Tenant.objects.get(schema_name=TENANT)
        bare.plugin_settings = {**(bare.plugin_settings or {}), "webhooks": {"enabled": False}}  # in memory only
        meter.reset()
        alone = work_until_idle(bare, meter, max_passes=passes_cap)
        results["dispatch_bare"] = (alone, meter.seconds["dispatch"], meter.total("dispatch"))
        results["breakdowns"]["dispatch, webhooks plugin disabled"] = meter.breakdown("dispatch")

        # 3. webhooks end to end ---------------------------------------------------------------
        with Receiver(SECRET) as receiver:
            with schema_context(TENANT):
                # The domains' events only: "*" would also deliver the subscription's own creation.
                services.create_subscription(
                    ServiceContext.system(Channel.CLI),
                    {"url": receiver.url, "events": ["contribution.*", "comment.*"], "secret": SECRET},
                )
                emit_events(3 * 10**6, m, args.tx_batch)
            meter.reset()
            hooks = work_until_idle(tenant, meter, max_passes=passes_cap)
            results["webhooks"] = (hooks, dict(meter.seconds), meter.total("dispatch"), meter.total("webhooks.deliver"))
            results["breakdowns"]["dispatch, 1 subscription"] = meter.breakdown("dispatch")
            results["breakdowns"]["webhooks.deliver job"] = meter.breakdown("webhooks.deliver")
            results["receiver"] = {
                "count": receiver.count,
                "distinct": len(receiver.event_ids),
                "checked": receiver.checked,
                "verified": receiver.verified,
            }

    with schema_context(TENANT):
        results["state"] = {
            "pending events": OutboxEvent.objects.filter(dispatched_at__isnull=True).count(),
            "deliveries": Delivery.objects.count(),
            "succeeded": Delivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count(),
            "attempts": DeliveryAttempt.objects.count(),
        }
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        results["server"] = cursor.fetchone()[0]
    return results


def report(args, r: dict) -> None:
    m = args.deliveries
    line = "-" * 96
    print(line)
    print(
        f"Outbox and webhooks benchmark — PostgreSQL {r['server']}, {os.cpu_count()} CPUs, "
        f"IMEDIA_EVENTS_BATCH_SIZE={args.batch_size}, DEBUG=true"
    )
    print(f"{'phase':<44}{'items':>7}{'seconds':>9}{'ms/item':>9}{'items/s':>10}{'SQL/item':>10}")

    def row(label, items, seconds, queries):
        per = seconds / items * 1000 if items else float("nan")
        rate = items / seconds if seconds else float("nan")
        sql = f"{queries / items:10.2f}" if items and queries is not None else f"{'':>10}"
        print(f"{label:<44}{items:>7}{seconds:>9.3f}{per:>9.3f}{rate:>10.0f}{sql}")

    seconds, items, queries, batches = r["emit_batched"]
    row(f"emit(), {args.tx_batch} per transaction", items, seconds, queries)
    seconds, items, queries, _ = r["emit_single"]
    if items:
        row("emit(), 1 per transaction (+ commit)", items, seconds, queries)
    plain, dispatch_s, dispatch_q = r["dispatch_hook"]
    row("dispatch, webhooks on, no subscription", plain["dispatched"], dispatch_s, dispatch_q)
    row("  whole run_once passes (+ jobs)", plain["dispatched"], plain["seconds"], None)
    alone, dispatch_s, dispatch_q = r["dispatch_bare"]
    row("dispatch, webhooks plugin disabled", alone["dispatched"], dispatch_s, dispatch_q)
    hooks, phase_s, dq, wq = r["webhooks"]
    delivered = hooks["jobs"].get("webhooks.deliver", 0)
    row("dispatch, 1 subscription (+ Delivery rows)", hooks["dispatched"], phase_s.get("dispatch", 0.0), dq)
    row("deliver: claim, sign, POST, record", delivered, phase_s.get("webhooks.deliver", 0.0), wq)
    for step, label in (
        ("claim_next", "claim (lease, 1 transaction)"),
        ("send", "sign + POST"),
        ("finish", "record (1 transaction)"),
    ):
        row(f"  {label}", delivered, phase_s.get(f"deliver.{step}", 0.0), None)
    row("end to end: run_once until all delivered", m, hooks["seconds"], None)
    print(line)
    rec = r["receiver"]
    print(
        f"receiver: {rec['count']} requests for {m} events ({rec['distinct']} distinct event ids); "
        f"signatures checked {rec['checked']}, valid {rec['verified']}"
    )
    print(
        f"passes: {plain['passes']} (no subscription), {alone['passes']} (plugin disabled), "
        f"{hooks['passes']} (webhooks, at most 100 deliveries a pass); failures: "
        f"{plain['failed'] + alone['failed'] + hooks['failed']}"
    )
    print(f"emit() per transaction of {args.tx_batch}: median {statistics.median(batches) * 1000:.1f} ms")
    print("state after the run: " + ", ".join(f"{k} {v}" for k, v in r["state"].items()))
    for title, rows in r["breakdowns"].items():
        items = {
            "dispatch, webhooks on, no subscription": plain["dispatched"],
            "dispatch, webhooks plugin disabled": alone["dispatched"],
            "dispatch, 1 subscription": hooks["dispatched"],
            "webhooks.deliver job": delivered,
        }[title]
        print(f"SQL per item — {title} ({items} items):")
        for kind, count in rows:
            print(f"    {count / items:7.3f}  {kind}  ({count})")
    print(line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="events emitted and dispatched (default 2000)")
    parser.add_argument("--tx-batch", type=int, default=100, help="events per emitting transaction (default 100)")
    parser.add_argument("--single", type=int, default=200, help="events emitted one per transaction (default 200)")
    parser.add_argument("--deliveries", type=int, default=500, help="events delivered by webhook (default 500)")
    parser.add_argument("--batch-size", type=int, default=100, help="IMEDIA_EVENTS_BATCH_SIZE (default 100)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"bench database (default {DEFAULT_URL})")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args(argv)
    if min(args.events, args.tx_batch, args.deliveries, args.batch_size) < 1 or args.single < 0:
        parser.error("counts must be positive")
    name, admin_url = _split_database_url(args.database_url)
    _check_name(name)
    wall = time.perf_counter()
    create_database(admin_url, name)
    try:
        setup_django(args)
        results = run(args)
        report(args, results)
        rec = results["receiver"]
        assert rec["count"] == args.deliveries, f"the receiver got {rec['count']} requests, not {args.deliveries}"
        assert rec["distinct"] == args.deliveries, "the receiver got an event twice"
        assert rec["verified"] == rec["checked"], "a signature did not verify"
        assert results["state"]["succeeded"] == args.deliveries, results["state"]
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
