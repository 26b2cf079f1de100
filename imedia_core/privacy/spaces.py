"""The spaces where a person has, or had, a trace: what the rights of access and erasure visit.

- every space recorded in ``PersonSpace`` (a role or a token there, now or before);
- every programme of the operators the person administers;
- every programme, for platform staff (they may act anywhere through the platform admin).

One query, whatever the number of spaces: the rights then visit each space once.
"""

from django.db.models import Exists, OuterRef, Q

from tenants.models import Membership, OperatorMembership, Tenant

from .models import PersonSpace


def spaces_of(user):
    """The programme spaces to visit for ``user``, by slug."""
    programmes = Tenant.objects.programmes()
    if user.is_staff or user.is_superuser:
        return programmes.order_by("schema_name")
    return programmes.filter(
        Q(Exists(PersonSpace.objects.filter(user_id=user.pk, tenant=OuterRef("pk"))))
        | Q(Exists(Membership.objects.filter(user_id=user.pk, tenant=OuterRef("pk"))))
        | Q(Exists(OperatorMembership.objects.filter(user_id=user.pk, operator_id=OuterRef("operator_id"))))
    ).order_by("schema_name")
