"""Deliveries to a real local HTTP receiver: signatures, envelope, retries with backoff, giving
up, automatic disabling, worker crash and resume, idempotency, tenant isolation."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from plugins.webhooks import delivery as delivery_module
from plugins.webhooks import services
from plugins.webhooks.models import Delivery, DeliveryStatus, Subscription

from .conftest import SECRET, STAFF, emit_in, work


def configure(tenant, **config):
    tenant.plugin_settings = {"webhooks": {"enabled": True, "config": config}}
    tenant.save(update_fields=["plugin_settings"])


def deliveries(schema="alpha"):
    with schema_context(schema):
        return list(Delivery.objects.select_related("subscription").order_by("id"))


def test_a_real_receiver_gets_a_signed_envelope(tenant_a, subscribe, receiver):
    subscription = subscribe(receiver.url, events=["contribution.*"])
    event = emit_in("alpha", "contribution.published", {"kind": "proposal", "phase": 2})
    emit_in("alpha", "resource.published", {"title": "Pas pour cet abonnement"})
    report = work(tenant_a)
    # The subscription's own creation (webhooks.subscription_created), then the two events.
    assert report["alpha"].dispatched == 3 and report["alpha"].jobs["webhooks.deliver"] == 1

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["verified"]
    headers = request["headers"]
    delivery = deliveries()[0]
    assert headers["X-Imedia-Event"] == "contribution.published"
    assert headers["Idempotency-Key"] == headers["X-Imedia-Event-Id"] == str(event.event_id)
    assert headers["X-Imedia-Delivery"] == str(delivery.uuid)
    assert headers["X-Imedia-Attempt"] == "1" and headers["X-Imedia-Tenant"] == "alpha"
    assert headers["X-Imedia-Signature"].startswith(f"t={headers['X-Imedia-Timestamp']},v1=")
    assert headers["Content-Type"] == "application/json"
    body = request["json"]
    assert body["id"] == str(event.event_id) and body["type"] == "contribution.published"
    assert body["tenant"] == "alpha" and body["data"] == {"kind": "proposal", "phase": 2}
    assert body["occurredAt"].endswith("Z") and body["subject"] is None

    assert delivery.subscription == subscription and delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempts == 1 and delivery.last_status_code == 200 and delivery.delivered_at
    with schema_context("alpha"):
        [attempt] = delivery.attempt_log.all()
    assert attempt.succeeded and attempt.status_code == 200 and '"recu": true' in attempt.response_body
    # Nothing left to do: a second pass sends nothing.
    assert work(tenant_a)["alpha"].jobs["webhooks.deliver"] == 0
    assert len(receiver.requests) == 1


def test_failures_are_retried_with_backoff_until_success(tenant_a, subscribe, receiver):
    configure(tenant_a, backoff_base_seconds=60, backoff_max_seconds=600)
    subscribe(receiver.url)
    receiver.statuses = [500, 503]
    emit_in("alpha", "commitment.created")
    work(tenant_a)
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert delivery.last_status_code == 500 and delivery.last_error == "Réponse HTTP 500."
    first_delay = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 40 <= first_delay <= 75  # 60 s ± 20 % jitter
    work(tenant_a)  # not due yet
    assert len(receiver.requests) == 1

    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        work(tenant_a)
        [delivery] = deliveries()
        second_delay = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert delivery.attempts == 2 and 90 <= second_delay <= 150  # 120 s ± 20 %
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        work(tenant_a)
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 3
    with schema_context("alpha"):
        log = [(a.number, a.status_code, a.succeeded) for a in delivery.attempt_log.all()]
        assert Subscription.objects.get().consecutive_failures == 0
    assert log == [(1, 500, False), (2, 503, False), (3, 200, True)]
    assert [r["headers"]["X-Imedia-Attempt"] for r in receiver.requests] == ["1", "2", "3"]
    assert len({r["headers"]["Idempotency-Key"] for r in receiver.requests}) == 1
    assert all(r["verified"] for r in receiver.requests)


def test_a_delivery_is_given_up_after_the_maximum_attempts(tenant_a, subscribe, receiver):
    configure(tenant_a, max_attempts=2, backoff_base_seconds=1)
    subscribe(receiver.url)
    receiver.statuses = [500, 500, 500]
    emit_in("alpha", "response.published")
    work(tenant_a)
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        work(tenant_a)
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        work(tenant_a)
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2 and delivery.next_attempt_at is None
    assert len(receiver.requests) == 2


def test_a_subscription_is_disabled_after_consecutive_failures_with_an_audit_entry(tenant_a, subscribe, receiver):
    configure(tenant_a, max_consecutive_failures=2, backoff_base_seconds=1)
    subscription = subscribe(receiver.url)
    receiver.statuses = [500, 502]
    emit_in("alpha", "contribution.submitted")
    emit_in("alpha", "contribution.submitted")
    work(tenant_a)
    with schema_context("alpha"):
        subscription.refresh_from_db()
        entry = AuditEntry.objects.filter(action="webhooks.subscription_disabled").get()
        event = OutboxEvent.objects.get(type="webhooks.subscription_disabled")
    assert event.payload == {"id": subscription.pk, "consecutive_failures": 2, "gone": False}
    assert not subscription.is_active and subscription.consecutive_failures == 2
    assert subscription.disabled_at and "2 échecs consécutifs" in subscription.disabled_reason
    assert entry.target_id == str(subscription.pk) and entry.via == "job"
    # Later events are not queued for it, and its pending deliveries wait (nothing is lost).
    emit_in("alpha", "contribution.submitted")
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        work(tenant_a)
    assert len(receiver.requests) == 2
    assert [d.status for d in deliveries()] == [DeliveryStatus.PENDING] * 2
    # Re-activated: the failure count is cleared and the waiting deliveries go out.
    with schema_context("alpha"):
        services.update_subscription(STAFF, subscription, {"is_active": True})
        subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0 and subscription.disabled_reason == ""
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        work(tenant_a)
    assert [d.status for d in deliveries()] == [DeliveryStatus.SUCCEEDED] * 2


def test_a_410_gone_disables_the_subscription_at_once(tenant_a, subscribe, receiver):
    subscription = subscribe(receiver.url)
    receiver.statuses = [410]
    emit_in("alpha", "practice.shared")
    work(tenant_a)
    with schema_context("alpha"):
        subscription.refresh_from_db()
    assert not subscription.is_active and "410" in subscription.disabled_reason


def test_a_worker_killed_after_the_post_loses_nothing(tenant_a, subscribe, receiver, monkeypatch):
    """Killed between the receiver's answer and the bookkeeping: the lease expires, another
    worker sends again, the receiver sees the same idempotency key twice (at least once)."""
    subscribe(receiver.url)
    event = emit_in("alpha", "commitment.status_changed", {"status": "done"})
    real_finish = delivery_module.finish

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies here

    monkeypatch.setattr(delivery_module, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        work(tenant_a)
    assert len(receiver.requests) == 1
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0
    assert delivery.locked_until > timezone.now()

    monkeypatch.setattr(delivery_module, "finish", real_finish)
    work(tenant_a)  # the lease still holds: a second worker leaves it alone
    assert len(receiver.requests) == 1
    with time_machine.travel(delivery.locked_until + timedelta(seconds=1)):
        work(tenant_a)
    assert len(receiver.requests) == 2
    first, second = receiver.requests
    assert first["headers"]["Idempotency-Key"] == second["headers"]["Idempotency-Key"] == str(event.event_id)
    assert first["headers"]["X-Imedia-Delivery"] == second["headers"]["X-Imedia-Delivery"]
    assert first["body"] == second["body"] and second["verified"]
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.locked_until is None


def test_the_event_hook_is_idempotent(tenant_a, subscribe, receiver):
    subscribe(receiver.url)
    event = emit_in("alpha", "diagnostic_run.closed")
    with schema_context("alpha"):
        assert services.enqueue_deliveries(event) == 1
        assert services.enqueue_deliveries(event) == 0
        assert Delivery.objects.filter(event=event).count() == 1


def test_a_subscription_of_alpha_never_receives_events_of_beta(tenant_a, tenant_b, subscribe, receiver):
    subscribe(receiver.url, tenant="alpha")
    emit_in("beta", "contribution.published", {"secret_de_beta": True})
    report = work(tenant_a, tenant_b)
    assert report["beta"].dispatched == 1
    assert receiver.requests == [] and deliveries("alpha") == [] and deliveries("beta") == []
    emit_in("alpha", "contribution.published")
    work(tenant_a, tenant_b)
    assert [r["json"]["tenant"] for r in receiver.requests] == ["alpha"]


def test_a_tenant_that_disabled_the_plugin_gets_no_deliveries(tenant_a, subscribe, receiver):
    subscribe(receiver.url)
    tenant_a.plugin_settings = {"webhooks": {"enabled": False}}
    tenant_a.save(update_fields=["plugin_settings"])
    emit_in("alpha", "contribution.published")
    report = work(tenant_a)
    # The subscription's creation and the event: dispatched to the core, not to the plugin.
    assert report["alpha"].dispatched == 2 and "webhooks.deliver" not in report["alpha"].jobs
    assert deliveries() == [] and receiver.requests == []


def test_a_slow_receiver_times_out_and_is_retried(tenant_a, subscribe, httpserver):
    import time

    from werkzeug import Response

    configure(tenant_a, timeout_seconds=1)

    def slow(request):
        time.sleep(1.5)
        return Response("trop tard")

    httpserver.expect_request("/lent", method="POST").respond_with_handler(slow)
    subscribe(httpserver.url_for("/lent"))
    emit_in("alpha", "comment.published")
    work(tenant_a)
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_error == "Délai dépassé."
    assert delivery.last_status_code is None and delivery.next_attempt_at > timezone.now()


def test_private_addresses_are_refused_in_production(tenant_a, subscribe, receiver, settings):
    subscription = subscribe(receiver.url)  # made while allowed (as in development)
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    emit_in("alpha", "contribution.published")
    work(tenant_a)
    assert receiver.requests == []
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.PENDING and "privées" in delivery.last_error
    with schema_context("alpha"), pytest.raises(Exception) as refused:
        services.update_subscription(STAFF, subscription, {"url": "http://10.0.0.8/hook"})
    assert refused.value.code == "URL_NOT_ALLOWED"


def test_rotation_signs_with_both_secrets_during_the_grace_period(tenant_a, subscribe, receiver):
    subscription = subscribe(receiver.url)
    with schema_context("alpha"):
        new_secret = services.rotate_secret(STAFF, subscription)
    assert new_secret.startswith("whsec_") and new_secret != SECRET
    emit_in("alpha", "resource.published")
    work(tenant_a)
    from plugins.webhooks.signing import verify

    request = receiver.requests[0]
    assert request["verified"]  # the receiver still has the old secret
    assert verify(new_secret, request["headers"], request["body"])
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        emit_in("alpha", "resource.published")
        work(tenant_a)
        late = receiver.requests[1]
        assert late["headers"]["X-Imedia-Signature"].count("v1=") == 1
        assert not late["verified"] and verify(new_secret, late["headers"], late["body"])


def test_replaying_a_delivery_and_an_event(tenant_a, subscribe, receiver):
    first = subscribe(receiver.url)
    event = emit_in("alpha", "commitment.updated")
    work(tenant_a)
    [delivery] = deliveries()
    with schema_context("alpha"):
        services.replay_delivery(STAFF, delivery)
    work(tenant_a)
    assert len(receiver.requests) == 2
    assert receiver.requests[0]["headers"]["Idempotency-Key"] == receiver.requests[1]["headers"]["Idempotency-Key"]
    with schema_context("alpha"):
        assert delivery.attempt_log.count() == 2
    # A subscription created after the event gets it on an event replay.
    later = subscribe(receiver.url, events=["commitment.updated"])
    with schema_context("alpha"):
        replayed = services.replay_event(STAFF, event.event_id, subscription=later)
    assert [d.subscription_id for d in replayed] == [later.pk]
    work(tenant_a)
    assert len(receiver.requests) == 3
    assert {d.subscription_id for d in deliveries()} == {first.pk, later.pk}
