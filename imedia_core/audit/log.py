"""Write to the current tenant's audit log."""

from imedia_core.context import person_label

from .models import AuditEntry


def record(action: str, *, summary: str = "", target=None, actor=None, via: str = "") -> AuditEntry:
    """Append an entry in the schema the connection is on (the caller's tenant)."""
    return AuditEntry.objects.create(
        action=action,
        summary=summary[:500],
        target_type=type(target).__name__ if target is not None else "",
        target_id=str(getattr(target, "pk", "") or "") if target is not None else "",
        actor_id=getattr(actor, "pk", None),
        actor_label=person_label(actor) if actor is not None else "",
        via=via,
    )
