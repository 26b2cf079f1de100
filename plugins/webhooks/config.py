"""Per-tenant settings of the webhooks plugin, from ``plugin_config(tenant, "webhooks")``.

    {"webhooks": {"config": {"max_consecutive_failures": 15, "max_attempts": 10,
                             "backoff_base_seconds": 30, "backoff_max_seconds": 21600,
                             "timeout_seconds": 10, "secret_grace_hours": 24}}}

Values out of range fall back to their bounds, non-numbers to the default: a typo in a tenant's
configuration must not stop deliveries.
"""

from dataclasses import dataclass

from django.conf import settings

from imedia_core.plugin_api import plugin_config

# name: (default, minimum, maximum)
_BOUNDS = {
    "max_consecutive_failures": (15, 1, 1000),
    "max_attempts": (10, 1, 50),
    "backoff_base_seconds": (30, 1, 3600),
    "backoff_max_seconds": (21600, 1, 7 * 86400),
    "timeout_seconds": (None, 1, 30),
    "secret_grace_hours": (24, 0, 24 * 30),
}


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
