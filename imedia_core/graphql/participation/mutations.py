"""Mutations of bottom-up participation. The rules are in ``imedia_core.participation``
(``contributions``, ``comments``, ``settings``, ``groups``); these classes translate inputs and
errors (a refusal returns ``errors`` and changes nothing).

Loading a contribution by ID goes through ``Contribution.get_queryset``: what the caller may not
see is ``NOT_FOUND``, exactly like an ID of another programme.
"""

from contextlib import contextmanager

import graphene

from imedia_core.errors import ServiceError
from imedia_core.participation import comments, contributions, groups, models
from imedia_core.participation.settings import update_settings
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation, input_field
from ..core.nodes import get_or_not_found, pk_from_global_id
from .types import (
    AuthorKindEnum,
    Comment,
    Contribution,
    ContributionKindEnum,
    ExpressionGroup,
    ModerationActionEnum,
    ModerationModeEnum,
    ParticipationError,
    ParticipationSettings,
)

NOT_FOUND = "Aucune contribution avec cet identifiant dans cet espace."


def _contribution(info, global_id, *, field="id", lock=True) -> models.Contribution:
    queryset = Contribution.get_queryset(models.Contribution.objects.all(), info)
    return get_or_not_found(queryset, global_id, "Contribution", NOT_FOUND, field=field, lock=lock)


# The services name an error's field after their own data keys; the API's inputs are named after
# the convention (one reference: ``<name>Id``; a list: the plural noun).
SERVICE_FIELDS = {"phase": "phaseId", "group": "groupId", "contribution": "contributionId"}


@contextmanager
def _input_fields():
    """Re-raise a service's refusal with its fields named as this API's inputs."""
    try:
        yield
    except ServiceError as exc:
        raise ServiceError(
            [{**error, "field": SERVICE_FIELDS.get(error["field"], error["field"])} for error in exc.errors]
        ) from exc


def _pk(global_id, type_name, field):
    if global_id is None:
        return None
    pk = pk_from_global_id(global_id, type_name)
    if pk is None:
        raise MutationError("NOT_FOUND", f"Identifiant inconnu dans cet espace : {global_id}.", field)
    return pk


class OnBehalfOfInput(graphene.InputObjectType):
    class Meta:
        description = (
            "Who it is written for. Facilitators (MODERATE) entering a contribution for someone: the person's name, "
            "or a group; shown as « <name> (saisi par <facilitator>) ». Service accounts (API keys with the "
            "CONTRIBUTE scope): the external person's name (required), and the integrator's `externalId` and `url` "
            "of this submission; shown as « via <key name> : <name> »."
        )

    name = graphene.String(description="Name of the person it is written for (as they want it shown).")
    group_id = graphene.ID(description="Global ID of the expression group it is entered for (facilitators).")
    external_id = graphene.String(
        description="Service accounts: the integrator's id of this submission (at most 200 characters); a second "
        "submission with the same id is refused as DUPLICATE, so a retry never duplicates."
    )
    url = graphene.String(description="Service accounts: its address on the integrator's side (http or https).")


def _on_behalf(on_behalf) -> dict:
    return {
        "name": on_behalf.get("name"),
        "group": _pk(on_behalf.get("group_id"), "ExpressionGroup", "onBehalfOf"),
        "external_id": on_behalf.get("external_id"),
        "url": on_behalf.get("url"),
    }


class ContributionSubmitInput(graphene.InputObjectType):
    class Meta:
        description = "A new contribution: a short title, an optional text, and who speaks."

    kind = input_field(ContributionKindEnum, required=True, description="What it is.")
    title = graphene.String(required=True, description="A short title, plain text (at most 200 characters).")
    body = graphene.String(description="The contribution itself, plain text (at most 5000 characters).")
    phase_id = graphene.ID(description="Global ID of the phase it belongs to.")
    themes = graphene.List(graphene.NonNull(graphene.ID), description="Global IDs of its themes.")
    author_kind = graphene.Field(
        AuthorKindEnum,
        description="Who speaks: PERSON (default when signed in), PSEUDONYM, ANONYMOUS (default when not signed "
        "in; only where the programme allows it), or GROUP (members of the group, and facilitators).",
    )
    pseudonym = graphene.String(description="The pseudonym to show (with authorKind PSEUDONYM).")
    group_id = graphene.ID(description="Global ID of the expression group (with authorKind GROUP).")
    on_behalf_of = graphene.Field(
        OnBehalfOfInput,
        description="Facilitators: enter it for a person or a group. Service accounts: the external person it is for.",
    )
    attachment_token = graphene.String(
        description="Token returned by `POST /api/participation/attachments/` to join that file (audio, video…)."
    )
    website = graphene.String(description="Leave empty: a field for robots only (anti-spam honeypot).")


