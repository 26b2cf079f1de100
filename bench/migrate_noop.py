#!/usr/bin/env python
"""Benchmark: a no-op ``imedia migrate`` (tenant phase) that skips up-to-date schemas vs ``--all``.

Not a test: it prints measured figures. Usage::

    python bench/migrate_noop.py [--tenants 50,200] [--rounds 3] [--executor multiprocessing]
                                 [--database-url URL] [--keep]

It creates a fresh database named by ``--database-url`` (default
``postgres://postgres@127.0.0.1:5432/imedia_migrate_bench``; the name must contain ``bench``,
see ``bench/_common.py``), runs ``imedia migrate``, then for each N in ``--tenants`` provisions
tenants up to N (clones of the template) and times, in each round, the two paths one after the
other, alternating which goes first so machine noise hits both alike:

- ``skip``: ``imedia migrate --tenant`` (finds the up-to-date schemas in a constant number of
  queries and migrates none of them);
- ``all``: ``imedia migrate --tenant --all`` (Django's ``migrate`` in every schema, the
  behaviour before the skip).

It prints min and median per path, their ratio, and the detection's own time and query count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/imedia_migrate_bench"

from _common import _check_name, _split_database_url, create_database, drop_database  # noqa: E402


def run(args) -> int:
    name, admin_url = _split_database_url(args.database_url)
    _check_name(name)
    os.environ["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"
    os.environ["DEBUG"] = "true"
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("REDIS_URL", None)  # self-contained: local-memory caches
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))

    wall_start = time.perf_counter()
    create_database(admin_url, name)
    print(f"bench database {name!r} created on {urlsplit(args.database_url).netloc}", flush=True)
    try:
        return _bench(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"\nkept database {name!r} (--keep)")
        else:
            drop_database(admin_url, name)
            print(f"\ndropped database {name!r}")
        print(f"bench wall time: {time.perf_counter() - wall_start:.1f} s")


def _bench(args) -> int:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from imedia_core.context import Channel, ServiceContext
    from tenants.migration_state import up_to_date_schemas
    from tenants.models import Tenant
    from tenants.provisioning import TenantSpec, provision_tenant

    call_command("migrate", executor="standard", interactive=False, verbosity=0)
    connection.set_schema_to_public()
    ctx = ServiceContext.system(Channel.CLI)

    def timed(all_schemas: bool) -> float:
        connection.set_schema_to_public()
        start = time.perf_counter()
        call_command(
            "migrate", tenant=True, all_schemas=all_schemas, executor=args.executor, interactive=False, verbosity=0
        )
        elapsed = time.perf_counter() - start
        connection.set_schema_to_public()
        return elapsed

    results = []
    made = 0
    for n in args.tenants:
        start = time.perf_counter()
        while made < n:
            slug = f"bench_{made:05d}"
            provision_tenant(ctx, TenantSpec(slug=slug, name=f"Bench {made}", template="vierge"))
            connection.close()
            made += 1
        print(f"N={n}: tenants ready ({time.perf_counter() - start:.1f} s)", flush=True)
        schemas = list(Tenant.objects.values_list("schema_name", flat=True))
        reset_queries()  # the query log is capped: a full one would count 0 new queries
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            current = up_to_date_schemas(schemas)
            detect = time.perf_counter() - start
        assert len(current) == len(schemas), "every schema should be up to date"
        times: dict[str, list[float]] = {"skip": [], "all": []}
        for round_no in range(args.rounds):
            order = ("skip", "all") if round_no % 2 == 0 else ("all", "skip")
            for path in order:
                times[path].append(timed(path == "all"))
            print(
                f"  round {round_no + 1}: skip {times['skip'][-1]:.2f} s, all {times['all'][-1]:.2f} s",
                flush=True,
            )
        results.append((n, len(schemas), times, detect, len(queries)))

    processes = settings.TENANT_MULTIPROCESSING_MAX_PROCESSES
    line = "-" * 94
    print(f"\nno-op `imedia migrate --tenant`, executor {args.executor}", end="")
    print(f" ({processes} procs)" if args.executor == "multiprocessing" else "")
    print(line)
    print(
        f"{'N':>6}{'schemas':>9}{'skip min':>10}{'skip med':>10}{'all min':>10}{'all med':>10}"
        f"{'all/skip (med)':>16}{'detect ms':>11}{'queries':>9}"
    )
    for n, count, times, detect, nqueries in results:
        skip_med, all_med = statistics.median(times["skip"]), statistics.median(times["all"])
        print(
            f"{n:>6}{count:>9}{min(times['skip']):>10.2f}{skip_med:>10.2f}{min(times['all']):>10.2f}"
            f"{all_med:>10.2f}{all_med / skip_med:>16.1f}{detect * 1000:>11.1f}{nqueries:>9}"
        )
    print(line)
    print("times in seconds; 'schemas' counts the template; both paths timed alternately in each round")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tenants",
        type=lambda value: sorted(int(part) for part in value.split(",")),
        default=[50, 200],
        help="comma-separated tenant counts, measured in increasing order (default 50,200)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds per N, each timing both paths (default 3)")
    parser.add_argument("--executor", default="multiprocessing", choices=["multiprocessing", "standard"])
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"bench database (default {DEFAULT_URL})")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args(argv)
    if args.rounds < 1 or not args.tenants or args.tenants[0] < 1:
        parser.error("--rounds and every --tenants value must be at least 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
