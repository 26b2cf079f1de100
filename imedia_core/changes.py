"""Every change a domain service makes leaves two traces, written together: an audit entry (who
did what, for the space's admins) and a domain event in the transactional outbox (for plugins
and webhooks). ``changed()`` writes both in the caller's transaction, so they commit or roll back
with the change itself, whatever door (GraphQL, REST, admin, CLI, connector, job) it came through.

Services call ``changed()``; nothing else writes audit entries or outbox events, except
``audited()`` for access records (sign-ins, credentials) that are not domain events.
"""

from imedia_core.audit.log import record
from imedia_core.context import ServiceContext
from imedia_core.events.catalogue import is_catalogued
from imedia_core.events.models import OutboxEvent
from imedia_core.events.outbox import emit, emit_many


def _summary_of(subject) -> str:
    if subject is None:
        return ""
    for attribute in ("title", "name", "text"):
        value = getattr(subject, attribute, None)
        if isinstance(value, str) and value:
            return value
    return str(subject)


def changed(
    ctx: ServiceContext,
    action: str,
    subject=None,
    *,
    payload: dict | None = None,
    summary: str | None = None,
    audit: bool = True,
) -> OutboxEvent:
    """Record that ``action`` (``noun.verb``, a catalogued event type) happened to ``subject``.

    ``payload`` is the event's JSON data (``id`` defaults to the subject's pk); ``summary`` is
    the audit line for people (default: the subject's title or name). ``audit=False`` is for
    participants' own gestures (supporting, following, reporting): they are events, not
    administration, and the log would only repeat the counts.
    """
    if not is_catalogued(action):
        raise LookupError(f"Event type {action!r} is not in the catalogue: declare it in the domain's hooks.py.")
    if audit:
        record(
            action,
            summary=_summary_of(subject) if summary is None else summary,
            target=subject,
            actor=ctx.actor,
            via=ctx.channel,
        )
    return emit(action, payload, subject=subject, actor=ctx.actor)


def changed_many(ctx: ServiceContext, action: str, items) -> list[OutboxEvent]:
    """``changed(..., audit=False)`` for many subjects at once (``items``: ``(subject, payload)``
    pairs), with one INSERT: for bulk gestures that are events, not administration (a connector
    importing a page of items)."""
    if not is_catalogued(action):
        raise LookupError(f"Event type {action!r} is not in the catalogue: declare it in the domain's hooks.py.")
    return emit_many(action, items, actor=ctx.actor)


def audited(ctx: ServiceContext, action: str, subject=None, *, summary: str) -> None:
    """An audit entry alone, for access records (sign-in, tokens, API keys): who reached the space,
    which the admins must see but which must not leave through webhooks."""
    record(action, summary=summary, target=subject, actor=ctx.actor, via=ctx.channel)