class ContributionEditInput(graphene.InputObjectType):
    class Meta:
        description = "Changes by the author within the edit window: omitted or null fields stay as they are."

    kind = graphene.Field(ContributionKindEnum, description="What it is.")
    title = graphene.String(description="A short title, plain text.")
    body = graphene.String(description="The text, plain.")
    phase_id = graphene.ID(description="Global ID of its phase.")
    themes = graphene.List(graphene.NonNull(graphene.ID), description="Global IDs of its themes (replaces the list).")


class ContributionPayloadMixin:
    contribution = graphene.Field(Contribution, description="The contribution as it now stands (null on error).")


class ContributionSubmit(ContributionPayloadMixin, BaseMutation):
    class Arguments:
        input = ContributionSubmitInput(required=True, description="The contribution.")

    class Meta:
        description = (
            "Raise a question, observation, proposal or testimony. Signed-in people need CONTRIBUTE; without "
            "signing in, only where the programme allows anonymity (rate-limited per client); service accounts "
            "(API keys with the CONTRIBUTE scope) on behalf of a named external person (`onBehalfOf`, rate-limited "
            "per key). Published at once in post-moderation, else pending until a moderator approves."
        )
        error_type = ParticipationError
        allow_anonymous = True

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        data = {k: v for k, v in input.items() if k not in ("phase_id", "themes", "group_id", "on_behalf_of")}
        data["phase"] = _pk(input.get("phase_id"), "Phase", "phaseId")
        if input.get("themes") is not None:
            data["themes"] = [_pk(t, "Theme", "themes") for t in input["themes"]]
        data["group"] = _pk(input.get("group_id"), "ExpressionGroup", "groupId")
        on_behalf = input.get("on_behalf_of")
        if on_behalf is not None:
            data["on_behalf_of"] = _on_behalf(on_behalf)
        with _input_fields():
            contribution = contributions.submit_contribution(service_context(info), data)
        return cls(contribution=contribution, errors=[])


