import graphene
from django.utils import timezone

from imedia_core.permissions import Perm
from tenants import models

from ..core.connection import CountableConnection
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.types_base import ModelObjectType

AccountErrorCode = error_codes(
    "AccountErrorCode",
    "Why an authentication or API-key mutation failed.",
    {
        "INVALID_CREDENTIALS": "The e-mail address or password is wrong.",
        "RATE_LIMITED": "Too many failed attempts; try again later.",
        "NOT_A_PERSON_TOKEN": "The request was not authenticated with a person's token.",
    },
)
AccountError = error_type("AccountError", AccountErrorCode, "An error returned by an account or API-key mutation.")

ApiKeyScopeEnum = described_enum(
    "ApiKeyScope",
    models.ApiKeyScope,
    "What an API key may do: `READ` (content, drafts included), `WRITE` (edit content), `CONTRIBUTE` (submit "
    "contributions and comments on behalf of a named external person) or `RESPOND` (publish official responses).",
)


class ApiKey(ModelObjectType):
    class Meta:
        model = models.ApiKey
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("name", "prefix", "created_at", "last_used_at", "revoked_at", "expires_at")
        description = "An integrator's key for this programme space. The secret itself is shown only at creation."
        read_permission = Perm.MANAGE_TENANT
        tenant_field = "tenant"

    scopes = graphene.List(graphene.NonNull(ApiKeyScopeEnum), required=True, description="What the key may do.")
    is_active = graphene.Boolean(required=True, description="False once revoked or expired.")

    def resolve_scopes(root, info):
        return list(root.scopes)

    def resolve_is_active(root, info):
        return root.revoked_at is None and (root.expires_at is None or root.expires_at > timezone.now())
