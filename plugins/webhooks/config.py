"""Per-tenant settings of the webhooks plugin, from ``plugin_config(tenant, "webhooks")``.

    {"webhooks": {"config": {"max_consecutive_failures": 15, "max_attempts": 10,
                             "backoff_base_seconds": 30, "backoff_max_seconds": 21600,
                             "timeout_seconds": 10, "secret_grace_hours": 24}}}

Values out of range fall back to their bounds, non-numbers to the default: a typo in a tenant's
configuration must not stop deliveries.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from imedia_core.plugin_api import ConfigField, plugin_config

# name: (default, minimum, maximum)
_BOUNDS = {
    "max_consecutive_failures": (15, 1, 1000),
    "max_attempts": (10, 1, 50),
    "backoff_base_seconds": (30, 1, 3600),
    "backoff_max_seconds": (21600, 1, 7 * 86400),
    "timeout_seconds": (None, 1, 30),
    "secret_grace_hours": (24, 0, 24 * 30),
}


_LABELS = {
    "max_consecutive_failures": (
        _("Échecs consécutifs avant désactivation"),
        _("Un abonnement est désactivé après ce nombre d'envois échoués d'affilée."),
    ),
    "max_attempts": (_("Tentatives par envoi"), _("Nombre d'essais d'un même envoi avant abandon.")),
    "backoff_base_seconds": (_("Premier délai avant nouvel essai (secondes)"), ""),
    "backoff_max_seconds": (_("Délai maximal entre deux essais (secondes)"), ""),
    "timeout_seconds": (
        _("Délai d'attente d'une réponse (secondes)"),
        _("Vide : la valeur de la plateforme."),
    ),
    "secret_grace_hours": (
        _("Validité de l'ancien secret après renouvellement (heures)"),
        _("Pendant ce délai, les envois sont signés avec l'ancien et le nouveau secret."),
    ),
}


def config_fields() -> list[ConfigField]:
    """The settings form of the plugin: each bound above, as a whole number within its range."""
    return [
        ConfigField(
            name,
            _LABELS[name][0],
            kind="int",
            default=default,
            help_text=_LABELS[name][1],
            min_value=low,
            max_value=high,
        )
        for name, (default, low, high) in _BOUNDS.items()
    ]


@dataclass(frozen=True)
class WebhookConfig:
    max_consecutive_failures: int
    max_attempts: int
    backoff_base_seconds: int
    backoff_max_seconds: int
    timeout_seconds: int
    secret_grace_hours: int


def config_for(tenant) -> WebhookConfig:
    raw = plugin_config(tenant, "webhooks") if tenant is not None else {}
    values = {}
    for name, (default, low, high) in _BOUNDS.items():
        if default is None:
            default = settings.IMEDIA_WEBHOOKS_TIMEOUT_SECONDS
        value = raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            value = default
        values[name] = int(min(high, max(low, value)))
    return WebhookConfig(**values)
