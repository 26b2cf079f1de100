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


def _admin_execute(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


def create_database(admin_url: str, name: str) -> None:
    _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin_execute(admin_url, f'CREATE DATABASE "{name}"')


def drop_database(admin_url: str, name: str) -> None:
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
