import graphene
from django.utils import timezone

from imedia_core.audit.log import record
from imedia_core.permissions import Perm
from tenants.auth.errors import AuthError
from tenants.auth.login import check_credentials
from tenants.auth.tokens import issue_api_key, issue_person_token
from tenants.models import ApiKey as ApiKeyModel

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
        request = info.context
        try:
            user = check_credentials(email, password, request)
        except AuthError as exc:
            raise MutationError(exc.code.value.upper(), exc.message) from exc
        token, raw = issue_person_token(user, request.tenant)
        record("auth.token_created", summary="Connexion", actor=user, via="graphql")
        return cls(token=raw, expires_at=token.expires_at, person=user, errors=[])


class TokenRevoke(BaseMutation):
    class Meta:
        description = "Sign out: revoke the person token this request was made with."
        error_type = AccountError
        allow_anonymous = True

    revoked = graphene.Boolean(description="True when the token was revoked; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal):
        token = getattr(info.context, "person_token", None)
        if token is None:
            raise MutationError("NOT_A_PERSON_TOKEN", "Cette requête n'a pas été faite avec un jeton personnel.")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        return cls(revoked=True, errors=[])


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
        name = name.strip()
        if not name:
            raise MutationError("REQUIRED", "Donnez un nom à la clé.", "name")
        if len(name) > 120:
            raise MutationError("INVALID", "Le nom ne doit pas dépasser 120 caractères.", "name")
        if not scopes:
            raise MutationError("REQUIRED", "Choisissez au moins une portée.", "scopes")
        values = [getattr(scope, "value", scope) for scope in scopes]
        key, raw = issue_api_key(info.context.tenant, name, values, created_by=principal.user)
        record("api_key.created", summary=f"Clé d'API « {name} »", target=key, actor=principal.user, via="graphql")
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
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            record(
                "api_key.revoked", summary=f"Clé d'API « {key.name} »", target=key, actor=principal.user, via="graphql"
            )
        return cls(api_key=key, errors=[])
