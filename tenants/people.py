"""People across spaces: deleting an account.

``delete_person`` is the one way an account is deleted (the platform admin's « Supprimer », and
the privacy code's erasure): it refuses to take away the last tenant admin of any space, and
journals the end of each membership in the space it belonged to before the account goes.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django_tenants.utils import tenant_context

from imedia_core.changes import changed
from imedia_core.context import ServiceContext, person_label
from imedia_core.errors import ServiceError
from imedia_core.permissions import Role

from .models import Membership, Tenant, User


def last_admin_spaces(user, *, lock: bool = False) -> list[Tenant]:
    """The spaces where ``user`` is the only tenant admin (by membership), in name order.

    ``lock`` (inside a transaction) locks the admins' memberships of those spaces, as
    ``members.check_an_admin_remains`` does, so a concurrent demotion cannot slip between."""
    spaces = Tenant.objects.filter(memberships__user=user, memberships__role=Role.TENANT_ADMIN)
    lone = (
        Tenant.objects.filter(pk__in=spaces.values("pk"))
        .annotate(admins=Count("memberships", filter=Q(memberships__role=Role.TENANT_ADMIN)))
        .filter(admins=1)
        .order_by("name")
    )
    if lock:
        list(
            Membership.objects.select_for_update()
            .filter(tenant__in=spaces.values("pk"), role=Role.TENANT_ADMIN)
            .values_list("pk", flat=True)
        )
    return list(lone)


def last_admin_message(user, spaces) -> str:
    names = ", ".join(f"« {space.name} »" for space in spaces)
    return (
        f"{user.email} est le ou la dernière administrateur·rice de : {names}. "
        "Nommez d'abord un·e autre administrateur·rice de ces espaces."
    )


def delete_person(ctx: ServiceContext, user: User) -> None:
    """Delete ``user``'s account. Refused (``LAST_ADMIN``, nothing changed) while they are the last
    tenant admin of a space; otherwise each of their memberships writes ``member.removed``
    (``account_deleted: true``) in its space's journal and outbox, then the account, its
    memberships, operator memberships and tokens are deleted.

    Allowed to platform staff (the platform admin, the CLI) and to the person themself."""
    if not (ctx.principal.is_platform_staff or (ctx.actor is not None and ctx.actor.pk == user.pk)):
        raise ServiceError.single("PERMISSION_DENIED", "Vous n'avez pas le droit de supprimer ce compte.")
    with transaction.atomic():
        spaces = last_admin_spaces(user, lock=True)
        if spaces:
            raise ServiceError.single("LAST_ADMIN", last_admin_message(user, spaces))
        for membership in Membership.objects.filter(user=user).select_related("tenant", "user").order_by("pk"):
            with tenant_context(membership.tenant):
                changed(
                    ctx,
                    "member.removed",
                    membership,
                    payload={"person": user.pk, "role": membership.role, "account_deleted": True},
                    summary=f"Compte supprimé : {person_label(user)}",
                )
        user.delete()
