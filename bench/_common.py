"""Helpers shared by the benchmark scripts: a throw-away database and simple statistics."""

from __future__ import annotations

import math
import statistics
from urllib.parse import urlsplit, urlunsplit

# --- database lifecycle (plain psycopg, before Django is set up) ------------------------------


def _split_database_url(url: str) -> tuple[str, str]:
    """``(bench database name, URL of the server's maintenance database)``."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"--database-url must name a database: {url}")
    admin = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
    return name, admin


def _check_name(name: str) -> None:
    if "bench" not in name or name == "imedia" or name.startswith("test_imedia"):
        raise SystemExit(f"refusing to drop and recreate database {name!r}: its name must contain 'bench'")


BENCH_MARK = "imedia benchmark: throw-away database"


def _admin_execute(admin_url: str, sql: str, params=None):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def _existing_comment(admin_url: str, name: str) -> str | None:
    """None when the database does not exist; its comment ("" for none) when it does."""
    rows = _admin_execute(
        admin_url,
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = %s",
        [name],
    )
    return rows[0][0] if rows else None


def create_database(admin_url: str, name: str) -> None:
    """A fresh database for one run. A database of that name is dropped only when a benchmark
    made it (its comment says so); any other is dropped only after the person says yes."""
    comment = _existing_comment(admin_url, name)
    if comment is not None and comment != BENCH_MARK:
        import sys

        question = (
            f"La base « {name} » existe et n'a pas été créée par un benchmark d'imedia. "
            "La supprimer et la recréer ? [o/N] "
        )
        if not sys.stdin.isatty():
            raise SystemExit(
                question.split(" La supprimer")[0] + " Refus de la supprimer : choisissez un autre --database-url."
            )
        if input(question).strip().lower() not in {"o", "oui", "y", "yes"}:
            raise SystemExit("Rien n'a été supprimé.")
    _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    _admin_execute(admin_url, f"COMMENT ON DATABASE \"{name}\" IS '{BENCH_MARK}'")


def drop_database(admin_url: str, name: str) -> None:
    if _existing_comment(admin_url, name) in (None, BENCH_MARK):
        _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- statistics -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "mean": statistics.fmean(values),
        "median": statistics.median(values),
        "p95": percentile(values, 95),
        "max": max(values),
        "min": min(values),
        "total": sum(values),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


# --- the bench's own space (Django set up) -----------------------------------------------------


def migrate_and_provision(slug: str, name: str, template: str = "vierge"):
    """Migrate the throw-away database and provision one space in it; returns its Tenant row,
    with the connection back on the public schema."""
    from django.core.management import call_command
    from django.db import connection

    from imedia_core.context import Channel, ServiceContext
    from tenants.models import Tenant
    from tenants.provisioning import TenantSpec, provision_tenant

    call_command("migrate", interactive=False, verbosity=0, executor="standard")
    provision_tenant(ServiceContext.system(Channel.CLI), TenantSpec(slug=slug, name=name, template=template))
    connection.set_schema_to_public()
    return Tenant.objects.get(schema_name=slug)
