import graphene

from .mutations import PluginConfigure


class TenantMutations(graphene.ObjectType):
    plugin_configure = PluginConfigure.Field(description=PluginConfigure._meta.description)
