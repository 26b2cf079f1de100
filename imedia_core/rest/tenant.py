"""REST endpoints of a tenant: its identity (content is served by GraphQL)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from imedia_core.pluginhost.manager import is_plugin_enabled, optional_plugin_names

TENANT_INFO = inline_serializer(
    "TenantInfo",
    {
        "slug": serializers.CharField(),
        "name": serializers.CharField(),
        "policy_area": serializers.CharField(),
        "territory": serializers.CharField(),
        "locale": serializers.CharField(),
        "plugins": serializers.ListField(child=serializers.CharField(), help_text="Optional plugins enabled here."),
        "graphql": serializers.URLField(help_text="The GraphQL endpoint, as reached by this request."),
    },
)


@extend_schema(summary="The programme space this request is routed to.", responses={200: TENANT_INFO})
@api_view(["GET"])
def tenant_info(request):
    tenant = request.tenant
    return Response(
        {
            "slug": tenant.schema_name,
            "name": tenant.name,
            "policy_area": tenant.policy_area,
            "territory": tenant.territory,
            "locale": tenant.locale,
            "plugins": [name for name in optional_plugin_names() if is_plugin_enabled(tenant, name)],
            "graphql": request.build_absolute_uri(reverse("graphql")),
        }
    )
