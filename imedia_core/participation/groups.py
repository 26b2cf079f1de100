"""Expression groups: a workshop, a trainee cohort… that speaks as one. Facilitators create and
manage them; their members (people of the space) may sign contributions in the group's name.

A group is deactivated rather than deleted: the contributions it signed keep its name.
"""

from __future__ import annotations

from django.db import transaction

from imedia_core.changes import changed
from imedia_core.content.sanitize import plain_text
from imedia_core.context import ServiceContext, person_label
from imedia_core.errors import ServiceError
from tenants.models import User

from .inputs import clean_name
from .models import ExpressionGroup, GroupMember


def _require_facilitator(ctx: ServiceContext) -> None:
    if not ctx.can_moderate:
        raise ServiceError.single(
            "PERMISSION_DENIED", "Seul·es les animateur·rices peuvent gérer les groupes d'expression."
        )


def clean_group_name(value, *, field: str = "name", exclude_pk: int | None = None) -> str:
    """A group's name: required, at most 200 characters, unique in the space (whatever the case)."""
    name = clean_name(value, field, missing="Donnez un nom au groupe.")
    if ExpressionGroup.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ServiceError.single("UNIQUE", f"Un groupe s'appelle déjà « {name} ».", field)
    return name


def resolve_group(value, *, field: str) -> ExpressionGroup:
    """An active group of this space, given as itself or by primary key."""
    if isinstance(value, ExpressionGroup):
        group = value
    else:
        group = ExpressionGroup.objects.filter(pk=value).first() if str(value or "").isdigit() else None
    if group is None:
        raise ServiceError.single("NOT_FOUND", "Ce groupe d'expression n'existe pas dans cet espace.", field)
    if not group.is_active:
        raise ServiceError.single("NOT_ALLOWED", "Ce groupe d'expression n'est plus actif.", field)
    return group


def space_members(tenant):
    """The people who have a role in ``tenant``: the only ones a group may gather."""
    return User.objects.filter(memberships__tenant=tenant)


def _members_by_email(ctx: ServiceContext, emails) -> list:
    wanted = {email.strip().lower() for email in emails or [] if email.strip()}
    members = list(space_members(ctx.tenant).filter(email__in=wanted))
    if len(members) != len(wanted):
        raise ServiceError.single(
            "NOT_FOUND", "Une des adresses n'est pas celle d'un membre de cet espace.", "memberEmails"
        )
    return members


def _group_payload(group: ExpressionGroup) -> dict:
    return {"name": group.name, "is_active": group.is_active}


@transaction.atomic
def create_group(ctx: ServiceContext, data: dict) -> ExpressionGroup:
    """Create a group. ``data`` keys: name, description, is_active (default: active),
    member_emails (people of this space)."""
    _require_facilitator(ctx)
    name = clean_group_name(data.get("name"))
    members = _members_by_email(ctx, data.get("member_emails"))
    group = ExpressionGroup.objects.create(
        name=name,
        description=plain_text(data.get("description") or "", multiline=True),
        is_active=data.get("is_active") is not False,
    )
    changed(ctx, "expression_group.created", group, payload=_group_payload(group))
    for user in members:
        add_group_member(ctx, group, user)
    return group


@transaction.atomic
def update_group(ctx: ServiceContext, group: ExpressionGroup, data: dict) -> ExpressionGroup:
    """Rename, describe, deactivate or reactivate a group. ``data`` keys: name, description, is_active."""
    _require_facilitator(ctx)
    if data.get("name") is not None:
        group.name = clean_group_name(data["name"], exclude_pk=group.pk)
    if data.get("description") is not None:
        group.description = plain_text(data["description"], multiline=True)
    if data.get("is_active") is not None:
        group.is_active = bool(data["is_active"])
    group.save()
    changed(ctx, "expression_group.updated", group, payload=_group_payload(group))
    return group


@transaction.atomic
def add_group_member(ctx: ServiceContext, group: ExpressionGroup, user) -> GroupMember:
    """Let ``user`` sign in the group's name (nothing changes when they already may)."""
    _require_facilitator(ctx)
    member, created = GroupMember.objects.get_or_create(
        group=group, user_id=user.pk, defaults={"user_label": person_label(user)}
    )
    if created:
        changed(
            ctx,
            "expression_group.member_added",
            group,
            payload={"user_id": user.pk},
            summary=f"{group.name} : {member.user_label}",
        )
    return member


@transaction.atomic
def remove_group_member(ctx: ServiceContext, member: GroupMember) -> None:
    _require_facilitator(ctx)
    group, user_id, label = member.group, member.user_id, member.user_label
    member.delete()
    changed(
        ctx, "expression_group.member_removed", group, payload={"user_id": user_id}, summary=f"{group.name} : {label}"
    )
