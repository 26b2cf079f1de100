"""Who acts, through which door: the one context every domain service takes first.

A service never asks the request, the form or the command who is calling. Each door builds a
``ServiceContext`` once (GraphQL from the request's principal, the admin from the signed-in
person, the CLI, connectors and background jobs as the system) and passes it down; the service
reads the actor for its audit entry and its event, the permissions for rules that depend on the
caller (moderators may do more than authors), and the channel for the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db import connection

from imedia_core.permissions import Perm, Principal, principal_for_user

ANONYMOUS_LABEL = "Anonyme"


class Channel(StrEnum):
    """The door a change came through, as written in the audit log (``AuditEntry.via``)."""

    GRAPHQL = "graphql"
    REST = "rest"
    ADMIN = "admin"
    CLI = "cli"
    CONNECTOR = "connector"
    JOB = "job"
    DEMO = "demo"


def person_label(user) -> str:
    """The name shown for a signed-in person: never their e-mail address."""
    name = (getattr(user, "display_name", "") or "").strip()
    return name[:200] if name else "Participant·e"


@dataclass(frozen=True)
class ServiceContext:
    """The caller of a domain service: a principal (person, API key or nobody), the channel, and
    the client's address where a rule needs it (anonymous rate limits)."""

    principal: Principal
    channel: Channel
    ip: str = field(default="", compare=False)

    # --- building one at each door ---------------------------------------------------------

    @classmethod
    def for_principal(cls, principal: Principal, channel: Channel, *, ip: str = "") -> ServiceContext:
        """A request's caller (GraphQL, REST), with exactly the rights its principal has."""
        return cls(principal=principal, channel=Channel(channel), ip=ip)

    @classmethod
    def for_user(cls, user, tenant, channel: Channel, *, ip: str = "") -> ServiceContext:
        """A person acting in ``tenant`` with the rights of their role there (admin, seeds)."""
        return cls(principal=principal_for_user(user, tenant), channel=Channel(channel), ip=ip)

    @classmethod
    def system(cls, channel: Channel, *, actor=None, tenant=None) -> ServiceContext:
        """The platform itself (CLI, jobs, connectors, provisioning): every right, no rate
        limit; ``actor`` is who launched it, when a person did."""
        return cls(principal=Principal(user=actor, tenant=tenant, is_platform_staff=True), channel=Channel(channel))

    # --- what services read -----------------------------------------------------------------

    @property
    def actor(self):
        """The person acting, or None (an API key, the system, an anonymous visitor)."""
        return self.principal.user

    @property
    def tenant(self):
        if self.principal.tenant is not None:
            return self.principal.tenant
        return getattr(connection, "tenant", None)

    @property
    def user_id(self) -> int | None:
        return getattr(self.actor, "pk", None)

    @property
    def label(self) -> str:
        return person_label(self.actor) if self.actor is not None else ANONYMOUS_LABEL

    @property
    def is_api_key(self) -> bool:
        return self.principal.api_key is not None

    def has(self, perm: Perm) -> bool:
        return self.principal.has(perm)

    @property
    def can_contribute(self) -> bool:
        """Participation is people's: a signed-in person whose role allows it."""
        return self.actor is not None and self.has(Perm.CONTRIBUTE)

    @property
    def can_moderate(self) -> bool:
        return self.has(Perm.MODERATE)

    @property
    def can_manage(self) -> bool:
        return self.has(Perm.MANAGE_TENANT)
