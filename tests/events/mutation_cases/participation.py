"""Bottom-up participation: what each mutation writes to the outbox when it succeeds.

People's own gestures are events too (support, report), except following, which only decides who
gets the emails. Contributions and comments the cases act on are made through the services
beforehand (by another person of the space, so the caller may support or report them).
"""

from django.db import connection
from graphql_relay import to_global_id

from imedia_core.context import Channel, ServiceContext
from imedia_core.participation.comments import add_comment
from imedia_core.participation.contributions import (
    follow_contribution,
    moderate_contribution,
    submit_contribution,
    support_contribution,
)
from tenants.models import Membership, User

from . import Case

CONTRIBUTION = "contribution { id status } errors { field code message }"
MODERATOR = ServiceContext.system(Channel.CLI)
OTHER = "autre.personne@alpha.test"


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, f"{connection.schema_name}:{pk}")


def _someone_else(ctx) -> ServiceContext:
    """Another participant of the space, as the services see them."""
    user = User.objects.filter(email=OTHER).first()
    if user is None:
        user = User.objects.create_user(email=OTHER, password="x", display_name="Awa")
        Membership.objects.create(user=user, tenant=ctx["tenant"], role="participant")
    return ServiceContext.for_user(user, ctx["tenant"], Channel.GRAPHQL)


def _pending(author: ServiceContext):
    return submit_contribution(author, {"kind": "proposal", "title": "Un minibus le samedi", "body": "Pour le marché."})


def _published(ctx):
    contribution = _pending(_someone_else(ctx))
    return moderate_contribution(MODERATOR, contribution, "approve")


def _mine(ctx) -> dict:
    return {"id": gid("Contribution", _pending(ctx["service"]).pk)}


def _published_id(ctx) -> dict:
    return {"id": gid("Contribution", _published(ctx).pk)}


def _supported(ctx) -> dict:
    contribution = _published(ctx)
    support_contribution(ctx["service"], contribution)
    return {"id": gid("Contribution", contribution.pk)}


def _followed(ctx) -> dict:
    contribution = _published(ctx)
    follow_contribution(ctx["service"], contribution)
    return {"id": gid("Contribution", contribution.pk)}


def _pending_comment(ctx) -> dict:
    comment = add_comment(_someone_else(ctx), _published(ctx), {"body": "Oui, le samedi matin surtout."})
    return {"id": gid("Comment", comment.pk)}


def _simple(mutation: str, events: tuple[str, ...], setup, role: str = "participant") -> Case:
    return Case(
        mutation,
        f"mutation($id: ID!) {{ {mutation}(id: $id) {{ {CONTRIBUTION} }} }}",
        events=events,
        setup=setup,
        role=role,
    )


CASES = [
    Case(
        "contributionSubmit",
        f"mutation($input: ContributionSubmitInput!) {{ contributionSubmit(input: $input) {{ {CONTRIBUTION} }} }}",
        events=("contribution.submitted",),  # the programme moderates first (the default): not published yet
        setup=lambda ctx: {"input": {"kind": "QUESTION", "title": "Quand ouvre le guichet ?"}},
        role="participant",
    ),
    Case(
        "contributionEdit",
        f"mutation($id: ID!, $input: ContributionEditInput!) {{ contributionEdit(id: $id, input: $input) "
        f"{{ {CONTRIBUTION} }} }}",
        events=("contribution.edited",),
        setup=lambda ctx: {**_mine(ctx), "input": {"body": "Pour aller au marché, le samedi."}},
        role="participant",
    ),
    Case(
        "contributionWithdraw",
        f'mutation($id: ID!) {{ contributionWithdraw(id: $id, reason: "Réglé") {{ {CONTRIBUTION} }} }}',
        events=("contribution.status_changed", "contribution.withdrawn"),
        setup=_mine,
        role="participant",
    ),
    _simple("contributionSupport", ("contribution.supported",), _published_id),
    _simple("contributionUnsupport", ("contribution.unsupported",), _supported),
    _simple("contributionFollow", (), _published_id),
    _simple("contributionUnfollow", (), _followed),
    _simple("contributionReport", ("contribution.reported",), _published_id),
    Case(
        "contributionModerate",
        f"mutation($id: ID!) {{ contributionModerate(id: $id, action: APPROVE) {{ {CONTRIBUTION} }} }}",
        events=("contribution.status_changed", "contribution.published"),
        setup=lambda ctx: {"id": gid("Contribution", _pending(_someone_else(ctx)).pk)},
        role="facilitator",
    ),
    Case(
        "commentAdd",
        "mutation($input: CommentAddInput!) { commentAdd(input: $input) { comment { id } errors { field code message } } }",
        events=("comment.submitted",),
        setup=lambda ctx: {"input": {"contributionId": _published_id(ctx)["id"], "body": "Bonne idée."}},
        role="participant",
    ),
    Case(
        "commentModerate",
        "mutation($id: ID!) { commentModerate(id: $id, action: APPROVE) { comment { id } errors { field code message } } }",
        events=("comment.status_changed", "comment.published"),
        setup=_pending_comment,
        role="facilitator",
    ),
    Case(
        "participationSettingsUpdate",
        "mutation($input: ParticipationSettingsInput!) { participationSettingsUpdate(input: $input) "
        "{ settings { moderationMode } errors { field code message } } }",
        events=("participation.settings_updated",),
        setup=lambda ctx: {"input": {"moderationMode": "POST", "allowAnonymous": True}},
    ),
    Case(
        "expressionGroupCreate",
        'mutation($emails: [String!]) { expressionGroupCreate(name: "Atelier mobilité", memberEmails: $emails) '
        "{ group { id } errors { field code message } } }",
        events=("expression_group.created", "expression_group.member_added"),
        setup=lambda ctx: {"emails": [ctx["user"].email]},
        role="facilitator",
    ),
]
