"""The JSON shape an event has outside the process (webhooks, logs, exports)."""

import json

from django.db import connection


def envelope(event, tenant=None) -> dict:
    """``{id, type, tenant, occurredAt, subject {type, id}, data}``; ``id`` is the event_id,
    the key receivers de-duplicate on."""
    slug = tenant.schema_name if tenant is not None else connection.schema_name
    return {
        "id": str(event.event_id),
        "type": event.type,
        "tenant": slug,
        "occurredAt": event.created_at.isoformat().replace("+00:00", "Z"),
        "subject": {"type": event.subject_type, "id": event.subject_id} if event.subject_type else None,
        "data": event.payload,
    }


def envelope_bytes(event, tenant=None) -> bytes:
    """The envelope serialised deterministically: every attempt of a delivery sends the same bytes."""
    return json.dumps(envelope(event, tenant), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
