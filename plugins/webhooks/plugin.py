"""Signed webhooks: per-tenant subscriptions to domain events, delivered with retries.

Imports of Django models stay inside the hooks: this module is loaded while settings are read.
"""

from imedia_core.pluginhost import hookimpl

NAME = "webhooks"


@hookimpl
def imedia_tenant_apps():
    return ["plugins.webhooks"]


@hookimpl
def imedia_tenant_event(tenant, event):
    from .services import enqueue_deliveries

    enqueue_deliveries(event)


@hookimpl
def imedia_graphql_queries():
    from .schema import WebhookQueries

    return [WebhookQueries]


@hookimpl
def imedia_graphql_mutations():
    from .schema import WebhookMutations

    return [WebhookMutations]
