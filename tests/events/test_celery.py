"""The Celery engine, run eagerly (no broker): a commit enqueues its tenant's dispatch, tasks run
in the sender's schema, the periodic sweep catches up on every active tenant."""

import pytest
from django.db import connection, transaction
from django_tenants.utils import schema_context

from imedia_core.celery import app
from imedia_core.events import tasks
from imedia_core.events.jobs import register_job
from imedia_core.events.models import OutboxEvent
from imedia_core.events.outbox import emit


@pytest.fixture
def celery_engine(settings):
    settings.IMEDIA_EVENTS_ENGINE = "celery"
    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


def test_the_app_is_tenant_aware_and_knows_the_tasks(celery_engine):
    assert type(app).__name__ == "CeleryApp"
    for name in ("imedia.events.dispatch", "imedia.events.run_job", "imedia.events.sweep"):
        assert name in app.tasks
    assert app.conf.beat_schedule["imedia-events-sweep"]["task"] == "imedia.events.sweep"


def test_a_commit_enqueues_the_dispatch_of_its_tenant(
    tenant_a, recorder, celery_engine, django_capture_on_commit_callbacks
):
    with schema_context("alpha"):
        with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
            event = emit("contribution.published", {"kind": "proposal"})
        assert len(callbacks) == 1
        event.refresh_from_db()
    assert event.dispatched_at is not None
    assert recorder.calls == [("alpha", "alpha", "contribution.published", event.event_id)]
    assert connection.schema_name == "public"  # the task restored the schema it found


def test_a_rolled_back_transaction_enqueues_nothing(
    tenant_a, recorder, celery_engine, django_capture_on_commit_callbacks
):
    with (
        schema_context("alpha"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        emit("contribution.published", {})
        raise RuntimeError
    assert callbacks == [] and recorder.calls == []


def test_a_broker_outage_does_not_fail_the_commit(
    tenant_a, celery_engine, django_capture_on_commit_callbacks, monkeypatch
):
    def down(*args, **kwargs):
        raise ConnectionError("broker injoignable")

    monkeypatch.setattr(tasks.dispatch_tenant_events, "apply_async", down)
    with schema_context("alpha"):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            event = emit("resource.published", {})
        assert OutboxEvent.objects.get(pk=event.pk).dispatched_at is None  # left for the sweep


def test_the_sweep_dispatches_every_active_tenant_and_runs_their_jobs(tenant_a, tenant_b, recorder, celery_engine):
    ran = []
    register_job("test.note", lambda tenant: ran.append((tenant.schema_name, connection.schema_name)) or 1)
    try:
        with schema_context("alpha"):
            emit("commitment.created", {})  # no on_commit here: as if the message had been lost
        with schema_context("beta"):
            emit("commitment.updated", {})
        assert connection.schema_name == "public"
        assert tasks.sweep.delay().get() >= 2
    finally:
        from imedia_core.events import jobs

        jobs._jobs.pop("test.note", None)
    assert ("alpha", "alpha", "commitment.created") in [c[:3] for c in recorder.calls]
    assert ("beta", "beta", "commitment.updated") in [c[:3] for c in recorder.calls]
    assert ("alpha", "alpha") in ran and ("beta", "beta") in ran


def test_tasks_sent_to_an_inactive_tenant_do_nothing(tenant_b, recorder, celery_engine):
    with schema_context("beta"):
        emit("practice.shared", {})
    tenant_b.status = "archived"
    tenant_b.save(update_fields=["status"])
    result = tasks.dispatch_tenant_events.apply_async(headers={"_schema_name": "beta"})
    assert result.get() == 0 and recorder.calls == []
