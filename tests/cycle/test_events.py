"""What the cycle's events carry: enough for a receiver to find what changed, in the caller's
name, with the audit entry beside each one; a refused change writes neither."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services
from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent


def test_phase_item_and_link_events(tenant_a, make_user, cycle_a):
    ctx = ServiceContext.for_user(make_user("phases@alpha.test", "facilitator", tenant_a), tenant_a, Channel.GRAPHQL)
    with schema_context("alpha"):
        last = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        phase = cycle_a.phases.get(slug="co-construire")
        services.publish_phase(ctx, phase)
        item = services.create_item(ctx, phase, kind="method", title="Un atelier de quartier", position=0)
        link = phase.resource_links.order_by("position").first()
        services.unlink_resource(ctx, phase, link.resource)
        services.set_current_phase(ctx, phase)
        events = list(OutboxEvent.objects.filter(id__gt=last).order_by("id"))
        actions = list(AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:4])
    assert [event.type for event in events] == [
        "phase.published",
        "phase_item.created",
        "phase.resource_unlinked",
        "phase.current_set",
    ]
    assert actions == [event.type for event in reversed(events)]
    assert {event.actor_id for event in events} == {ctx.user_id}
    assert events[0].payload == {
        "id": phase.pk,
        "cycleId": cycle_a.pk,
        "slug": "co-construire",
        "title": phase.title,
        "position": 2,
        "status": "published",
        "publishAt": None,
        "isCurrent": False,
        "startsOn": None,
        "endsOn": None,
    }
    assert events[1].payload == {
        "id": item.pk,
        "phaseId": phase.pk,
        "kind": "method",
        "title": "Un atelier de quartier",
        "position": 0,
    }
    assert events[2].payload == {"id": phase.pk, "resourceId": link.resource_id, "position": None}
    assert events[3].payload["isCurrent"] is True


def test_a_refused_change_writes_no_event(tenant_a, cycle_a):
    ctx = ServiceContext.system(Channel.CLI)
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
        before = (AuditEntry.objects.count(), OutboxEvent.objects.count())
        with pytest.raises(ServiceError) as refused:
            services.update_phase(ctx, phase, slug="diagnostic-partage")
        assert (refused.value.code, refused.value.field) == ("UNIQUE", "slug")
        with pytest.raises(ServiceError):
            services.reorder_phases(ctx, cycle_a, [phase.pk])
        assert (AuditEntry.objects.count(), OutboxEvent.objects.count()) == before
