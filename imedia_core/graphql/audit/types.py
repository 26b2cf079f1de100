from graphene_django import DjangoObjectType

from imedia_core.audit import models

from ..core.connection import CountableConnection
from ..core.nodes import TenantNode


class AuditEntry(DjangoObjectType):
    class Meta:
        model = models.AuditEntry
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("action", "summary", "target_type", "target_id", "actor_label", "via", "created_at")
        description = "One recorded action in this programme space's journal."
