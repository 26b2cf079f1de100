"""Who has which role in a programme space: giving or changing a role, removing a member, and
the one rule every door obeys, that a space keeps at least one tenant admin.

GraphQL (``memberSetRole``, ``memberRemove``), the space's members page, the platform admin's
membership inline and the demo all call these functions, so none of them can leave a space
without an administrator or change a role without its audit entry and its ``member.*`` event.

Nothing here looks a person up on the whole platform by e-mail: people join a space by accepting
an invitation (``tenants.invitations``); the functions below find only the space's own members.
"""

from __future__ import annotations

from django.db import transaction
from django_tenants.utils import tenant_context

from imedia_core.changes import changed
from imedia_core.context import ServiceContext, person_label
from imedia_core.errors import ServiceError
from imedia_core.permissions import Role

from .models import Membership, User, normalise_email

LAST_ADMIN_MESSAGE = "L'espace doit garder au moins un·e administrateur·rice."


def require_manager(ctx: ServiceContext) -> None:
    """Members, plugins and API keys are the space admins' business (operator admins and the
    platform included)."""
    if not ctx.can_manage:
        raise ServiceError.single(
            "PERMISSION_DENIED", "Vous n'avez pas le droit d'effectuer cette opération dans cet espace."
        )


def members_of(tenant):
    """The space's memberships, people loaded, in e-mail order (what admins list)."""
    return Membership.objects.filter(tenant=tenant).select_related("user").order_by("user__email")


def tenant_role(role) -> str:
    """``role`` as a membership role value; operator admin is not one (it comes from the operator)."""
    value = getattr(role, "value", role)
    if value not in dict(Role.tenant_choices()):
        raise ServiceError.single("INVALID", "Ce rôle ne s'attribue pas dans un espace.", "role")
    return value


NOT_A_MEMBER_MESSAGE = (
    "Aucun membre de l'espace n'a cette adresse. Pour ajouter une personne, envoyez-lui une invitation."
)


def membership_with_email(tenant, email: str) -> Membership:
    """The space's member with this (normalised) address; the same refusal whether or not the
    address has an account elsewhere on the platform."""
    membership = (
        Membership.objects.filter(tenant=tenant, user__email=normalise_email(email)).select_related("user").first()
    )
    if membership is None:
        raise ServiceError.single("NOT_FOUND", NOT_A_MEMBER_MESSAGE, "email")
    return membership


def membership_of(tenant, pk, field: str = "id") -> Membership:
    """The space's membership ``pk``; another space's is not found."""
    membership = Membership.objects.filter(tenant=tenant, pk=pk).select_related("user").first() if pk else None
    if membership is None:
        raise ServiceError.single("NOT_FOUND", "Ce membre n'existe pas dans cet espace.", field)
    return membership


def check_an_admin_remains(tenant, roles: dict[int, str | None], field: str | None = None) -> None:
    """Refuse changes that would take the space's last tenant admin away.

    ``roles`` maps people (user ids) to the role they are about to have, ``None`` for a removal;
    several changes are judged together, so a form may promote one admin while demoting another.
    The admins' rows are locked, so two concurrent demotions cannot both pass.
    """
    admins = set(
        Membership.objects.select_for_update()
        .filter(tenant=tenant, role=Role.TENANT_ADMIN)
        .values_list("user_id", flat=True)
    )
    remaining = {user_id for user_id in admins if user_id not in roles}
    promoted = {user_id for user_id, role in roles.items() if role == Role.TENANT_ADMIN}
    if admins and not (remaining | promoted):
        raise ServiceError.single("LAST_ADMIN", LAST_ADMIN_MESSAGE, field)


def set_role(ctx: ServiceContext, person: User, role) -> Membership:
    """Give ``person`` a role in the context's space, or change it; unchanged roles write nothing.

    For doors that already hold the person (the platform admin's inline, the demo): the API and
    the space's admin change members' roles with ``set_member_role`` and add people by invitation."""
    require_manager(ctx)
    return grant_role(ctx, person, role)


def set_member_role(ctx: ServiceContext, membership: Membership, role) -> Membership:
    """Change the role of one of the space's members."""
    require_manager(ctx)
    if membership.tenant_id != ctx.tenant.pk:
        raise ServiceError.single("NOT_FOUND", "Ce membre n'existe pas dans cet espace.", "id")
    return grant_role(ctx, membership.user, role)


def grant_role(ctx: ServiceContext, person: User, role) -> Membership:
    """Set ``person``'s role in the context's space, whoever asks: callers check the right to
    (a manager, or the person accepting an invitation). The last-admin rule applies."""
    tenant = ctx.tenant
    value = tenant_role(role)
    with transaction.atomic():
        check_an_admin_remains(tenant, {person.pk: value}, "role")
        membership = Membership.objects.select_for_update().filter(tenant=tenant, user=person).first()
        if membership is not None and membership.role == value:
            return membership
        previous = membership.role if membership is not None else None
        membership, _ = Membership.objects.update_or_create(tenant=tenant, user=person, defaults={"role": value})
        with tenant_context(tenant):
            changed(
                ctx,
                "member.role_set",
                membership,
                payload={"person": person.pk, "role": value, "previous_role": previous},
                summary=f"{person_label(person)} : {value}",
            )
    return membership


def remove(ctx: ServiceContext, membership: Membership, *, field: str = "email") -> None:
    """Take a person out of the context's space; their account stays. ``field`` names the input
    that designated the member, for the errors."""
    require_manager(ctx)
    tenant = ctx.tenant
    if membership.tenant_id != tenant.pk:
        raise ServiceError.single("NOT_FOUND", "Ce membre n'existe pas dans cet espace.", field)
    with transaction.atomic():
        check_an_admin_remains(tenant, {membership.user_id: None}, field)
        with tenant_context(tenant):
            changed(
                ctx,
                "member.removed",
                membership,
                payload={"person": membership.user_id, "role": membership.role},
                summary=person_label(membership.user),
            )
        membership.delete()
