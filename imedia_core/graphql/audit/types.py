from imedia_core.audit import models
from imedia_core.permissions import Perm

from ..core.connection import CountableConnection
from ..core.nodes import TenantNode
from ..core.types_base import ModelObjectType


class AuditEntry(ModelObjectType):
    class Meta:
        model = models.AuditEntry
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("action", "summary", "target_type", "target_id", "actor_label", "via", "created_at")
        description = "One recorded action in this programme space's journal."
        read_permission = Perm.MANAGE_TENANT
