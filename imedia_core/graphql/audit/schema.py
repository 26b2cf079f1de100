import graphene

from imedia_core.audit.models import AuditEntry as AuditEntryModel
from imedia_core.permissions import Perm

from ..core.connection import ConnectionField
from ..core.permissions import require
from .types import AuditEntry


class AuditQueries(graphene.ObjectType):
    audit_log = ConnectionField(
        AuditEntry,
        action=graphene.String(description="Only entries with this action (e.g. `api_key.created`)."),
        description="This programme space's journal, newest first (space admins).",
    )

    def resolve_audit_log(root, info, action=None, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        entries = AuditEntryModel.objects.all()
        return entries.filter(action=action) if action else entries
