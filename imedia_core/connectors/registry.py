"""The platforms adapters offer (hook ``imedia_connector_platforms``), and whether a space may use them."""

from __future__ import annotations

from imedia_core.errors import ServiceError
from imedia_core.pluginhost.manager import collect_with_owner, is_plugin_enabled

from .platform import Platform


def installed() -> dict[str, tuple[str, Platform]]:
    """Every platform of the deployment: key -> (owning plugin, platform); the first of a key wins."""
    found: dict[str, tuple[str, Platform]] = {}
    for owner, platform in collect_with_owner("imedia_connector_platforms"):
        found.setdefault(platform.key, (owner, platform))
    return found


def available(tenant) -> dict[str, Platform]:
    """The platforms whose plugin ``tenant`` has enabled."""
    return {key: platform for key, (owner, platform) in installed().items() if is_plugin_enabled(tenant, owner)}


def enabled(tenant, key: str) -> bool:
    entry = installed().get(key)
    return entry is not None and is_plugin_enabled(tenant, entry[0])


def platform_for(tenant, key: str, field: str = "platform") -> Platform:
    """The platform ``key`` when installed and enabled in this space; ServiceError otherwise."""
    entry = installed().get(key or "")
    if entry is None:
        raise ServiceError.single("INVALID", f"Plateforme inconnue : « {key} ».", field)
    if not is_plugin_enabled(tenant, entry[0]):
        raise ServiceError.single(
            "PLUGIN_DISABLED", f"Le connecteur {entry[1].label} n'est pas activé dans cet espace.", field
        )
    return entry[1]


def label_of(key: str) -> str:
    entry = installed().get(key)
    return entry[1].label if entry else key
