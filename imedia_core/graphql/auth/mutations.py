import graphene

from imedia_core.permissions import Perm
from tenants.auth import credentials
from tenants.auth.errors import AuthError
from tenants.models import ApiKey as ApiKeyModel

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation
from ..core.nodes import get_or_not_found
from ..core.types import Person
from .types import AccountError, ApiKey, ApiKeyScopeEnum


class TokenCreate(BaseMutation):
    class Arguments:
        email = graphene.String(required=True, description="The person's e-mail address.")
        password = graphene.String(required=True, description="The person's password.")

    class Meta:
        description = (
            "Sign in: exchange an e-mail and password for a bearer token valid in this programme space only. "
            "Failed attempts are rate-limited per account and per client."
        )
        error_type = AccountError
        allow_anonymous = True

    token = graphene.String(description="The bearer token, to send as `Authorization: Bearer <token>`. Shown once.")
    expires_at = graphene.DateTime(description="When the token stops working.")
    person = graphene.Field(Person, description="The signed-in person.")

    @classmethod
    def perform_mutation(cls, root, info, principal, email, password):
        try:
            token, raw = credentials.sign_in(service_context(info), email, password, info.context)
        except AuthError as exc:
            raise MutationError(exc.code.value.upper(), exc.message) from exc
        return cls(token=raw, expires_at=token.expires_at, person=token.user, errors=[])


class TokenRevoke(BaseMutation):
    class Meta:
        description = "Sign out: revoke the person token this request was made with."
        error_type = AccountError
        allow_anonymous = True

    revoked = graphene.Boolean(description="True when the token was revoked; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal):
        credentials.sign_out(service_context(info), getattr(info.context, "person_token", None))
        return cls(revoked=True, errors=[])


class TokenRevokeAll(BaseMutation):
    class Meta:
        description = (
            "Sign out everywhere: revoke every token of the signed-in person, in every programme space and "
            "on the platform, the one this request was made with included. Changing the password does the same."
        )
        error_type = AccountError
        allow_anonymous = True

    revoked_count = graphene.Int(description="How many tokens were revoked; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal):
        count = credentials.sign_out_everywhere(service_context(info), getattr(info.context, "person_token", None))
        return cls(revoked_count=count, errors=[])


class ApiKeyCreate(BaseMutation):
    class Arguments:
        name = graphene.String(required=True, description="Who will use the key (e.g. « Site du département »).")
        scopes = graphene.List(graphene.NonNull(ApiKeyScopeEnum), required=True, description="What the key may do.")

    class Meta:
        description = "Create an API key for this programme space. The secret is returned once and never again."
        error_type = AccountError
        permission = Perm.MANAGE_TENANT

    api_key = graphene.Field(ApiKey, description="The new key's metadata.")
    secret = graphene.String(description="The key itself, to send as `Authorization: Bearer <key>`. Shown once.")

    @classmethod
    def perform_mutation(cls, root, info, principal, name, scopes):
        key, raw = credentials.create_api_key(service_context(info), name, scopes)
        return cls(api_key=key, secret=raw, errors=[])


class ApiKeyRevoke(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the key to revoke.")

    class Meta:
        description = "Revoke an API key of this programme space; it stops working immediately."
        error_type = AccountError
        permission = Perm.MANAGE_TENANT

    api_key = graphene.Field(ApiKey, description="The revoked key.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        key = get_or_not_found(
            ApiKeyModel.objects.filter(tenant=info.context.tenant),
            id,
            "ApiKey",
            "Aucune clé d'API avec cet identifiant dans cet espace.",
        )
        return cls(api_key=credentials.revoke_api_key(service_context(info), key), errors=[])
