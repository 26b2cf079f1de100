#!/usr/bin/env python
"""Where the time of a django-tenants schema clone goes, and how it grows with the schema count.

Not a test: it prints measured figures. Usage::

    python bench/clone_profile.py [--schemas K] [--database-url URL] [--keep]

On a fresh database (default ``postgres://postgres@127.0.0.1:5432/imedia_bench_clone``, dropped
first if it exists; the name must contain ``bench``) it runs ``imedia migrate`` and then:

1. times what ``CloneSchema.clone_schema`` does besides cloning: re-installing the plpgsql
   functions (``DROP TYPE public.cloneparms CASCADE`` + ``CREATE OR REPLACE FUNCTION`` of
   ~4,500 lines) on every call;
2. checks whether that re-install blocks a concurrent provisioning transaction;
3. clones the template K times with ``SELECT clone_schema(...)`` (functions installed once,
   a fresh connection per clone) and, at a few schema counts, lists the statements run inside the plpgsql function with
   their time (``auto_explain`` at NOTICE level, loaded for the session only);
4. for reference, times a minimal clone (``CREATE TABLE ... (LIKE ... INCLUDING ALL EXCLUDING
   INDEXES)``, constraints and indexes re-created from ``pg_get_constraintdef`` /
   ``pg_get_indexdef`` with their names, data copied, identity sequences set) at the same
   schema count, and compares constraint and index names with the template's.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import provisioning as bench  # noqa: E402  (bench/provisioning.py: database helpers)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/imedia_bench_clone"
TEMPLATE = "imedia_template"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def timed(conn, sql: str, params=None) -> float:
    start = time.perf_counter()
    conn.execute(sql, params)
    conn.commit()
    return (time.perf_counter() - start) * 1000


def names(conn, schema: str) -> set[str]:
    rows = conn.execute(
        "SELECT 'constraint ' || conname FROM pg_constraint WHERE connamespace = %s::regnamespace "
        "UNION SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = %s",
        [schema, schema],
    ).fetchall()
    conn.commit()
    return {row[0] for row in rows}


def lean_clone(conn, src: str, dest: str) -> None:
    """Reference implementation of a clone that keeps names and only touches ``src``'s catalog rows."""
    q = quote
    conn.execute(f"SET LOCAL search_path = {q(src)}")
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r' ORDER BY oid",
            [src],
        )
    ]
    constraints = conn.execute(
        "SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) FROM pg_constraint k "
        "JOIN pg_class c ON c.oid = k.conrelid WHERE k.connamespace = %s::regnamespace "
        "AND k.contype IN ('p', 'u', 'x', 'f') ORDER BY k.contype = 'f', k.oid",
        [src],
    ).fetchall()
    indexes = conn.execute(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
        "WHERE c.relnamespace = %s::regnamespace "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
        [src],
    ).fetchall()
    identities = conn.execute(
        "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' AND a.attidentity <> ''",
        [src],
    ).fetchall()
    conn.execute(f"CREATE SCHEMA {q(dest)}")
    for table in tables:
        conn.execute(f"CREATE TABLE {q(dest)}.{q(table)} (LIKE {q(src)}.{q(table)} INCLUDING ALL EXCLUDING INDEXES)")
    # Same-schema references come out unqualified with search_path = src, so they resolve to dest.
    conn.execute(f"SET LOCAL search_path = {q(dest)}")
    for table, name, _kind, definition in constraints:
        conn.execute(f"ALTER TABLE {q(dest)}.{q(table)} ADD CONSTRAINT {q(name)} {definition}")
    for (definition,) in indexes:
        conn.execute(re.sub(r" ON (ONLY )?\S+?\.", lambda m: f" ON {m.group(1) or ''}{q(dest)}.", definition, count=1))
    for table in tables:
        conn.execute(f"INSERT INTO {q(dest)}.{q(table)} OVERRIDING SYSTEM VALUE SELECT * FROM {q(src)}.{q(table)}")
    for table, column in identities:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "
            f"COALESCE((SELECT max({q(column)}) FROM {q(dest)}.{q(table)}), 0) + 1, false)",
            [f"{q(dest)}.{q(table)}", column],
        )


