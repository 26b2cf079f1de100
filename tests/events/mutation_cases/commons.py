"""The good-practice commons: what each mutation writes to the caller's outbox when it succeeds.

Adapting makes a draft of the caller's resource centre: the resource centre's own event comes
with ``practice.adapted``.
"""

from django.utils import timezone

from imedia_core.commons import services
from imedia_core.commons.models import Practice
from imedia_core.graphql.commons.ids import practice_global_id
from tenants.models import Tenant

from . import Case

PAYLOAD = "errors { field code message }"
INITIATIVE = {"title": "Un café des parents", "summary": "Un temps convivial chaque mois, invité par les écoles."}


def _shared_here(ctx) -> dict:
    """A practice the caller's programme shared."""
    result = services.share_practice(
        ctx["service"], source_kind="initiative", data=INITIATIVE, consent=True, personal_data_removed=True
    )
    return {"id": practice_global_id(result.practice.pk)}


def _shared_elsewhere(ctx) -> dict:
    """A practice another programme shared (a row of the public schema, as its sharing left it)."""
    beta = Tenant.objects.get(schema_name="beta")
    practice = Practice.objects.create(
        source_tenant=beta,
        source_programme=beta.name,
        policy_area=beta.policy_area,
        source_kind="initiative",
        consent_given=True,
        personal_data_removed=True,
        shared_at=timezone.now(),
        **INITIATIVE,
    )
    return {"id": practice_global_id(practice.pk)}


CASES = [
    Case(
        mutation="practiceShare",
        document=f"mutation($input: PracticeShareInput!) {{ practiceShare(input: $input) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {
            "input": {"sourceKind": "INITIATIVE", "consent": True, "personalDataRemoved": True, **INITIATIVE}
        },
        events=("practice.shared",),
    ),
    Case(
        mutation="practiceUnpublish",
        document=f"mutation($id: ID!) {{ practiceUnpublish(id: $id) {{ {PAYLOAD} }} }}",
        setup=_shared_here,
        events=("practice.unpublished",),
    ),
    Case(
        mutation="practiceAdapt",
        document=f"mutation($id: ID!) {{ practiceAdapt(id: $id) {{ alreadyAdapted {PAYLOAD} }} }}",
        setup=_shared_elsewhere,
        events=("resource.created", "practice.adapted"),
    ),
]