class ContributionEdit(ContributionPayloadMixin, BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the contribution.")
        input = ContributionEditInput(required=True, description="The changes.")

    class Meta:
        description = (
            "Its author changes a contribution within the programme's edit window. In pre-moderation an edited "
            "published contribution goes back to the moderation queue; automatic checks run again."
        )
        error_type = ParticipationError
        permission = Perm.CONTRIBUTE

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        contribution = _contribution(info, id)
        data = {k: v for k, v in input.items() if k in ("kind", "title", "body")}
        if "phase_id" in input:
            data["phase"] = _pk(input["phase_id"], "Phase", "phaseId")
        if input.get("themes") is not None:
            data["themes"] = [_pk(t, "Theme", "themes") for t in input["themes"]]
        with _input_fields():
            contribution = contributions.edit_contribution(service_context(info), contribution, data)
        return cls(contribution=contribution, errors=[])


class ContributionWithdraw(ContributionPayloadMixin, BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the contribution.")
        reason = graphene.String(description="Why, if the author wants to say (shown to followers).")

    class Meta:
        description = "Its author (or the facilitator who entered it) withdraws a contribution."
        error_type = ParticipationError
        permission = Perm.CONTRIBUTE

    @classmethod
    def perform_mutation(cls, root, info, principal, id, reason=None):
        contribution = contributions.withdraw_contribution(service_context(info), _contribution(info, id), reason or "")
        return cls(contribution=contribution, errors=[])


def _simple(name, service, description, permission=Perm.CONTRIBUTE, *, with_reason=False):
    """A mutation taking a contribution ID (and a reason) and calling ``service``."""

    arguments = {"id": graphene.ID(required=True, description="Global ID of the contribution.")}
    if with_reason:
        arguments["reason"] = graphene.String(description="Why (plain text, at most 500 characters).")

    def perform_mutation(cls, root, info, principal, id, reason=None):
        args = (reason or "",) if with_reason else ()
        contribution = service(service_context(info), _contribution(info, id), *args)
        return cls(contribution=contribution, errors=[])

    return type(
        name,
        (ContributionPayloadMixin, BaseMutation),
        {
            "Arguments": type("Arguments", (), arguments),
            "Meta": type(
                "Meta", (), {"description": description, "error_type": ParticipationError, "permission": permission}
            ),
            "perform_mutation": classmethod(perform_mutation),
        },
    )


ContributionSupport = _simple(
    "ContributionSupport",
    contributions.support_contribution,
    "Support a published contribution (once per person; not your own). Supporters follow it.",
)
ContributionUnsupport = _simple(
    "ContributionUnsupport", contributions.unsupport_contribution, "Take back your support of a contribution."
)
ContributionFollow = _simple(
    "ContributionFollow",
    contributions.follow_contribution,
    "Be told by email when the contribution's status changes or it gets an official response.",
)
ContributionUnfollow = _simple(
    "ContributionUnfollow", contributions.unfollow_contribution, "Stop receiving emails about a contribution."
)
ContributionReport = _simple(
    "ContributionReport",
    contributions.report_contribution,
    "Report a published contribution as abusive (once per person). At the programme's threshold it goes back "
    "to the moderation queue.",
    with_reason=True,
)


class ContributionModerate(ContributionPayloadMixin, BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the contribution.")
        action = ModerationActionEnum(required=True, description="What to do (see the state machine in the docs).")
        reason = graphene.String(description="Why; required to REJECT and to HIDE. Shown to the author and followers.")

    class Meta:
        description = "Moderate a contribution: APPROVE, REJECT, HIDE, RESTORE or REQUEUE. Followers are told by email."
        error_type = ParticipationError
        permission = Perm.MODERATE

    @classmethod
    def perform_mutation(cls, root, info, principal, id, action, reason=None):
        contribution = contributions.moderate_contribution(
            service_context(info), _contribution(info, id), action, reason or ""
        )
        return cls(contribution=contribution, errors=[])


class CommentAddInput(graphene.InputObjectType):
    class Meta:
        description = "A comment under a published contribution."

    contribution_id = graphene.ID(required=True, description="Global ID of the contribution.")
    body = graphene.String(required=True, description="The comment, plain text (at most 2000 characters).")
    author_kind = graphene.Field(
        AuthorKindEnum, description="PERSON (default when signed in), PSEUDONYM or ANONYMOUS, as the programme allows."
    )
    pseudonym = graphene.String(description="The pseudonym to show (with authorKind PSEUDONYM).")
    on_behalf_of = graphene.Field(
        OnBehalfOfInput, description="Service accounts only: the external person it is for (name, externalId, url)."
    )
    website = graphene.String(description="Leave empty: a field for robots only (anti-spam honeypot).")


class CommentAdd(BaseMutation):
    class Arguments:
        input = CommentAddInput(required=True, description="The comment.")

    class Meta:
        description = "Comment a published contribution; moderated like contributions (the programme's mode)."
        error_type = ParticipationError
        allow_anonymous = True

    comment = graphene.Field(Comment, description="The comment (null on error).")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        contribution = _contribution(info, input["contribution_id"], field="contributionId")
        data = {k: input.get(k) for k in ("body", "author_kind", "pseudonym", "website")}
        if input.get("on_behalf_of") is not None:
            data["on_behalf_of"] = _on_behalf(input["on_behalf_of"])
        with _input_fields():
            comment = comments.add_comment(service_context(info), contribution, data)
        return cls(comment=comment, errors=[])


class CommentModerate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the comment.")
        action = ModerationActionEnum(required=True, description="APPROVE, REJECT, HIDE or RESTORE.")
        reason = graphene.String(description="Why; required to REJECT and to HIDE.")

    class Meta:
        description = "Moderate a comment."
        error_type = ParticipationError
        permission = Perm.MODERATE

    comment = graphene.Field(Comment, description="The comment as it now stands (null on error).")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, action, reason=None):
        comment = get_or_not_found(
            models.Comment.objects.all(), id, "Comment", "Aucun commentaire avec cet identifiant.", lock=True
        )
        comment = comments.moderate_comment(service_context(info), comment, action, reason or "")
        return cls(comment=comment, errors=[])


class ParticipationSettingsInput(graphene.InputObjectType):
    class Meta:
        description = "Changes to the participation rules: omitted or null fields stay as they are."

    moderation_mode = graphene.Field(ModerationModeEnum, description="PRE: nothing public before approval; POST.")
    allow_pseudonymous = graphene.Boolean(description="Signed-in people may sign with a pseudonym.")
    allow_anonymous = graphene.Boolean(description="People may contribute and comment without signing in.")
    edit_window_minutes = graphene.Int(description="Minutes during which authors may edit (0 to 10080; 0: never).")
    anonymous_rate_limit = graphene.Int(description="Anonymous submissions per client and per hour (1 to 1000).")
    report_threshold = graphene.Int(description="Reports that send a contribution back to moderation (1 to 100).")


class ParticipationSettingsUpdate(BaseMutation):
    class Arguments:
        input = ParticipationSettingsInput(required=True, description="The changes.")

    class Meta:
        description = "Change this programme's participation rules (space admins)."
        error_type = ParticipationError
        permission = Perm.MANAGE_TENANT

    settings = graphene.Field(ParticipationSettings, description="The rules as they now stand (null on error).")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        rules = update_settings(service_context(info), dict(input))
        info.context._participation_settings = rules
        return cls(settings=rules, errors=[])


class ExpressionGroupCreate(BaseMutation):
    class Arguments:
        name = graphene.String(required=True, description="Name of the group, as shown.")
        description = graphene.String(description="Who the group gathers.")
        member_emails = graphene.List(
            graphene.NonNull(graphene.String),
            description="Emails of members of this programme who may sign in the group's name.",
        )

    class Meta:
        description = "Create an expression group (facilitators), optionally with its members."
        error_type = ParticipationError
        permission = Perm.MODERATE

    group = graphene.Field(ExpressionGroup, description="The group (null on error).")

    @classmethod
    def perform_mutation(cls, root, info, principal, name, description=None, member_emails=None):
        data = {"name": name, "description": description, "member_emails": member_emails}
        group = groups.create_group(service_context(info), data)
        return cls(group=group, errors=[])
