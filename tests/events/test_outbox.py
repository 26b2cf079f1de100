"""The transactional outbox: a committed change always yields its event, a rolled-back one never."""

import pytest
from django.db import transaction
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent
from imedia_core.events.outbox import emit
from imedia_core.library import services as library
from imedia_core.library.models import Resource

SYSTEM = ServiceContext.system(Channel.CLI)


def publish_guide(title, *, fail_after_emit=False):
    """Real services in one transaction: creating then publishing a resource writes
    ``resource.created`` and ``resource.published`` inside it."""
    with transaction.atomic():
        resource = library.create_resource(SYSTEM, {"kind": "guide", "title": title})
        library.publish_resource(SYSTEM, resource)
        if fail_after_emit:
            raise ServiceError.single("INVALID", "Refusé après coup.")
        return resource


def test_a_committed_change_yields_its_event(tenant_a, make_user):
    actor = make_user("auteur@alpha.test")
    with schema_context("alpha"):
        with transaction.atomic():
            resource = library.create_resource(SYSTEM, {"kind": "guide", "title": "Guide de l'animateur"})
            event = emit("resource.published", {"title": resource.title}, subject=resource, actor=actor)
        stored = OutboxEvent.objects.get(pk=event.pk)
    assert stored.type == "resource.published"
    assert stored.payload == {"title": "Guide de l'animateur", "id": resource.pk}
    assert (stored.subject_type, stored.subject_id, stored.actor_id) == ("Resource", str(resource.pk), actor.pk)
    assert stored.dispatched_at is None and stored.attempts == 0 and stored.event_id


def test_a_rolled_back_change_never_yields_its_event(tenant_a):
    with schema_context("alpha"):
        before = OutboxEvent.objects.count()
        with pytest.raises(ServiceError):
            publish_guide("Guide annulé", fail_after_emit=True)
        assert not Resource.objects.filter(title="Guide annulé").exists()
        assert OutboxEvent.objects.count() == before
        publish_guide("Guide gardé")
        assert OutboxEvent.objects.count() == before + 2
        written = OutboxEvent.objects.order_by("-id")[:2]
        assert [(event.type, event.payload["title"]) for event in written] == [
            ("resource.published", "Guide gardé"),
            ("resource.created", "Guide gardé"),
        ]


def test_an_outer_rollback_takes_the_event_with_it(tenant_a):
    """The event belongs to the caller's transaction, not to a transaction of its own."""
    with schema_context("alpha"):
        before = OutboxEvent.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            publish_guide("Guide dans une transaction plus large")
            raise RuntimeError("l'appelant échoue ensuite")
        assert OutboxEvent.objects.count() == before


def test_events_stay_in_their_tenant(tenant_a, tenant_b):
    with schema_context("alpha"):
        emit("resource.published", {"title": "Seulement alpha"})
    with schema_context("beta"):
        assert not OutboxEvent.objects.filter(payload__title="Seulement alpha").exists()
    with schema_context("alpha"):
        assert OutboxEvent.objects.filter(payload__title="Seulement alpha").exists()
