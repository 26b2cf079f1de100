#!/usr/bin/env python
"""Benchmark: tenant creation by cloning the template schema vs by replaying migrations.

Not a test: it prints measured figures. Usage::

    python bench/provisioning.py [--tenants N] [--database-url URL] [--processes P]
                                 [--same-connection] [--keep]

It creates a fresh database (dropped first if it exists) named by ``--database-url``
(default ``postgres://postgres@127.0.0.1:5432/imedia_bench``), runs ``imedia migrate`` there,
then:

a) creates N tenants through the real service ``tenants.provisioning.provision_tenant``
   (clone of the template schema, one transaction), timing each and its phases; each tenant
   gets a fresh connection, as the migrate path does (``--same-connection`` keeps one, which
   shows the cost a long-lived connection accumulates);
b) creates N tenants the way django-tenants does without a template: a ``Tenant`` row, then
   ``CREATE SCHEMA`` and ``migrate_schemas --tenant --schema=<slug>``, timing each;
c) runs a no-op ``migrate_schemas --tenant`` over every tenant schema (2N + 1 with the
   template) with the ``multiprocessing`` executor and with the ``standard`` one;

prints a table, and drops the database unless ``--keep``. The database name must contain
``bench`` so that a typo cannot drop a real database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/imedia_bench"


from _common import (  # noqa: E402  (bench/ is the script's folder, on sys.path)
    _check_name,
    _split_database_url,
    create_database,
    drop_database,
    ms,
    summary,
)

# --- phase timing of provision_tenant (wrappers installed in this process only) ----------------


class PhaseTimer:
    """Accumulates wall time spent in named phases during one tenant's provisioning."""

    def __init__(self):
        self.current: dict[str, float] = {}
        self.per_tenant: list[dict[str, float]] = []

    def add(self, phase: str, seconds: float) -> None:
        self.current[phase] = self.current.get(phase, 0.0) + seconds

    def wrap(self, owner, attribute: str, phase: str) -> None:
        original = getattr(owner, attribute)
        timer = self

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timer.add(phase, time.perf_counter() - start)

        wrapper.__wrapped__ = original
        setattr(owner, attribute, wrapper)

    def next_tenant(self, total: float) -> None:
        self.current["total"] = total
        self.per_tenant.append(self.current)
        self.current = {}


def install_phase_timers(timer: PhaseTimer) -> None:
    import tenants.clone as clone
    import tenants.provisioning as provisioning

    # tenants.clone.clone_schema = copy + a signature check of template vs clone.
    timer.wrap(provisioning, "clone_schema", "_clone_total")
    timer.wrap(clone, "signature", "clone: verify (signatures)")
    timer.wrap(provisioning, "changed", "audit entry + event")
    timer.wrap(provisioning, "hook_for_tenant", "_hook_lookup")
    timer.wrap(provisioning, "_validate", "validate (templates, slug)")
    timer.wrap(provisioning, "template_schema_ready", "template check")


# --- per-schema timing of migrate_schemas (signals fire in the forked workers too) -------------


@contextmanager
def schema_timings(path: Path):
    """Record ``pid schema start|end monotonic`` lines for every schema migrated meanwhile."""
    from django_tenants.signals import schema_migrated, schema_pre_migration

    def line(kind, schema_name):
        with open(path, "a") as fh:
            fh.write(f"{os.getpid()} {schema_name} {kind} {time.monotonic():.6f}\n")

    def on_start(sender, schema_name, **kwargs):
        line("start", schema_name)

    def on_end(sender, schema_name, **kwargs):
        line("end", schema_name)

    schema_pre_migration.connect(on_start, weak=False)
    schema_migrated.connect(on_end, weak=False)
    try:
        yield
    finally:
        schema_pre_migration.disconnect(on_start)
        schema_migrated.disconnect(on_end)


def read_schema_timings(path: Path) -> dict[str, float]:
    starts: dict[tuple[str, str], float] = {}
    durations: dict[str, float] = {}
    for raw in path.read_text().splitlines():
        pid, schema, kind, stamp = raw.split()
        if kind == "start":
            starts[(pid, schema)] = float(stamp)
        elif (pid, schema) in starts:
            durations[schema] = float(stamp) - starts.pop((pid, schema))
    return durations


