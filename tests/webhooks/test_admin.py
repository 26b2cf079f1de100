"""Subscriptions in the space's admin: changes and deletions go through the services, so they are
journalled and emitted like the API's; secrets are never shown."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from plugins.webhooks.models import Subscription

from .conftest import SECRET

CHANGE = "/t/alpha/admin/webhooks/subscription/{pk}/change/"
DELETE = "/t/alpha/admin/webhooks/subscription/{pk}/delete/"


@pytest.fixture
def space_admin(client, tenant_a, make_user):
    client.force_login(make_user("admin-console@alpha.test", "tenant_admin", tenant_a))
    return client


def outbox(action):
    with schema_context("alpha"):
        return list(OutboxEvent.objects.filter(type=action).values_list("payload", flat=True))


def test_turning_a_subscription_off_in_the_admin_is_journalled_and_emitted(space_admin, subscribe, receiver):
    subscription = subscribe(receiver.url, description="CRM")
    page = space_admin.get(CHANGE.format(pk=subscription.pk), HTTP_HOST="testserver")
    assert page.status_code == 200 and SECRET not in page.content.decode()
    response = space_admin.post(
        CHANGE.format(pk=subscription.pk), {"description": "CRM (en pause)"}, HTTP_HOST="testserver"
    )
    assert response.status_code == 302
    with schema_context("alpha"):
        subscription.refresh_from_db()
        entry = AuditEntry.objects.get(action="webhooks.subscription_updated")
    assert (subscription.description, subscription.is_active) == ("CRM (en pause)", False)
    assert entry.via == "admin" and entry.target_id == str(subscription.pk)
    assert outbox("webhooks.subscription_updated") == [
        {"id": subscription.pk, "events": list(subscription.events), "is_active": False}
    ]


def test_deleting_a_subscription_in_the_admin_is_journalled_and_emitted(space_admin, subscribe, receiver):
    subscription = subscribe(receiver.url)
    response = space_admin.post(DELETE.format(pk=subscription.pk), {"post": "yes"}, HTTP_HOST="testserver")
    assert response.status_code == 302
    with schema_context("alpha"):
        assert not Subscription.objects.exists()
        assert AuditEntry.objects.get(action="webhooks.subscription_deleted").via == "admin"
    assert outbox("webhooks.subscription_deleted") == [{"id": subscription.pk}]


def test_a_facilitator_cannot_change_subscriptions(client, tenant_a, make_user, subscribe, receiver):
    subscription = subscribe(receiver.url)
    client.force_login(make_user("animation-console@alpha.test", "facilitator", tenant_a))
    response = client.post(CHANGE.format(pk=subscription.pk), {"description": "Piraté"}, HTTP_HOST="testserver")
    assert response.status_code == 403
    with schema_context("alpha"):
        assert Subscription.objects.get().description == ""
        assert not AuditEntry.objects.filter(action="webhooks.subscription_updated").exists()
