"""Per-tenant background jobs that run next to the dispatcher (webhook deliveries, for one).

A Django app registers its job in ``AppConfig.ready``; the engine (the ``events_worker``
command, or Celery) then runs every job of every active tenant that has the job's plugin
enabled, inside the tenant's schema. A job handles what is due and returns how many items it
handled; it must be safe to run concurrently in several workers (claim rows with
``SKIP LOCKED`` or leases).
"""

from collections.abc import Callable
from dataclasses import dataclass

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