def profile_clone(conn, notices: list, dest: str) -> tuple[float, dict[str, tuple[int, float]]]:
    conn.execute(
        "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; "
        "SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice; "
        "SET auto_explain.log_format = json"
    )
    conn.commit()
    notices.clear()
    wall = timed(conn, f"SELECT clone_schema('{TEMPLATE}', '{dest}', 'DATA')")
    conn.execute("SET auto_explain.log_min_duration = -1")
    conn.commit()
    agg: dict[str, list] = collections.defaultdict(lambda: [0, 0.0])
    for message in notices:
        if not message.startswith("duration:"):
            continue
        duration = float(message.split()[1])
        found = re.search(r'"Query Text": "(.*?)(\\n|")', message)
        text = re.sub(r"\s+", " ", found.group(1) if found else "?").strip()[:64] or "(plpgsql expressions)"
        if text.startswith("SELECT clone_schema"):
            continue
        agg[text][0] += 1
        agg[text][1] += duration
    return wall, {k: (v[0], v[1]) for k, v in agg.items()}


def run(args) -> int:
    name, admin_url = bench._split_database_url(args.database_url)
    bench._check_name(name)
    os.environ.update(DJANGO_SETTINGS_MODULE="imedia_core.settings", DEBUG="true", DATABASE_URL=args.database_url)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("REDIS_URL", None)
    bench.create_database(admin_url, name)
    print(f"bench database {name!r} created on {urlsplit(args.database_url).netloc}", flush=True)
    try:
        return _profile(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept database {name!r} (--keep)")
        else:
            bench.drop_database(admin_url, name)
            print(f"dropped database {name!r}")


def _profile(args) -> int:
    import django

    django.setup()
    import psycopg
    from django.core.management import call_command
    from django.db import connections
    from django_tenants.clone import CLONE_SCHEMA_FUNCTION

    call_command("migrate", executor="standard", interactive=False, verbosity=0)
    connections.close_all()
    install_sql = CLONE_SCHEMA_FUNCTION.format(db_user=urlsplit(args.database_url).username or "postgres")
    url = args.database_url
    notices: list[str] = []

    def connect():
        new = psycopg.connect(url)
        new.add_notice_handler(lambda diag: notices.append(diag.message_primary or ""))
        return new

    conn = connect()
    line = "-" * 78

    # 1. fixed costs ------------------------------------------------------------------------
    installs = [timed(conn, install_sql) for _ in range(5)]
    with_install = [
        timed(conn, install_sql + f"; SELECT clone_schema('{TEMPLATE}', 'fixed_inst_{i}', 'DATA')") for i in range(3)
    ]
    without = [timed(conn, f"SELECT clone_schema('{TEMPLATE}', 'fixed_only_{i}', 'DATA')") for i in range(3)]
    print(line)
    print("1. fixed costs on a near-empty database (ms, median of runs)")
    print(
        f"   re-install plpgsql functions (done by every CloneSchema.clone_schema call): {statistics.median(installs):7.1f}"
    )
    print(
        f"   re-install + SELECT clone_schema() in one transaction:                  {statistics.median(with_install):7.1f}"
    )
    print(
        f"   SELECT clone_schema() alone (functions installed and compiled):         {statistics.median(without):7.1f}"
    )

    # 2. does the re-install serialise concurrent provisioning? ----------------------------
    other = psycopg.connect(url)
    other.add_notice_handler(lambda diag: None)
    conn.execute(install_sql)  # transaction left open, like provision_tenant's atomic block
    other.execute("SET lock_timeout = '1s'")
    try:
        other.execute(install_sql)
        blocked = "no"
    except psycopg.errors.LockNotAvailable:
        blocked = "yes (lock timeout after 1 s)"
    other.rollback()
    conn.rollback()
    other.close()
    print(f"2. a second transaction re-installing the functions while one is open is blocked: {blocked}")

    # 3. growth ------------------------------------------------------------------------------
    total = args.schemas
    checkpoints = sorted({2, max(2, total // 4), max(2, total // 2), total})
    print(line)
    print(f"3. {total} clones with SELECT clone_schema() (functions installed once, a fresh connection each)")
    times: list[float] = []
    profiles: dict[int, tuple[float, dict]] = {}
    for i in range(1, total + 1):
        dest = f"grow_{i:05d}"
        # A fresh connection per clone: a long-lived one gets slower with every schema it has
        # created (see bench/provisioning.py --same-connection); here only the catalog grows.
        conn.close()
        conn = connect()
        conn.execute("SET search_path = public")
        conn.commit()
        if i in checkpoints:
            wall, agg = profile_clone(conn, notices, dest)
            profiles[i] = (wall, agg)
        else:
            times.append(timed(conn, f"SELECT clone_schema('{TEMPLATE}', '{dest}', 'DATA')"))
        step = max(1, total // 8)
        if i % step == 0 and times:
            window = times[-step:]
            count = conn.execute("SELECT count(*) FROM pg_namespace").fetchone()[0]
            conn.commit()
            print(
                f"   clones up to {i:5d} ({count:5d} schemas): mean {statistics.fmean(window):7.1f} ms, "
                f"min {min(window):7.1f} ms",
                flush=True,
            )
    print(f"   statements inside clone_schema(), ms per clone at N clones (auto_explain, {len(checkpoints)} runs):")
    last = profiles[checkpoints[-1]][1]
    header = "   " + "statement".ljust(66) + "".join(f"{c:>8}" for c in checkpoints)
    print(header)
    for text in sorted(last, key=lambda k: -last[k][1])[:10]:
        cells = "".join(f"{profiles[c][1].get(text, (0, 0.0))[1]:8.1f}" for c in checkpoints)
        calls = last[text][0]
        print("   " + f"{text} ({calls}x)"[:66].ljust(66) + cells)
    planned = "".join(f"{sum(v[1] for v in profiles[c][1].values()):8.1f}" for c in checkpoints)
    walls = "".join(f"{profiles[c][0]:8.1f}" for c in checkpoints)
    counts = "".join(f"{sum(v[0] for v in profiles[c][1].values()):8d}" for c in checkpoints)
    print("   " + "all planned statements (sum)".ljust(66) + planned)
    print("   " + "planned statements (count)".ljust(66) + counts)
    print("   " + "wall time of the profiled clone (with auto_explain overhead)".ljust(66) + walls)

    # 4. reference: minimal clone ----------------------------------------------------------
    lean = []
    for i in range(10):
        start = time.perf_counter()
        lean_clone(conn, TEMPLATE, f"lean_{i:03d}")
        conn.commit()
        lean.append((time.perf_counter() - start) * 1000)
    tail = times[-10:]
    template_names = names(conn, TEMPLATE)
    print(line)
    count = conn.execute("SELECT count(*) FROM pg_namespace").fetchone()[0]
    conn.commit()
    print(
        f"4. at {count} schemas: clone_schema() mean of last 10 {statistics.fmean(tail):7.1f} ms; "
        f"minimal LIKE-based clone mean of 10 {statistics.fmean(lean):7.1f} ms"
    )
    for label, schema in (("clone_schema()", "grow_00001"), ("minimal clone", "lean_000")):
        got = names(conn, schema)
        if got == template_names:
            print(f"   {label}: constraint and index names identical to the template")
        else:
            print(
                f"   {label}: names differ: missing {sorted(template_names - got)}, extra {sorted(got - template_names)}"
            )
    conn.close()
    print(line)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schemas", type=int, default=200, help="clones to make (default 200)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"bench database (default {DEFAULT_URL})")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args(argv)
    if args.schemas < 8:
        parser.error("--schemas must be at least 8")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
