"""Tenant templates: presets a tenant can be provisioned from, contributed by plugins."""

from dataclasses import dataclass, field

from imedia_core.pluginhost.manager import collect_keyed


@dataclass(frozen=True)
class TenantTemplate:
    """A preset for a new programme space.

    ``key`` is what ``imedia tenant create --template`` and the operator API accept. Plugins
    that instantiate content (a cycle, starter resources) do it in ``imedia_tenant_created``
    when ``template.key`` is one of theirs.
    """

    key: str
    label: str
    description: str = ""
    policy_area: str = "other"
    locale: str = "fr"
    plugin_settings: dict = field(default_factory=dict)


def available_templates() -> dict[str, TenantTemplate]:
    return collect_keyed("imedia_tenant_templates")
