"""Official responses and commitments: what each mutation writes to the outbox when it succeeds.

Drafts are events too (``response.created`` / ``updated`` / ``deleted``), for the space's own
integrations; linking contributions writes its own event and, as before, ``commitment.updated``.
The contributions answered are rows made directly, as the participation domain leaves them.
"""

import datetime as dt

from django.db import connection
from django.utils import timezone
from graphql_relay import to_global_id

from imedia_core.feedback import services
from imedia_core.participation.models import Contribution

from . import Case

PAYLOAD = "errors { field code message }"
DUE = dt.date(2031, 6, 30)


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, f"{connection.schema_name}:{pk}")


def _contribution(title: str = "Le centre ferme trop tôt") -> Contribution:
    return Contribution.objects.create(
        kind="proposal",
        title=title,
        body="Les personnes qui travaillent ne peuvent pas venir.",
        status="published",
        author_kind="person",
        author_label="Samia B.",
        published_at=timezone.now(),
    )


def _draft_id(ctx) -> dict:
    draft = services.create_response(
        ctx["service"], _contribution(), {"decision": "under_study", "text": "On regarde."}
    )
    return {"id": gid("Response", draft.pk)}


def _commitment(ctx, *contributions):
    return services.create_commitment(
        ctx["service"],
        {
            "title": "Ouvrir le samedi matin",
            "owner_label": "Direction",
            "due_date": DUE,
            "contributions": contributions,
        },
    )


def _link(ctx) -> dict:
    return {"id": gid("Commitment", _commitment(ctx).pk), "ids": [gid("Contribution", _contribution().pk)]}


def _unlink(ctx) -> dict:
    contribution = _contribution()
    return {"id": gid("Commitment", _commitment(ctx, contribution).pk), "ids": [gid("Contribution", contribution.pk)]}


RESPONSE_CREATE = (
    "mutation($input: ResponseCreateInput!, $publish: Boolean) "
    f"{{ responseCreate(input: $input, publish: $publish) {{ {PAYLOAD} }} }}"
)

CASES = [
    Case(
        mutation="responseCreate",
        document=RESPONSE_CREATE,
        setup=lambda ctx: {
            "input": {"contributionId": gid("Contribution", _contribution().pk), "decision": "ACCEPTED", "text": "Oui."}
        },
        events=("response.created",),
    ),
    Case(
        mutation="responseCreate",
        document=RESPONSE_CREATE,
        setup=lambda ctx: {
            "input": {
                "contributionId": gid("Contribution", _contribution().pk),
                "decision": "ACCEPTED",
                "text": "Oui.",
            },
            "publish": True,
        },
        events=("response.created", "response.published"),
    ),
    Case(
        mutation="responseUpdate",
        document=(
            "mutation($id: ID!, $input: ResponseUpdateInput!) "
            f"{{ responseUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {**_draft_id(ctx), "input": {"text": "Nous étudions la question."}},
        events=("response.updated",),
    ),
    Case(
        mutation="responsePublish",
        document=f"mutation($id: ID!) {{ responsePublish(id: $id) {{ {PAYLOAD} }} }}",
        setup=_draft_id,
        events=("response.published",),
    ),
    Case(
        mutation="responseDelete",
        document=f"mutation($id: ID!) {{ responseDelete(id: $id) {{ deletedId {PAYLOAD} }} }}",
        setup=_draft_id,
        events=("response.deleted",),
    ),
    Case(
        mutation="commitmentCreate",
        document=f"mutation($input: CommitmentCreateInput!) {{ commitmentCreate(input: $input) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {
            "input": {
                "title": "Ouvrir le samedi matin",
                "ownerLabel": "Direction",
                "dueDate": DUE.isoformat(),
                "contributions": [gid("Contribution", _contribution().pk)],
            }
        },
        events=("commitment.created",),
    ),
    Case(
        # Progress on a planned commitment starts it: a change, and a change of status.
        mutation="commitmentUpdate",
        document=(
            "mutation($id: ID!, $input: CommitmentUpdateInput!) "
            f"{{ commitmentUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"id": gid("Commitment", _commitment(ctx).pk), "input": {"progress": 30}},
        events=("commitment.updated", "commitment.status_changed"),
    ),
    Case(
        mutation="commitmentAddUpdate",
        document=(
            "mutation($id: ID!, $input: CommitmentStepInput!) "
            f"{{ commitmentAddUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"id": gid("Commitment", _commitment(ctx).pk), "input": {"text": "Vacataire recruté."}},
        events=("commitment.updated",),
    ),
    Case(
        mutation="commitmentLinkContributions",
        document=(
            "mutation($id: ID!, $ids: [ID!]!) "
            f"{{ commitmentLinkContributions(id: $id, contributions: $ids) {{ {PAYLOAD} }} }}"
        ),
        setup=_link,
        events=("commitment.linked", "commitment.updated"),
    ),
    Case(
        mutation="commitmentUnlinkContributions",
        document=(
            "mutation($id: ID!, $ids: [ID!]!) "
            f"{{ commitmentUnlinkContributions(id: $id, contributions: $ids) {{ {PAYLOAD} }} }}"
        ),
        setup=_unlink,
        events=("commitment.unlinked", "commitment.updated"),
    ),
]
