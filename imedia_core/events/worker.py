"""The polling worker: dispatch every active tenant's outbox, then run its jobs.

``run_once()`` is one pass (what ``imedia events_worker --once`` and the tests call, inside any
transaction); ``run_forever()`` loops with a poll interval until asked to stop. Several workers
can run at once: the dispatcher and the jobs claim rows with ``SKIP LOCKED`` or leases.
"""

import logging
import threading
from dataclasses import dataclass, field

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


def run_once(tenants=None, *, jobs: bool = True) -> dict[str, TenantPass]:
    """One pass over ``tenants`` (default: every active tenant); returns what each one did."""
    report: dict[str, TenantPass] = {}
    for tenant in tenants if tenants is not None else active_tenants():
        try:
            report[tenant.schema_name] = run_tenant(tenant, jobs=jobs)
        except Exception:
            # One broken tenant (a schema mid-migration, say) must not stop the others.
            logger.exception("event pass failed for %s", tenant.schema_name)
    return report


def run_forever(*, interval: float | None = None, stop: threading.Event | None = None, slugs=None) -> None:
    """Pass after pass until ``stop`` is set. A busy pass is followed at once by another one; an
    idle one waits ``interval`` seconds (``IMEDIA_EVENTS_WORKER_INTERVAL``)."""
    interval = settings.IMEDIA_EVENTS_WORKER_INTERVAL if interval is None else interval
    stop = stop or threading.Event()
    while not stop.is_set():
        tenants = active_tenants()
        if slugs:
            tenants = tenants.filter(schema_name__in=slugs)
        report = run_once(tenants)
        if not any(p.busy for p in report.values()):
            stop.wait(interval)
