"""The outbox writer: one row per domain event, in the caller's transaction."""

from functools import partial

from django.db import connection, transaction

from .engine import schedule_dispatch, uses_celery
from .models import OutboxEvent


def _row(event_type: str, payload: dict | None, subject, actor) -> OutboxEvent:
    data = dict(payload or {})
    if subject is not None:
        data.setdefault("id", subject.pk)
    return OutboxEvent(
        type=event_type,
        payload=data,
        subject_type=type(subject).__name__ if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        actor_id=getattr(actor, "pk", None),
    )


def _schedule() -> None:
    if uses_celery():
        transaction.on_commit(partial(schedule_dispatch, connection.schema_name), robust=True)


def emit_many(event_type: str, items, *, actor=None) -> list[OutboxEvent]:
    """``emit`` for many subjects at once (``items``: ``(subject, payload)`` pairs), in one INSERT:
    a connector page of hundreds of imported items costs one statement, not one per item."""
    events = OutboxEvent.objects.bulk_create(_row(event_type, payload, subject, actor) for subject, payload in items)
    if events:
        _schedule()
    return events


def emit(event_type: str, payload: dict | None = None, *, subject=None, actor=None):
    """Record ``event_type`` in the current tenant's outbox, in the caller's transaction.

    ``payload`` must be JSON-serialisable. ``subject`` is the model instance the event is about
    (its class name and pk are stored, and ``payload['id']`` defaults to its pk).

    The row commits or rolls back with the caller's change. With the Celery engine, the commit
    also enqueues the dispatch of this tenant's outbox (``transaction.on_commit``).
    """
    event = _row(event_type, payload, subject, actor)
    event.save()
    _schedule()
    return event
