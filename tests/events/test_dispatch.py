"""The dispatcher and the polling worker: order, at least once, failures and retries,
disabled plugins, tenant isolation, the management command."""

import io
import random
from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.events.backoff import backoff_delay
from imedia_core.events.dispatch import dispatch_pending
from imedia_core.events.models import OutboxEvent
from imedia_core.events.outbox import emit
from imedia_core.events.worker import run_once


def emit_in(schema, *types):
    with schema_context(schema):
        return [emit(t, {"n": i}) for i, t in enumerate(types)]


def test_events_are_dispatched_once_in_order_inside_their_schema(tenant_a, recorder):
    emit_in("alpha", "contribution.submitted", "contribution.published", "comment.published")
    report = run_once([tenant_a])
    assert report["alpha"].dispatched == 3 and report["alpha"].failed == 0
    assert recorder.types() == ["contribution.submitted", "contribution.published", "comment.published"]
    assert {(c[0], c[1]) for c in recorder.calls} == {("alpha", "alpha")}
    with schema_context("alpha"):
        assert not OutboxEvent.objects.filter(dispatched_at__isnull=True).exists()
    # Dispatched events are not handed over again.
    assert run_once([tenant_a])["alpha"].dispatched == 0
    assert len(recorder.calls) == 3


def test_dispatch_claims_rows_with_skip_locked(tenant_a, recorder):
    emit_in("alpha", "resource.published")
    with CaptureQueriesContext(connection) as queries:
        dispatch_pending(tenant_a)
    assert any("FOR UPDATE SKIP LOCKED" in q["sql"] for q in queries.captured_queries)


def test_a_failing_hook_is_recorded_retried_later_and_does_not_block_others(tenant_a, recorder):
    recorder.fail_on.add("commitment.created")
    failing, ok = emit_in("alpha", "commitment.created", "commitment.updated")
    result = dispatch_pending(tenant_a)
    assert (result.dispatched, result.failed) == (1, 1)
    with schema_context("alpha"):
        failing.refresh_from_db()
        ok.refresh_from_db()
    assert ok.dispatched_at is not None
    assert failing.dispatched_at is None and failing.attempts == 1
    assert "le greffon refuse commitment.created" in failing.last_error
    assert failing.next_attempt_at > timezone.now()
    # Not due yet: the next pass leaves it alone.
    assert dispatch_pending(tenant_a).failed == 0
    # Once due, it is retried; the receiver got it twice in all (at least once).
    recorder.fail_on.clear()
    with time_machine.travel(failing.next_attempt_at + timedelta(seconds=1)):
        assert dispatch_pending(tenant_a).dispatched == 1
    with schema_context("alpha"):
        failing.refresh_from_db()
    assert failing.dispatched_at is not None and failing.attempts == 1
    assert recorder.types().count("commitment.created") == 2


def test_a_worker_killed_in_the_hook_leaves_the_event_pending(tenant_a, recorder):
    recorder.interrupt_on.add("diagnostic_run.closed")
    first, killed = emit_in("alpha", "practice.shared", "diagnostic_run.closed")
    try:
        run_once([tenant_a])
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the interruption must stop the worker")
    with schema_context("alpha"):
        # The whole batch rolled back: nothing is marked, nothing counted as a failure.
        assert OutboxEvent.objects.filter(pk__in=[first.pk, killed.pk], dispatched_at__isnull=True).count() == 2
        assert OutboxEvent.objects.get(pk=killed.pk).attempts == 0
    recorder.interrupt_on.clear()
    assert run_once([tenant_a])["alpha"].dispatched == 2
    assert recorder.types() == ["practice.shared", "diagnostic_run.closed", "practice.shared", "diagnostic_run.closed"]


def test_plugins_disabled_by_the_tenant_are_skipped(tenant_a, recorder):
    tenant_a.plugin_settings = {"recorder": {"enabled": False}}
    tenant_a.save(update_fields=["plugin_settings"])
    emit_in("alpha", "response.published")
    assert run_once([tenant_a])["alpha"].dispatched == 1
    assert recorder.calls == []


def test_each_tenant_gets_only_its_own_events(tenant_a, tenant_b, recorder):
    emit_in("alpha", "contribution.withdrawn")
    emit_in("beta", "practice.unpublished")
    report = run_once([tenant_a, tenant_b])
    assert report["alpha"].dispatched == 1 and report["beta"].dispatched == 1
    assert recorder.types("alpha") == ["contribution.withdrawn"]
    assert recorder.types("beta") == ["practice.unpublished"]
    assert all(tenant == schema for tenant, schema, *_ in recorder.calls)


def test_suspended_tenants_keep_their_events_until_reactivated(tenant_a, tenant_b, recorder):
    tenant_b.status = "suspended"
    tenant_b.save(update_fields=["status"])
    emit_in("beta", "contribution.published")
    report = run_once()
    assert "beta" not in report and "alpha" in report
    with schema_context("beta"):
        assert OutboxEvent.objects.filter(dispatched_at__isnull=True).count() == 1


def test_events_worker_command_once(tenant_a, recorder):
    emit_in("alpha", "commitment.status_changed")
    out = io.StringIO()
    call_command("events_worker", "--once", "--tenant", "alpha", stdout=out)
    assert "alpha : 1 événement(s) distribué(s), 0 en échec" in out.getvalue()
    assert recorder.types() == ["commitment.status_changed"]


def test_events_worker_refuses_unknown_tenants(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="inconnu"):
        call_command("events_worker", "--once", "--tenant", "nulle-part")


def test_backoff_grows_exponentially_with_bounded_jitter():
    rng = random.Random(4)
    delays = [backoff_delay(n, base=10, cap=3600, jitter=0, rng=rng).total_seconds() for n in range(1, 11)]
    assert delays[:5] == [10, 20, 40, 80, 160]
    assert max(delays) == 3600
    jittered = [backoff_delay(3, base=10, cap=3600, rng=rng).total_seconds() for _ in range(200)]
    assert min(jittered) >= 32 and max(jittered) <= 48 and len(set(jittered)) > 100
    assert backoff_delay(30, base=10, cap=100, rng=rng).total_seconds() <= 100


def test_run_forever_polls_until_stopped(monkeypatch):
    import threading

    from imedia_core.events import worker

    stop = threading.Event()
    passes = []

    def fake_pass(tenants, jobs=True, heartbeat=None):
        passes.append(list(tenants))
        if len(passes) == 3:
            stop.set()
        return {"alpha": worker.TenantPass(dispatched=1 if len(passes) == 1 else 0)}

    waits = []
    monkeypatch.setattr(worker, "run_once", fake_pass)
    monkeypatch.setattr(worker, "active_tenants", lambda: _NoTenants())
    monkeypatch.setattr(stop, "wait", lambda timeout: waits.append(timeout))
    worker.run_forever(interval=7, stop=stop)
    # A busy pass is followed at once by another; idle ones wait the interval.
    assert len(passes) == 3 and waits == [7, 7]


class _NoTenants(list):
    def filter(self, **kwargs):
        return self
