"""Domain events through a per-tenant transactional outbox.

Services write events with ``imedia_core.changes.changed()`` (which calls ``outbox.emit``) inside
the transaction that makes the change; see ``dispatch`` for how events leave, and
docs/webhooks.md for the list of event types.
"""
