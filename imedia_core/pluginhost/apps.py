"""Django apps contributed by plugins, merged into the settings' app lists."""

from .manager import collect


def merge_plugin_apps(shared_apps: list[str], tenant_apps: list[str]) -> tuple[list[str], list[str]]:
    """Return copies of both lists extended with what plugins add, without duplicates."""
    shared = list(shared_apps)
    tenant = list(tenant_apps)
    for app in collect("imedia_shared_apps"):
        if app not in shared:
            shared.append(app)
    for app in collect("imedia_tenant_apps"):
        if app not in tenant:
            tenant.append(app)
    return shared, tenant
