"""Seed a demo programme's webhooks in the current tenant schema (call it inside the tenant):
one example subscription, inactive (its receiver is fictitious), so that the admin and the
GraphQL API show what a subscription looks like. Running it again creates nothing."""

from __future__ import annotations

from plugins.webhooks import services
from plugins.webhooks.models import Subscription

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


def seed(key: str) -> str:
    example = EXAMPLES.get(key)
    if example is None:
        return "Webhooks : aucun exemple pour cet espace."
    url, events, description = example
    if Subscription.objects.filter(url=url).exists():
        return "Webhooks : abonnement d'exemple déjà présent."
    services.create_subscription(
        {"url": url, "events": events, "description": description, "is_active": False}, via="demo"
    )
    return "Webhooks : 1 abonnement d'exemple (inactif) créé."
