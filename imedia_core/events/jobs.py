"""Per-tenant background jobs that run next to the dispatcher (webhook deliveries, for one).

A Django app registers its job in ``AppConfig.ready``; the engine (the ``events_worker``
command, or Celery) then runs every job of every active tenant that has the job's plugin
enabled, inside the tenant's schema. A job handles what is due and returns how many items it
handled; it must be safe to run concurrently in several workers (claim rows with
``SKIP LOCKED`` or leases).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from imedia_core.pluginhost.manager import is_plugin_enabled


@dataclass(frozen=True)
class TenantJob:
    name: str
    run: Callable  # run(tenant) -> int, called inside the tenant's schema
    plugin: str | None = None  # the plugin whose per-tenant switch gates the job


_jobs: dict[str, TenantJob] = {}


def register_job(name: str, run: Callable, *, plugin: str | None = None) -> TenantJob:
    job = TenantJob(name=name, run=run, plugin=plugin)
    _jobs[name] = job
    return job


def get_job(name: str) -> TenantJob | None:
    return _jobs.get(name)


def jobs_for(tenant) -> list[TenantJob]:
    """The jobs that apply to ``tenant``: those of the core and of the plugins it enabled."""
    return [job for job in _jobs.values() if job.plugin is None or is_plugin_enabled(tenant, job.plugin)]


def every(seconds: int, name: str, run: Callable) -> Callable:
    """``run`` at most once per ``seconds`` per tenant, however often workers pass (housekeeping
    jobs). The mark lives in the shared cache under the tenant's schema; without a shared cache
    each worker process keeps its own rhythm, which only repeats cheap, idempotent work."""

    def periodic(tenant) -> int:
        if not cache.add(f"events:job-ran:{connection.schema_name}:{name}", 1, timeout=seconds):
            return 0
        return run(tenant)

    periodic.__name__ = f"every_{seconds}s_{name}"
    return periodic
