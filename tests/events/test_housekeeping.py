"""Housekeeping jobs the workers run per tenant: the outbox's retention, unclaimed uploads, and
the "at most once an hour" wrapper they share."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.events.jobs import every, get_job, jobs_for
from imedia_core.events.models import OutboxEvent
from imedia_core.events.outbox import emit
from imedia_core.events.retention import purge_dispatched
from imedia_core.events.worker import run_once


def test_dispatched_events_past_retention_are_purged_and_pending_ones_never(tenant_a, tenant_b, settings):
    settings.IMEDIA_EVENTS_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    with schema_context("alpha"):
        expired = emit("contribution.submitted", {"n": 1})
        recent = emit("contribution.submitted", {"n": 2})
        stuck = emit("contribution.submitted", {"n": 3})
        OutboxEvent.objects.filter(pk=expired.pk).update(created_at=old, dispatched_at=old)
        OutboxEvent.objects.filter(pk=recent.pk).update(dispatched_at=timezone.now() - timedelta(days=2))
        OutboxEvent.objects.filter(pk=stuck.pk).update(created_at=old)  # never dispatched
    with schema_context("beta"):
        other = emit("contribution.submitted", {"n": 4})
        OutboxEvent.objects.filter(pk=other.pk).update(created_at=old, dispatched_at=old)
    with schema_context("alpha"):
        assert purge_dispatched(tenant_a) == 1
        assert set(OutboxEvent.objects.values_list("pk", flat=True)) == {recent.pk, stuck.pk}
    with schema_context("beta"):  # the purge ran in alpha's schema only
        assert OutboxEvent.objects.filter(pk=other.pk).exists()


def test_retention_zero_keeps_everything(tenant_a, settings):
    settings.IMEDIA_EVENTS_RETENTION_DAYS = 0
    with schema_context("alpha"):
        event = emit("contribution.submitted", {})
        OutboxEvent.objects.filter(pk=event.pk).update(dispatched_at=timezone.now() - timedelta(days=400))
        assert purge_dispatched(tenant_a) == 0
        assert OutboxEvent.objects.filter(pk=event.pk).exists()


def test_periodic_jobs_run_once_per_period_and_per_tenant(tenant_a, tenant_b):
    calls = []
    job = every(3600, "test.hourly", lambda tenant: calls.append(tenant.schema_name) or 1)
    with schema_context("alpha"):
        assert job(tenant_a) == 1
        assert job(tenant_a) == 0  # within the hour: skipped
    with schema_context("beta"):
        assert job(tenant_b) == 1  # each tenant has its own rhythm
    assert calls == ["alpha", "beta"]
    cache.clear()  # the period is over
    with schema_context("alpha"):
        assert job(tenant_a) == 1


def test_the_workers_run_the_housekeeping_jobs(tenant_a, settings):
    names = {job.name for job in jobs_for(tenant_a)}
    assert {"events.purge_dispatched", "participation.purge_unclaimed_attachments"} <= names
    settings.IMEDIA_EVENTS_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=45)
    with schema_context("alpha"):
        event = emit("contribution.submitted", {})
        OutboxEvent.objects.filter(pk=event.pk).update(created_at=old, dispatched_at=old)
    run_once([tenant_a])
    with schema_context("alpha"):
        assert not OutboxEvent.objects.filter(pk=event.pk).exists()
    assert get_job("events.purge_dispatched").plugin is None  # core job: no plugin switch
