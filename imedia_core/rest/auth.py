"""``POST /api/auth/token/``: a bearer token for a person, bound to where it is asked."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response

from tenants.auth.credentials import sign_in
from tenants.auth.errors import AuthError

from .context import service_context


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
        token, raw = sign_in(
            service_context(request),
            payload.validated_data["email"],
            payload.validated_data["password"],
            request._request,
        )
    except AuthError as exc:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else {}
        if exc.status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="imedia"'
        return Response({"error": {"code": exc.code.value, "message": exc.message}}, status=exc.status, headers=headers)
    tenant = token.tenant
    return Response(
        {"token": raw, "expires_at": token.expires_at, "scope": tenant.schema_name if tenant else "platform"},
        status=201,
    )
