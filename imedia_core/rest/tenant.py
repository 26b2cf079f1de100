"""REST endpoints of a tenant: its identity (content is served by GraphQL)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from imedia_core.pluginhost.manager import is_plugin_enabled, optional_plugin_names


@extend_schema(summary="The programme space this request is routed to.", responses={200: dict})
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
