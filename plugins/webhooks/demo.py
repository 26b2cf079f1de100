"""The webhooks of the demo's programme spaces (``imedia demo``, through the ``imedia_demo_seed``
hook): one example subscription each, inactive (its receiver is fictitious), so that the admin and
the GraphQL API show what a subscription looks like. Running it again creates nothing."""

from imedia_core.plugin_api import Channel, ServiceContext

from . import services
from .models import Subscription

# Demo space (schema name) -> (receiver, event types, description).
EXAMPLES = {
    "formation_sud": (
        "https://tableau-de-bord.formation-sud.exemple.org/imedia/webhooks",
        ["contribution.*", "response.published", "commitment.*"],
        "Exemple : tableau de bord régional des organismes de formation (inactif)",
    ),
    "rsa94": (
        "https://insertion.rsa94.exemple.org/imedia/webhooks",
        ["contribution.published", "response.published", "commitment.status_changed"],
        "Exemple : outil de suivi du service insertion du département (inactif)",
    ),
    "cc_villeneuve": (
        "https://mairie.villeneuve.exemple.org/imedia/webhooks",
        ["*"],
        "Exemple : lettre d'information de la mairie (inactif)",
    ),
}


def seed(tenant) -> str:
    """Seed the example subscription of ``tenant`` in the current schema; a one-line summary."""
    example = EXAMPLES.get(tenant.schema_name)
    if example is None:
        return "Webhooks : aucun exemple pour cet espace."
    url, events, description = example
    if Subscription.objects.filter(url=url).exists():
        return "Webhooks : abonnement d'exemple déjà présent."
    services.create_subscription(
        ServiceContext.system(Channel.DEMO, tenant=tenant),
        {"url": url, "events": events, "description": description, "is_active": False},
    )
    return "Webhooks : 1 abonnement d'exemple (inactif) créé."
