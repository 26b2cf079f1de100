"""Roles and permissions, checked in one place and reused by GraphQL, REST and the admin.

A request carries a ``Principal``: who is calling (a person, an API key, or nobody), for which
tenant, with which permissions. ``principal.has(Perm.X)`` is the only check the API layers make.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"
    PROFESSIONAL = "professional"
    DECISION_MAKER = "decision_maker"
    TENANT_ADMIN = "tenant_admin"
    # Not a membership role: derived from OperatorMembership for the tenant's operator.
    OPERATOR_ADMIN = "operator_admin"

    @classmethod
    def tenant_choices(cls):
        labels = {
            cls.PARTICIPANT: _("Participant·e"),
            cls.FACILITATOR: _("Animateur·rice"),
            cls.PROFESSIONAL: _("Professionnel·le"),
            cls.DECISION_MAKER: _("Décideur·euse"),
            cls.TENANT_ADMIN: _("Administrateur·rice de l'espace"),
        }
        return [(role.value, label) for role, label in labels.items()]


class Perm(StrEnum):
    """What can be done. Later domains add their own members here, never ad-hoc strings."""

    READ_PUBLIC = "content.read_public"
    READ_UNPUBLISHED = "content.read_unpublished"
    EDIT_CONTENT = "content.edit"
    CONTRIBUTE = "participation.contribute"  # submit, support, comment, report as a signed-in person
    MODERATE = "participation.moderate"
    RESPOND = "participation.respond"  # official responses, commitments and their timeline
    SHARE_PRACTICE = "commons.share"  # publish / unpublish this programme's practices; adapt others'
    RUN_DIAGNOSTIC = "diagnostics.run"  # open, close and conclude diagnostic runs for a group
    READ_INDICATORS = "evaluation.read"  # the programme's indicators and exports
    MANAGE_TENANT = "tenant.manage"  # members, API keys, plugins, audit log
    MANAGE_OPERATOR = "operator.manage"  # provision, suspend, archive tenants of the operator
    USE_ADMIN = "admin.use"


_STAFF = {
    Perm.READ_PUBLIC,
    Perm.READ_UNPUBLISHED,
    Perm.EDIT_CONTENT,
    Perm.USE_ADMIN,
    Perm.CONTRIBUTE,
    Perm.SHARE_PRACTICE,
    Perm.RUN_DIAGNOSTIC,
    Perm.READ_INDICATORS,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.PARTICIPANT: frozenset({Perm.READ_PUBLIC, Perm.CONTRIBUTE}),
    Role.FACILITATOR: frozenset(_STAFF | {Perm.MODERATE}),
    Role.PROFESSIONAL: frozenset(_STAFF | {Perm.RESPOND}),
    Role.DECISION_MAKER: frozenset(_STAFF | {Perm.RESPOND}),
    Role.TENANT_ADMIN: frozenset(_STAFF | {Perm.MODERATE, Perm.RESPOND, Perm.MANAGE_TENANT}),
    Role.OPERATOR_ADMIN: frozenset(_STAFF | {Perm.MODERATE, Perm.RESPOND, Perm.MANAGE_TENANT, Perm.MANAGE_OPERATOR}),
}

SCOPE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    "read": frozenset({Perm.READ_PUBLIC, Perm.READ_UNPUBLISHED}),
    "write": frozenset({Perm.READ_PUBLIC, Perm.READ_UNPUBLISHED, Perm.EDIT_CONTENT}),
    # Contributing on behalf of external people is checked by participation.authors (never CONTRIBUTE,
    # which is a signed-in person's); responding is the RESPOND of professionals.
    "contribute": frozenset({Perm.READ_PUBLIC}),
    "respond": frozenset({Perm.READ_PUBLIC, Perm.RESPOND}),
}


@dataclass(frozen=True)
class Principal:
    """Who is calling, resolved once per request by ``tenants.auth``."""

    user: object | None = None
    api_key: object | None = None
    tenant: object | None = None
    role: Role | None = None
    permissions: frozenset[Perm] = field(default_factory=frozenset)
    is_platform_staff: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None or self.api_key is not None

    def has(self, perm: Perm) -> bool:
        return self.is_platform_staff or perm in self.permissions


def anonymous(tenant=None) -> Principal:
    perms = frozenset({Perm.READ_PUBLIC}) if tenant is not None else frozenset()
    return Principal(tenant=tenant, permissions=perms)


def role_of(user, tenant) -> Role | None:
    """The user's strongest role in ``tenant`` (operator admin beats membership). One query."""
    from tenants.models import Membership, OperatorMembership, User  # tenants.models imports Role from here

    if user is None or not getattr(user, "is_authenticated", False) or tenant is None:
        return None
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            is_operator_admin=Exists(
                OperatorMembership.objects.filter(user=OuterRef("pk"), operator_id=tenant.operator_id)
            )
        )
        .values("is_operator_admin")
        .annotate(role=Membership.objects.filter(user=OuterRef("pk"), tenant_id=tenant.pk).values("role")[:1])
        .first()
    )
    if row is None:
        return None
    if row["is_operator_admin"] and tenant.operator_id:
        return Role.OPERATOR_ADMIN
    return Role(row["role"]) if row["role"] else None


def principal_for_user(user, tenant) -> Principal:
    if tenant is None:
        return Principal(user=user, is_platform_staff=bool(user.is_superuser))
    role = role_of(user, tenant)
    perms = ROLE_PERMISSIONS.get(role, frozenset()) | {Perm.READ_PUBLIC}
    return Principal(
        user=user,
        tenant=tenant,
        role=role,
        permissions=frozenset(perms),
        is_platform_staff=bool(user.is_superuser),
    )


def principal_for_api_key(api_key, tenant) -> Principal:
    perms: set[Perm] = set()
    for scope in api_key.scopes:
        perms |= SCOPE_PERMISSIONS.get(scope, frozenset())
    return Principal(api_key=api_key, tenant=tenant, permissions=frozenset(perms))


def can_manage_operator_tenants(user, operator_id) -> bool:
    """Operator API check: platform superusers, or admins of that operator."""
    from tenants.models import OperatorMembership  # tenants.models imports Role from here

    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return OperatorMembership.objects.filter(user=user, operator_id=operator_id).exists()
