"""The demo's example webhook subscription, seeded through the ``imedia_demo_seed`` hook: created
once, inactive, never delivered to."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.events.outbox import emit
from imedia_core.events.worker import run_once
from imedia_core.pluginhost.manager import hook_for_tenant
from plugins.webhooks.models import Delivery, Subscription


def demo_seed(tenant) -> list[str]:
    return hook_for_tenant(tenant, "imedia_demo_seed")(tenant=tenant)


def webhooks_line(summaries: list[str]) -> str:
    [line] = [summary for summary in summaries if summary.startswith("Webhooks")]
    return line


@pytest.mark.parametrize("key", ["formation_sud", "rsa94", "cc_villeneuve"])
def test_seed_is_idempotent_and_inactive(tenant_a, key, monkeypatch):
    monkeypatch.setattr(tenant_a, "schema_name", key)  # the demo spaces' examples, seeded in alpha's schema
    with schema_context("alpha"):
        assert "créé" in webhooks_line(demo_seed(tenant_a))
        assert "déjà présent" in webhooks_line(demo_seed(tenant_a))
        subscription = Subscription.objects.get()
        assert not subscription.is_active and subscription.description.startswith("Exemple")
        emit("contribution.published", {})
    monkeypatch.undo()
    run_once([tenant_a])
    with schema_context("alpha"):
        assert not Delivery.objects.exists()


def test_unknown_spaces_seed_nothing(tenant_a):
    with schema_context("alpha"):
        assert "aucun exemple" in webhooks_line(demo_seed(tenant_a))
        assert not Subscription.objects.exists()


def test_a_space_that_disabled_the_plugin_gets_no_example(tenant_a, monkeypatch):
    tenant_a.plugin_settings = {"webhooks": {"enabled": False}}
    monkeypatch.setattr(tenant_a, "schema_name", "rsa94")
    with schema_context("alpha"):
        assert not any(summary.startswith("Webhooks") for summary in demo_seed(tenant_a))
        assert not Subscription.objects.exists()