# --- the benchmark ----------------------------------------------------------------------------


def count_migrations(schemas: list[str]) -> dict[str, int]:
    from django.db import connection

    counts = {}
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'SELECT count(*) FROM "{schema}".django_migrations')
            counts[schema] = cursor.fetchone()[0]
    return counts


def schema_shape(schema: str) -> tuple[int, int, int]:
    """``(tables, indexes, content types)`` of a schema, to check both paths build the same thing."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE c.relkind = 'r'), count(*) FILTER (WHERE c.relkind = 'i') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s",
            [schema],
        )
        tables, indexes = cursor.fetchone()
        cursor.execute(f'SELECT count(*) FROM "{schema}".django_content_type')
        ctypes = cursor.fetchone()[0]
    return tables, indexes, ctypes


def schema_names(schema: str) -> set[str]:
    """Names of the constraints and indexes of a schema (migrations may refer to them by name)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'constraint ' || conname FROM pg_constraint WHERE connamespace = %s::regnamespace "
            "UNION SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = %s",
            [schema, schema],
        )
        return {row[0] for row in cursor.fetchall()}


def run(args) -> int:
    name, admin_url = _split_database_url(args.database_url)
    _check_name(name)

    os.environ["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"
    os.environ["DEBUG"] = "true"
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("REDIS_URL", None)  # self-contained: local-memory caches
    if args.processes:
        os.environ["IMEDIA_MIGRATION_PROCESSES"] = str(args.processes)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))

    wall_start = time.perf_counter()
    create_database(admin_url, name)
    print(f"bench database {name!r} created on {urlsplit(args.database_url).netloc}", flush=True)
    try:
        return _bench(args, name)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"\nkept database {name!r} (--keep)")
        else:
            drop_database(admin_url, name)
            print(f"\ndropped database {name!r}")
        print(f"bench wall time: {time.perf_counter() - wall_start:.1f} s")


