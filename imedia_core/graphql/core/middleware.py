"""Graphene middleware: a root field contributed by a plugin answers as disabled in a tenant
that has turned that plugin off (the schema is the same for every tenant)."""

from graphql import GraphQLError
from imedia_core.pluginhost.manager import is_plugin_enabled

from .context import tenant_of


class PluginGuardMiddleware:
    def resolve(self, next_, root, info, **args):
        if root is None:
            from ..api import root_field_owner

            owner = root_field_owner(info.parent_type.name, info.field_name)
            tenant = tenant_of(info)
            if owner and tenant is not None and not is_plugin_enabled(tenant, owner):
                raise GraphQLError(
                    f"Le module « {owner} » est désactivé dans cet espace.",
                    extensions={"code": "PLUGIN_DISABLED", "plugin": owner},
                )
        return next_(root, info, **args)
