"""Which engine carries events out of the process: Celery or the polling worker.

``IMEDIA_EVENTS_ENGINE`` is ``celery`` when a broker is configured (``CELERY_BROKER_URL``, or
``REDIS_URL``), else ``worker`` (``imedia events_worker``). With Celery, a committed transaction
that emitted events enqueues a dispatch task for its tenant right away and a periodic sweep
catches anything a lost message missed; with the worker, the command polls.
"""

import logging

from django.conf import settings

logger = logging.getLogger("imedia.events")


def uses_celery() -> bool:
    return settings.IMEDIA_EVENTS_ENGINE == "celery"


def schedule_dispatch(schema_name: str) -> None:
    """Enqueue the dispatch of one tenant's outbox (Celery engine). Never raises: a broker outage
    must not fail the request whose transaction just committed; the sweep will catch up."""
    try:
        from .tasks import dispatch_tenant_events  # Celery is an optional extra: loaded only by its engine

        dispatch_tenant_events.apply_async(headers={"_schema_name": schema_name})
    except Exception:
        logger.exception("could not enqueue the event dispatch of %s; the periodic sweep will", schema_name)


def schedule_job(name: str, schema_name: str, *, countdown: float | None = None) -> None:
    """Enqueue one run of a tenant job (Celery engine); a no-op with the polling worker, which
    runs every job on each pass anyway."""
    if not uses_celery():
        return
    try:
        from .tasks import run_tenant_job  # Celery is an optional extra: loaded only by its engine

        run_tenant_job.apply_async(args=[name], headers={"_schema_name": schema_name}, countdown=countdown)
    except Exception:
        logger.exception("could not enqueue job %s of %s; the periodic sweep will", name, schema_name)