def _bench(args, name: str) -> int:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction

    from imedia_core.context import Channel, ServiceContext
    from tenants.models import Domain, Tenant
    from tenants.provisioning import TenantSpec, provision_tenant

    n = args.tenants
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]

    # --- initial migrate (public, then template) -------------------------------------------
    start = time.perf_counter()
    call_command("migrate", executor="standard", interactive=False, verbosity=0)
    initial_migrate = time.perf_counter() - start
    connection.set_schema_to_public()
    print(f"imedia migrate (public + template, standard executor): {initial_migrate:.2f} s", flush=True)

    # --- a) clone through the real service -------------------------------------------------
    timer = PhaseTimer()
    install_phase_timers(timer)
    clone_slugs = [f"bench_clone_{i:04d}" for i in range(n)]
    clone_times: list[float] = []
    for i, slug in enumerate(clone_slugs):
        connection.set_schema_to_public()
        reset_queries()
        start = time.perf_counter()
        provision_tenant(
            ServiceContext.system(Channel.CLI),
            TenantSpec(
                slug=slug, name=f"Bench clone {i}", domains=[f"{slug.replace('_', '-')}.bench.test"], template="vierge"
            ),
        )
        elapsed = time.perf_counter() - start
        clone_times.append(elapsed)
        timer.next_tenant(elapsed)
        _progress("clone", i, n, elapsed)
        if not args.same_connection:
            # Like the migrate path (migrate_schemas closes its connection after each schema) and
            # like one CLI call per tenant: the next tenant opens a fresh connection, in its timing.
            connection.close()

    # --- b) replay migrations (django-tenants without a template) ---------------------------
    migrate_slugs = [f"bench_migr_{i:04d}" for i in range(n)]
    migrate_times: list[float] = []
    migrate_parts: list[tuple[float, float]] = []
    for i, slug in enumerate(migrate_slugs):
        connection.set_schema_to_public()
        reset_queries()
        start = time.perf_counter()
        with transaction.atomic():
            tenant = Tenant.objects.create(schema_name=slug, name=f"Bench migrate {i}")
            Domain.objects.create(domain=f"{slug.replace('_', '-')}.bench.test", tenant=tenant, is_primary=True)
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{slug}"')
        rows = time.perf_counter()
        call_command("migrate_schemas", tenant=True, schema_name=slug, interactive=False, verbosity=0)
        elapsed = time.perf_counter() - start
        migrate_times.append(elapsed)
        migrate_parts.append((rows - start, elapsed - (rows - start)))
        _progress("migrate", i, n, elapsed)

    connection.set_schema_to_public()
    template = settings.TENANT_BASE_SCHEMA
    all_schemas = [template, *clone_slugs, *migrate_slugs]
    counts = count_migrations(all_schemas)
    shapes = {
        "template": schema_shape(template),
        "clone": schema_shape(clone_slugs[-1]),
        "migrate": schema_shape(migrate_slugs[-1]),
    }
    template_names = schema_names(template)
    name_diffs = {
        label: (sorted(template_names - schema_names(schema)), sorted(schema_names(schema) - template_names))
        for label, schema in (("clone", clone_slugs[-1]), ("migrate", migrate_slugs[-1]))
    }

    # --- c) no-op migrate_schemas --tenant over 2N+1 schemas --------------------------------
    noop: dict[str, tuple[float, dict[str, float]]] = {}
    for executor in ("multiprocessing", "standard"):
        connection.set_schema_to_public()
        with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as fh:
            log = Path(fh.name)
        try:
            with schema_timings(log):
                start = time.perf_counter()
                call_command("migrate_schemas", tenant=True, executor=executor, interactive=False, verbosity=0)
                total = time.perf_counter() - start
            noop[executor] = (total, read_schema_timings(log))
        finally:
            log.unlink(missing_ok=True)
        print(f"no-op migrate_schemas --tenant ({executor}): {total:.2f} s", flush=True)
    connection.set_schema_to_public()
    tenant_rows = Tenant.objects.count()

    report(
        n=n,
        server_version=server_version,
        processes=settings.TENANT_MULTIPROCESSING_MAX_PROCESSES,
        initial_migrate=initial_migrate,
        clone_times=clone_times,
        migrate_times=migrate_times,
        migrate_parts=migrate_parts,
        timer=timer,
        counts=counts,
        groups={"template": [template], "clone": clone_slugs, "migrate": migrate_slugs},
        shapes=shapes,
        name_diffs=name_diffs,
        noop=noop,
        schema_count=len(all_schemas),
        tenant_rows=tenant_rows,
        same_connection=args.same_connection,
    )
    return 0


