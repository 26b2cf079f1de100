"""The polling worker: dispatch every active tenant's outbox, then run its jobs.

``run_once()`` is one pass (what ``imedia events_worker --once`` and the tests call, inside any
transaction); ``run_forever()`` loops with a poll interval until asked to stop. Several workers
can run at once: the dispatcher and the jobs claim rows with ``SKIP LOCKED`` or leases.
A ``Heartbeat`` file, touched before each pass and each tenant, lets a liveness probe tell a
worker that makes progress from a stuck one (deploy/k8s/worker.yaml).
"""

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django_tenants.utils import tenant_context

from tenants.models import Tenant, TenantStatus

from .dispatch import dispatch_pending
from .jobs import jobs_for

logger = logging.getLogger("imedia.events")


@dataclass
class TenantPass:
    dispatched: int = 0
    failed: int = 0
    jobs: dict[str, int] = field(default_factory=dict)

    @property
    def busy(self) -> bool:
        return bool(self.dispatched or self.failed or any(self.jobs.values()))


class Heartbeat:
    """A file whose modification time says when the worker last made progress."""

    def __init__(self, path):
        self.path = Path(path)

    def beat(self) -> None:
        try:
            self.path.touch()
        except OSError:
            # A probe will notice; the work itself must go on.
            logger.warning("heartbeat file %s cannot be touched", self.path, exc_info=True)


def active_tenants():
    """Programme spaces whose events leave: active ones (a suspended or archived tenant keeps its
    outbox until it is reactivated)."""
    return Tenant.objects.programmes().filter(status=TenantStatus.ACTIVE).order_by("pk")


def run_tenant(tenant, *, jobs: bool = True) -> TenantPass:
    """Dispatch one tenant's due events, then run its jobs. An ``Exception`` in a job is logged
    and the next job runs; anything else (KeyboardInterrupt, SystemExit) stops the pass."""
    result = dispatch_pending(tenant)
    outcome = TenantPass(dispatched=result.dispatched, failed=result.failed)
    if jobs:
        with tenant_context(tenant):
            for job in jobs_for(tenant):
                try:
                    outcome.jobs[job.name] = job.run(tenant) or 0
                except Exception:
                    logger.exception("job %s failed in %s", job.name, tenant.schema_name)
                    outcome.jobs[job.name] = 0
    return outcome


def run_once(tenants=None, *, jobs: bool = True, heartbeat: Heartbeat | None = None) -> dict[str, TenantPass]:
    """One pass over ``tenants`` (default: every active tenant); returns what each one did."""
    report: dict[str, TenantPass] = {}
    for tenant in tenants if tenants is not None else active_tenants():
        if heartbeat is not None:
            heartbeat.beat()
        try:
            report[tenant.schema_name] = run_tenant(tenant, jobs=jobs)
        except Exception:
            # One broken tenant (a schema mid-migration, say) must not stop the others.
            logger.exception("event pass failed for %s", tenant.schema_name)
    return report


def run_forever(
    *,
    interval: float | None = None,
    stop: threading.Event | None = None,
    slugs=None,
    heartbeat: Heartbeat | None = None,
) -> None:
    """Pass after pass until ``stop`` is set. A busy pass is followed at once by another one; an
    idle one waits ``interval`` seconds (``IMEDIA_EVENTS_WORKER_INTERVAL``). ``heartbeat`` is
    touched before each pass and each tenant."""
    interval = settings.IMEDIA_EVENTS_WORKER_INTERVAL if interval is None else interval
    stop = stop or threading.Event()
    while not stop.is_set():
        if heartbeat is not None:
            heartbeat.beat()
        tenants = active_tenants()
        if slugs:
            tenants = tenants.filter(schema_name__in=slugs)
        report = run_once(tenants, heartbeat=heartbeat)
        if not any(p.busy for p in report.values()):
            stop.wait(interval)
