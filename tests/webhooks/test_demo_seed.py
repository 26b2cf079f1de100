"""The demo's example webhook subscription: created once, inactive, never delivered to."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.demo import webhooks_seed
from imedia_core.events import emit
from imedia_core.events.worker import run_once
from plugins.webhooks.models import Delivery, Subscription


@pytest.mark.parametrize("key", ["formation_sud", "rsa94", "cc_villeneuve"])
def test_seed_is_idempotent_and_inactive(tenant_a, key):
    with schema_context("alpha"):
        assert "créé" in webhooks_seed.seed(key)
        assert "déjà présent" in webhooks_seed.seed(key)
        subscription = Subscription.objects.get()
        assert not subscription.is_active and subscription.description.startswith("Exemple")
        emit("contribution.published", {})
    run_once([tenant_a])
    with schema_context("alpha"):
        assert not Delivery.objects.exists()


def test_unknown_keys_seed_nothing(tenant_a):
    with schema_context("alpha"):
        assert "aucun exemple" in webhooks_seed.seed("ailleurs")
        assert not Subscription.objects.exists()