def _progress(kind: str, i: int, n: int, elapsed: float) -> None:
    step = max(1, n // 5)
    if (i + 1) % step == 0 or i + 1 == n:
        print(f"  {kind}: {i + 1}/{n} (last {elapsed * 1000:.0f} ms)", flush=True)


def report(
    *,
    n,
    server_version,
    processes,
    initial_migrate,
    clone_times,
    migrate_times,
    migrate_parts,
    timer,
    counts,
    groups,
    shapes,
    name_diffs,
    noop,
    schema_count,
    tenant_rows,
    same_connection,
) -> None:
    from importlib.metadata import version

    import django

    line = "-" * 78
    print()
    print(line)
    print(f"tenant provisioning benchmark — {n} tenants per path")
    print(
        f"PostgreSQL {server_version}, Django {django.get_version()}, "
        f"django-tenants {version('django-tenants')}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)"
    )
    print(f"initial imedia migrate (public + template): {initial_migrate:.2f} s")
    print(
        "clone path: "
        + ("one long-lived connection for all clones" if same_connection else "a fresh connection per tenant")
        + "; migrate path: migrate_schemas reconnects per schema"
    )
    print(line)
    print(f"{'per tenant (ms)':<28}{'mean':>9}{'median':>9}{'p95':>9}{'max':>9}{'min':>9}{'total s':>9}")
    clone, migrate = summary(clone_times), summary(migrate_times)
    for label, s in (("clone (provision_tenant)", clone), ("migrate (row+schema+migr.)", migrate)):
        print(
            f"{label:<28}{ms(s['mean']):>9}{ms(s['median']):>9}{ms(s['p95']):>9}{ms(s['max']):>9}"
            f"{ms(s['min']):>9}{s['total']:>9.2f}"
        )
    print(
        f"ratio migrate/clone: mean {migrate['mean'] / clone['mean']:.2f}x, "
        f"median {migrate['median'] / clone['median']:.2f}x  (target >= 4x)"
    )
    tenth = max(1, n // 10)
    print(
        f"clone growth: first {tenth} mean {statistics.fmean(clone_times[:tenth]) * 1000:.1f} ms, "
        f"last {tenth} mean {statistics.fmean(clone_times[-tenth:]) * 1000:.1f} ms; "
        f"migrate first {tenth} {statistics.fmean(migrate_times[:tenth]) * 1000:.1f} ms, "
        f"last {tenth} {statistics.fmean(migrate_times[-tenth:]) * 1000:.1f} ms"
    )

    print(line)
    print("clone phases, mean per tenant (ms):")
    phases: dict[str, list[float]] = {}
    for entry in timer.per_tenant:
        clone_total = entry.get("_clone_total", 0.0)
        verify = entry.get("clone: verify (signatures)", 0.0)
        derived = {
            "validate (templates, slug)": entry.get("validate (templates, slug)", 0.0),
            "template check (+ connect)": entry.get("template check", 0.0),
            "clone: copy (tenants.clone)": clone_total - verify,
            "clone: verify (signatures)": verify,
            "audit entry + event": entry.get("audit entry + event", 0.0),
            "plugin hook (lookup + call)": entry.get("_hook_lookup", 0.0),
        }
        derived["rows, locks, hook call, commit"] = entry["total"] - sum(derived.values())
        for key, value in derived.items():
            phases.setdefault(key, []).append(value)
    for key, values in phases.items():
        print(f"  {key:<40}{statistics.fmean(values) * 1000:8.1f}")
    rows_mean = statistics.fmean(p[0] for p in migrate_parts)
    mig_mean = statistics.fmean(p[1] for p in migrate_parts)
    print("migrate phases, mean per tenant (ms):")
    print(f"  {'row + domain + CREATE SCHEMA (1 txn)':<40}{rows_mean * 1000:8.1f}")
    print(f"  {'migrate_schemas --schema=<slug>':<40}{mig_mean * 1000:8.1f}")

    print(line)
    print("applied migrations per schema (rows in <schema>.django_migrations):")
    for label, schemas in groups.items():
        values = sorted({counts[s] for s in schemas})
        shown = values[0] if len(values) == 1 else f"{values[0]}..{values[-1]} (differs!)"
        tables, indexes, ctypes = shapes[label]
        print(
            f"  {label:<10}{len(schemas):>5} schema(s): {shown} migrations; "
            f"{tables} tables, {indexes} indexes, {ctypes} content types"
        )

    for label, (missing, extra) in name_diffs.items():
        if not missing and not extra:
            print(f"  {label}: constraint and index names identical to the template")
        else:
            print(f"  {label}: names differ from the template: missing {missing}, extra {extra}")

    print(line)
    print(f"no-op migrate_schemas --tenant over {schema_count} schemas ({tenant_rows} tenant rows):")
    print(f"{'executor':<28}{'total s':>9}{'mean ms':>9}{'median':>9}{'p95':>9}{'max':>9}")
    for executor, (total, per_schema) in noop.items():
        values = list(per_schema.values())
        label = executor + (f" ({processes} procs)" if executor == "multiprocessing" else "")
        if values:
            s = summary(values)
            print(
                f"{label:<28}{total:>9.2f}{ms(s['mean']):>9}{ms(s['median']):>9}{ms(s['p95']):>9}"
                f"{ms(s['max']):>9}   ({len(values)} schemas timed)"
            )
        else:
            print(f"{label:<28}{total:>9.2f}   (no per-schema timings)")
    print(line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenants", type=int, default=50, help="tenants per path (default 50)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"bench database (default {DEFAULT_URL})")
    parser.add_argument(
        "--processes",
        type=int,
        default=None,
        help="IMEDIA_MIGRATION_PROCESSES for the multiprocessing executor (default: settings, 4)",
    )
    parser.add_argument(
        "--same-connection",
        action="store_true",
        help="provision every clone on one long-lived connection (default: a fresh connection per tenant)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args(argv)
    if args.tenants < 1:
        parser.error("--tenants must be at least 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
