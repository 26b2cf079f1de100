"""A root field contributed by a plugin answers as disabled in a tenant that turned the plugin
off (the schema is the same for every tenant). The check wraps those root resolvers only, when
the schema is built, so the fields of the core and every nested field pay nothing."""

from functools import wraps

from graphql import GraphQLError

from imedia_core.pluginhost.manager import is_plugin_enabled

from .context import tenant_of


def guard_plugin_field(resolve, plugin: str):
    @wraps(resolve)
    def guarded(root, info, **args):
        tenant = tenant_of(info)
        if tenant is not None and not is_plugin_enabled(tenant, plugin):
            raise GraphQLError(
                f"Le module « {plugin} » est désactivé dans cet espace.",
                extensions={"code": "PLUGIN_DISABLED", "plugin": plugin},
            )
        return resolve(root, info, **args)

    return guarded
