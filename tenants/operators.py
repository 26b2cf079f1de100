"""Who runs which programmes: the scope of an operator's console, shared by the platform admin's
screens (programmes, indicators, exports)."""

from .models import Operator, Tenant


def sees_every_programme(user) -> bool:
    """Superusers, and staff given Django's right on programmes, see every programme."""
    return bool(user.is_authenticated and (user.is_superuser or user.has_perm("tenants.change_tenant")))


def managed_operators(user):
    """The operators whose programmes ``user`` runs (none for a signed-out visitor)."""
    if not user.is_authenticated:
        return Operator.objects.none()
    if user.is_superuser:
        return Operator.objects.all()
    return Operator.objects.filter(admins__user=user)


def visible_programmes(user):
    """The programmes ``user`` sees in the console: every one, or those of their operators."""
    programmes = Tenant.objects.programmes()
    if sees_every_programme(user):
        return programmes
    if not user.is_authenticated:
        return programmes.none()
    return programmes.filter(operator__admins__user=user)
