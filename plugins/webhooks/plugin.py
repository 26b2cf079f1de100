"""Signed webhooks: per-tenant subscriptions to domain events, delivered with retries.

This entry point is imported while settings are read: the modules that load models are imported
inside the hooks.
"""

from imedia_core.plugin_api import EventType, hookimpl

from .config import config_fields

NAME = "webhooks"


@hookimpl
def imedia_plugin_config_fields():
    return config_fields()


@hookimpl
def imedia_tenant_apps():
    return ["plugins.webhooks"]


@hookimpl
def imedia_event_types():
    # Documented in docs/webhooks.md, "Webhooks plugin". Payloads never carry a secret.
    return [
        EventType("webhooks.subscription_created", "A webhook subscription was created."),
        EventType("webhooks.subscription_updated", "A webhook subscription was changed (address, events, on/off)."),
        EventType("webhooks.subscription_deleted", "A webhook subscription was deleted with its delivery log."),
        EventType("webhooks.subscription_disabled", "A subscription was disabled after too many failed deliveries."),
        EventType("webhooks.secret_rotated", "A webhook subscription was given a new signing secret."),
        EventType("webhooks.replayed", "A delivery or an event was queued again for its subscriptions."),
    ]


@hookimpl
def imedia_tenant_event(tenant, event):
    from .services import enqueue_deliveries  # loads models: not while settings are read

    enqueue_deliveries(event)


@hookimpl
def imedia_graphql_queries():
    from .schema import WebhookQueries  # loads models: not while settings are read

    return [WebhookQueries]


@hookimpl
def imedia_graphql_mutations():
    from .schema import WebhookMutations  # loads models: not while settings are read

    return [WebhookMutations]


@hookimpl
def imedia_demo_seed(tenant):
    from .demo import seed  # loads models: not while settings are read

    return seed(tenant)
