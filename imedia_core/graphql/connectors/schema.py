"""Root fields of the connectors: platforms, links with their status, the answers' delivery log."""

import graphene

from imedia_core.connectors import models, registry
from imedia_core.permissions import Perm

from ..core.connection import ConnectionField
from ..core.context import principal_of
from ..core.nodes import pk_from_global_id
from ..core.permissions import require
from ..core.selection import selected_fields
from .mutations import (
    ConnectorLinkCreate,
    ConnectorLinkDelete,
    ConnectorLinkRotateCredentials,
    ConnectorLinkSync,
    ConnectorLinkUpdate,
)
from .types import ConnectorDelivery, ConnectorDeliveryStatusEnum, ConnectorLink, ConnectorPlatform


class ConnectorQueries(graphene.ObjectType):
    connector_platforms = graphene.List(
        graphene.NonNull(ConnectorPlatform),
        required=True,
        description="The platforms this space can link to (their connector plugin is enabled here; space admins).",
    )
    connector_links = ConnectionField(
        ConnectorLink,
        platform=graphene.String(description="Only links to this platform."),
        description="This space's connector links with their status, by name (space admins).",
    )
    connector_deliveries = ConnectionField(
        ConnectorDelivery,
        link=graphene.ID(description="Only answers through this link (global ID)."),
        status=graphene.List(graphene.NonNull(ConnectorDeliveryStatusEnum), description="Only these statuses."),
        description="Answers sent (or to send) back to the platforms, newest first (space admins).",
    )

    def resolve_connector_platforms(root, info):
        require(info, Perm.MANAGE_TENANT)
        return list(registry.available(principal_of(info).tenant or info.context.tenant).values())

    def resolve_connector_links(root, info, platform=None, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        queryset = models.Link.objects.all()
        if platform:
            queryset = queryset.filter(platform=platform)
        fields = selected_fields(info, ("edges", "node"))
        prefetch = []
        if "kindRules" in fields:
            prefetch.append("kind_rules")
        if "stepRules" in fields:
            prefetch.append("step_rules__phase")
        return queryset.prefetch_related(*prefetch)

    def resolve_connector_deliveries(root, info, link=None, status=None, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        queryset = models.Delivery.objects.select_related("link", "contribution")
        if link:
            queryset = queryset.filter(link_id=pk_from_global_id(link, "ConnectorLink"))
        if status:
            queryset = queryset.filter(status__in=[getattr(s, "value", s) for s in status])
        return queryset


class ConnectorMutations(graphene.ObjectType):
    connector_link_create = ConnectorLinkCreate.Field()
    connector_link_update = ConnectorLinkUpdate.Field()
    connector_link_delete = ConnectorLinkDelete.Field()
    connector_link_rotate_credentials = ConnectorLinkRotateCredentials.Field()
    connector_link_sync = ConnectorLinkSync.Field()
