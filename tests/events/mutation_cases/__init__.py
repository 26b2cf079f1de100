"""One successful call per GraphQL mutation and the domain events it must write.

Each domain lists its cases in a module of this package (``CASES``); ``test_mutation_events``
runs them all over HTTP and checks that together they cover every mutation of the schema.

A case's ``setup(ctx)`` runs inside the tenant's schema before the call, with ``ctx`` a dict
holding ``tenant`` (the ``alpha`` tenant), ``user`` (the caller, a tenant admin unless ``role``
says otherwise) and ``service`` (a ``ServiceContext`` of that user on the admin channel); it
returns the GraphQL variables. ``events`` are the types the call must add to the outbox, as a
multiset (order ignored), nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    mutation: str
    document: str
    events: tuple[str, ...]
    setup: Callable[[dict], dict] = field(default=lambda ctx: {})
    role: str = "tenant_admin"
    anonymous: bool = False
