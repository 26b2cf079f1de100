"""The Celery engine end to end, eagerly (no broker): a committed event reaches the receiver
through the dispatch task and the tenant's delivery job, signed."""

from django.db import transaction
from django_tenants.utils import schema_context

from imedia_core.celery import app
from imedia_core.events.outbox import emit
from plugins.webhooks.models import Delivery, DeliveryStatus


def test_a_commit_reaches_the_receiver_through_celery(
    tenant_a, subscribe, receiver, settings, django_capture_on_commit_callbacks
):
    settings.IMEDIA_EVENTS_ENGINE = "celery"
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    try:
        subscribe(receiver.url, events=["commitment.*"])
        with schema_context("alpha"):
            with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
                event = emit("commitment.created", {"due": "2026-12-31"})
            delivery = Delivery.objects.get()
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = previous
    assert delivery.status == DeliveryStatus.SUCCEEDED
    [request] = receiver.requests
    assert request["verified"] and request["headers"]["Idempotency-Key"] == str(event.event_id)
    assert request["json"]["tenant"] == "alpha"
