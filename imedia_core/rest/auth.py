"""``POST /api/auth/token/``: a bearer token for a person, bound to where it is asked."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response

from imedia_core.audit.log import record
from tenants.auth.errors import AuthError
from tenants.auth.login import check_credentials
from tenants.auth.tokens import issue_person_token


class LoginSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Bearer <token>`. Shown once.")
    expires_at = serializers.DateTimeField()
    scope = serializers.CharField(help_text="Slug of the tenant the token is valid in, or `platform`.")


@extend_schema(
    summary="Exchange e-mail and password for a bearer token (rate-limited).",
    request=LoginSerializer,
    responses={201: TokenSerializer},
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([])
def token_create(request):
    payload = LoginSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    try:
        user = check_credentials(payload.validated_data["email"], payload.validated_data["password"], request._request)
    except AuthError as exc:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else {}
        if exc.status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="imedia"'
        return Response({"error": {"code": exc.code.value, "message": exc.message}}, status=exc.status, headers=headers)
    tenant = getattr(request, "tenant", None)
    token, raw = issue_person_token(user, tenant)
    if tenant is not None:
        record("auth.token_created", summary="Connexion", actor=user, via="rest")
    return Response(
        {"token": raw, "expires_at": token.expires_at, "scope": tenant.schema_name if tenant else "platform"},
        status=201,
    )
