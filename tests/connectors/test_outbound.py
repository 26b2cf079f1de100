"""The out direction: an official response or a commitment on an imported contribution queues one
answer for its platform (through the outbox and the event hook), sent by the job with retries;
the same answer is one answer; a platform that takes none records it as unsupported, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from imedia_core.connectors import engine, outbound
from imedia_core.connectors.models import Delivery, Link
from imedia_core.connectors.platform import PlatformError
from imedia_core.context import Channel, ServiceContext
from imedia_core.events.dispatch import dispatch_pending
from imedia_core.feedback import services as feedback
from imedia_core.participation.models import Contribution
from imedia_core.pluginhost import manager

from .fake import PLUGIN_NAME, FakePlugin, make_platform, proposal


@pytest.fixture
def responder(tenant_a, make_user):
    user = make_user("decision@alpha.test", "decision_maker", tenant_a)
    return ServiceContext.for_user(user, tenant_a, Channel.ADMIN)


def imported(link, world, n=1):
    world.items = [proposal(i) for i in range(1, n + 1)]
    engine.sync_link(Link.objects.get(pk=link.pk))
    return Contribution.objects.get(external_id="proposal:1")


def test_a_published_response_goes_back_once_to_its_platform(in_alpha, make_link, world, responder):
    link = make_link(direction="both")
    contribution = imported(link, world)
    feedback.create_response(
        responder, contribution, {"decision": "accepted", "text": "<p>Oui, dès mars.</p>"}, publish=True
    )
    dispatch_pending(in_alpha)
    delivery = Delivery.objects.get()
    assert (delivery.external_id, delivery.state, delivery.status) == ("proposal:1", "accepted", "pending")
    assert delivery.text.startswith("Oui, dès mars.")
    dispatch_pending(in_alpha)  # nothing new
    outbound.on_event(
        type("E", (), {"type": "response.published", "subject_id": str(contribution.responses.get().pk)})()
    )
    assert Delivery.objects.count() == 1  # the same answer queued again is the same row
    assert outbound.deliver_due(in_alpha) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.reference, delivery.attempts) == ("sent", "answer:1", 1)
    assert [a.state for a in world.answers] == ["accepted"]
    assert world.answers[0].idempotency_key == delivery.idempotency_key
    assert outbound.deliver_due(in_alpha) == 0


def test_a_commitment_queues_an_answer_and_native_contributions_queue_none(in_alpha, make_link, world, responder):
    link = make_link(direction="out")
    contribution = imported(link, world)  # an "out" link still has its imported items from before
    native = Contribution.objects.create(
        kind="proposal", title="Écrite ici", status="published", author_kind="person", author_label="Samia B."
    )
    feedback.create_commitment(
        responder,
        {
            "title": "Ouvrir le samedi",
            "owner_label": "Direction",
            "due_date": timezone.localdate() + timedelta(days=30),
            "contributions": [contribution, native],
        },
    )
    dispatch_pending(in_alpha)
    delivery = Delivery.objects.get()
    assert delivery.contribution_id == contribution.pk
    assert delivery.state == "evaluating" and "Engagement : Ouvrir le samedi" in delivery.text


def test_an_inbound_only_link_sends_nothing(in_alpha, make_link, world, responder):
    link = make_link(direction="in")
    contribution = imported(link, world)
    feedback.create_response(
        responder, contribution, {"decision": "declined", "text": "Non.", "reason": "Budget"}, publish=True
    )
    dispatch_pending(in_alpha)
    assert not Delivery.objects.exists()


def test_failures_back_off_and_unsupported_is_recorded_without_retry(in_alpha, make_link, world, responder):
    link = make_link(direction="both")
    contribution = imported(link, world)
    feedback.create_response(responder, contribution, {"decision": "under_study", "text": "À l'étude."}, publish=True)
    dispatch_pending(in_alpha)
    world.answer_error = PlatformError("UNAVAILABLE", "La plateforme est en erreur (HTTP 503).")
    outbound.deliver_due(in_alpha)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error_code) == ("pending", 1, "UNAVAILABLE")
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=30)
    assert outbound.deliver_due(in_alpha) == 0  # not due yet
    Delivery.objects.update(next_attempt_at=timezone.now())
    world.answer_error = PlatformError("UNSUPPORTED", "Cette plateforme ne reçoit pas de réponses.")
    outbound.deliver_due(in_alpha)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("unsupported", 2)
    Delivery.objects.update(next_attempt_at=timezone.now())
    assert outbound.deliver_due(in_alpha) == 0  # never retried


def test_a_platform_that_cannot_answer_is_recorded_as_such(in_alpha, make_link, world, responder):
    link = make_link(direction="both")
    contribution = imported(link, world)
    manager.unregister(PLUGIN_NAME)
    manager.register(
        FakePlugin(make_platform(world, can_answer=False, answer_note="API en lecture seule.")), name=PLUGIN_NAME
    )
    feedback.create_response(responder, contribution, {"decision": "accepted", "text": "Oui."}, publish=True)
    dispatch_pending(in_alpha)
    outbound.deliver_due(in_alpha)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("unsupported", 0, "API en lecture seule.")
    assert world.answers == []
