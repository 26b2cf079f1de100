import graphene

from imedia_core.permissions import Perm
from tenants.models import ApiKey as ApiKeyModel

from ..core.connection import ConnectionField
from ..core.permissions import require
from .mutations import ApiKeyCreate, ApiKeyRevoke, TokenCreate, TokenRevoke
from .types import ApiKey


class AuthQueries(graphene.ObjectType):
    api_keys = ConnectionField(ApiKey, description="API keys of this programme space, newest first (space admins).")

    def resolve_api_keys(root, info, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        return ApiKeyModel.objects.filter(tenant=info.context.tenant).order_by("-created_at", "-id")


class AuthMutations(graphene.ObjectType):
    token_create = TokenCreate.Field(description=TokenCreate._meta.description)
    token_revoke = TokenRevoke.Field(description=TokenRevoke._meta.description)
    api_key_create = ApiKeyCreate.Field(description=ApiKeyCreate._meta.description)
    api_key_revoke = ApiKeyRevoke.Field(description=ApiKeyRevoke._meta.description)
