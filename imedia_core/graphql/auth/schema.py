import graphene

from imedia_core.permissions import Perm
from tenants.auth.credentials import api_keys_of

from ..core.connection import ConnectionField
from ..core.permissions import require
from .mutations import ApiKeyCreate, ApiKeyRevoke, TokenCreate, TokenRevoke, TokenRevokeAll
from .types import ApiKey


class AuthQueries(graphene.ObjectType):
    api_keys = ConnectionField(ApiKey, description="API keys of this programme space, newest first (space admins).")

    def resolve_api_keys(root, info, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        return api_keys_of(info.context.tenant)


class AuthMutations(graphene.ObjectType):
    token_create = TokenCreate.Field()
    token_revoke = TokenRevoke.Field()
    token_revoke_all = TokenRevokeAll.Field()
    api_key_create = ApiKeyCreate.Field()
    api_key_revoke = ApiKeyRevoke.Field()
