"""Celery tasks of the events engine (``IMEDIA_EVENTS_ENGINE=celery``).

Tenant-aware (tenant-schemas-celery): a task sent from a tenant's schema, or with the header
``_schema_name``, runs in that schema. ``sweep`` runs in the public schema on the beat schedule
(``IMEDIA_EVENTS_SWEEP_SECONDS``) and enqueues a dispatch and the jobs of every active tenant,
so an event whose message was lost (broker outage, worker crash) still leaves.
"""

import logging

from django.db import connection

from imedia_core.celery import app

from .dispatch import dispatch_pending
from .jobs import get_job, jobs_for
from .worker import active_tenants

logger = logging.getLogger("imedia.events")


def _current_tenant():
    """The active tenant whose schema the task runs in, or None (public schema, inactive)."""
    return active_tenants().filter(schema_name=connection.schema_name).first()


@app.task(name="imedia.events.dispatch", ignore_result=True)
def dispatch_tenant_events() -> int:
    tenant = _current_tenant()
    if tenant is None:
        return 0
    result = dispatch_pending(tenant)
    if result.dispatched:
        # Plugins' writes (deliveries...) are committed: let their jobs pick them up now.
        for job in jobs_for(tenant):
            run_tenant_job.apply_async(args=[job.name], headers={"_schema_name": tenant.schema_name})
    return result.dispatched


@app.task(name="imedia.events.run_job", ignore_result=True)
def run_tenant_job(name: str) -> int:
    tenant = _current_tenant()
    job = get_job(name)
    if tenant is None or job is None or job not in jobs_for(tenant):
        return 0
    return job.run(tenant) or 0


@app.task(name="imedia.events.sweep", ignore_result=True)
def sweep() -> int:
    tenants = list(active_tenants())
    for tenant in tenants:
        headers = {"_schema_name": tenant.schema_name}
        dispatch_tenant_events.apply_async(headers=headers)
        for job in jobs_for(tenant):
            run_tenant_job.apply_async(args=[job.name], headers=headers)
    return len(tenants)
