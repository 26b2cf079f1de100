"""Relay global IDs that carry their tenant.

An ID is ``base64("<Type>:<schema>:<pk>")``. Decoding it in another tenant yields nothing, so an
ID copied from programme A can never address programme B's row with the same primary key.
"""

from django.core.exceptions import ValidationError
from django.db import connection
from graphene import relay
from graphql_relay import from_global_id
from graphql_relay import to_global_id as relay_to_global_id

from imedia_core.pluginhost.manager import is_plugin_enabled

from .context import tenant_of
from .errors import MutationError

# Key of the schema's extensions that maps a plugin's Node types to the plugin (api.build_schema).
PLUGIN_TYPES = "imedia_plugin_types"


class TenantGlobalIDType(relay.BaseGlobalIDType):
    @classmethod
    def to_global_id(cls, _type, _id):
        return relay_to_global_id(_type, f"{connection.schema_name}:{_id}")

    @classmethod
    def resolve_global_id(cls, info, global_id):
        return decode_global_id(global_id)[::2]


def decode_global_id(global_id: str) -> tuple[str, str | None, str | None]:
    """``(type, schema, pk)``; schema and pk are None when the ID is malformed."""
    try:
        type_name, rest = from_global_id(global_id)
    except Exception:  # graphql-relay raises several kinds on bad base64
        return "", None, None
    schema, sep, pk = (rest or "").partition(":")
    if not type_name or not sep or not pk:
        return type_name or "", None, None
    return type_name, schema, pk


def pk_from_global_id(global_id: str | None, expected_type: str) -> int | None:
    """The primary key an ID names in the *current* tenant, or None (malformed, wrong type or
    wrong tenant). Every model's key is an integer."""
    type_name, schema, pk = decode_global_id(global_id or "")
    if type_name != expected_type or schema != connection.schema_name or not (pk or "").isdigit():
        return None
    return int(pk)


def get_or_not_found(queryset, global_id: str | None, type_name: str, message: str, *, field: str = "id", lock=False):
    """The row a global ID names in this tenant (``select_for_update`` when ``lock``), or a
    NOT_FOUND typed error about ``field``: the one way mutations load what they change."""
    pk = pk_from_global_id(global_id, type_name)
    if pk is not None and lock:
        queryset = queryset.select_for_update()
    row = queryset.filter(pk=pk).first() if pk is not None else None
    if row is None:
        raise MutationError("NOT_FOUND", message, field)
    return row


class TenantNode(relay.Node):
    """The Relay ``Node`` interface, with tenant-scoped IDs."""

    class Meta:
        name = "Node"
        global_id_type = TenantGlobalIDType

    @classmethod
    def get_node_from_global_id(cls, info, global_id, only_type=None):
        type_name, schema, pk = decode_global_id(global_id)
        if schema != connection.schema_name or pk is None:
            return None
        graphene_type = info.schema.get_type(type_name)
        if graphene_type is None:
            return None
        graphene_type = graphene_type.graphene_type
        if only_type and graphene_type is not only_type:
            return None
        if cls not in getattr(graphene_type._meta, "interfaces", ()):
            return None
        plugin = (info.schema.extensions or {}).get(PLUGIN_TYPES, {}).get(type_name)
        if plugin is not None and not is_plugin_enabled(tenant_of(info), plugin):
            return None
        get_node = getattr(graphene_type, "get_node", None)
        if get_node is None:
            return None
        try:
            return get_node(info, pk)
        except (ValueError, TypeError, ValidationError):  # a pk of the wrong shape names nothing
            return None
