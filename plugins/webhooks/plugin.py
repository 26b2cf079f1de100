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


@hookimpl
def imedia_personal_data():
    # docs/privacy.md lists these entries (a test checks the register against the document).
    from imedia_core.plugin_api import NotPersonal, OnErasure, PersonalData, Retention

    return [
        PersonalData(
            "webhooks.Subscription",
            ("created_by_id", "created_by_label"),
            title="Webhooks créés",
            what="qui a créé un abonnement webhook de l'espace (l'abonnement continue de fonctionner)",
            purpose="savoir d'où vient un abonnement",
            legal_basis="intérêt légitime (art. 6.1.f) : administrer les intégrations",
            retention=Retention(rule="tant que l'abonnement existe"),
            audience="les administrateur·rices de l'espace",
            on_erasure=OnErasure.ANONYMISE,
            person="created_by_id",
            labels=("created_by_label",),
            key="webhooks",
        ),
        NotPersonal(
            "webhooks.Subscription",
            ("secret", "previous_secret", "previous_secret_expires_at", "disabled_reason", "description"),
            "secret de signature, état et description d'un abonnement",
        ),
        NotPersonal("webhooks.Delivery", ("last_error", "lease_token"), "état technique d'un envoi"),
        NotPersonal(
            "webhooks.DeliveryAttempt",
            ("response_body", "error"),
            "réponse du destinataire (un serveur), gardée `IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS` jours",
        ),
    ]
