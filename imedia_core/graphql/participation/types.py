"""GraphQL types of bottom-up participation: contributions, comments, groups and the programme's rules.

Readers see published contributions and their own; holders of ``MODERATE`` see everything. The
person behind a pseudonymous or anonymous contribution is never exposed: ``isMine`` tells the
viewer what they wrote, nobody else learns it.
"""

from __future__ import annotations

import graphene
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from imedia_core.participation import models, states
from imedia_core.participation.visibility import (
    can_edit,
    edit_deadline,
    is_author,
    visible_comments,
    visible_contributions,
    visible_expression_groups,
)
from imedia_core.permissions import Perm

from ..core.connection import CountableConnection
from ..core.context import principal_of, service_context
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.selection import selected_fields, selects
from ..core.types_base import ModelObjectType
from ..cycle.types import Phase
from ..feedback import types as feedback
from ..library.types import Theme

ContributionKindEnum = described_enum(
    "ContributionKind", models.ContributionKind, "What a contribution is: a question, an observation (constat)…"
)
ContributionStatusEnum = described_enum(
    "ContributionStatus", models.ContributionStatus, "Where a contribution stands in moderation and its life cycle."
)
CommentStatusEnum = described_enum("CommentStatus", models.CommentStatus, "Where a comment stands in moderation.")
AuthorKindEnum = described_enum("AuthorKind", models.AuthorKind, "Who speaks through a contribution or a comment.")
ModerationModeEnum = described_enum(
    "ModerationMode", models.ModerationMode, "When the programme moderates what people write."
)
ModerationActionEnum = described_enum(
    "ModerationAction",
    states.Action,
    "A transition of the moderation state machine.",
    labels={
        "approve": "Publish (from pending, or reconsider a rejection).",
        "reject": "Refuse a pending item (reason required).",
        "hide": "Take down a published item (reason required).",
        "restore": "Publish a hidden item again.",
        "requeue": "Send a published contribution back to the moderation queue (contributions only).",
        "withdraw": "Withdrawn by its author (contributionWithdraw; not a moderator action).",
    },
)

ParticipationErrorCode = error_codes(
    "ParticipationErrorCode",
    "Why a participation mutation failed.",
    {
        "NOT_ALLOWED": "The programme's rules or the item's state do not allow this.",
        "INVALID_TRANSITION": "The moderation state machine does not allow this action from the current status.",
        "REASON_REQUIRED": "This moderation action needs a reason.",
        "EDIT_WINDOW_CLOSED": "The author's edit window has closed.",
        "ALREADY_DONE": "Already supported or reported by this person.",
        "RATE_LIMITED": "Too many anonymous submissions from this client; try again later.",
        "SPAM_SUSPECTED": "The input looks automated (honeypot filled, too many links).",
        "DUPLICATE": "The same text was just posted.",
        "REJECTED_BY_CHECK": "An automatic moderation check refused the text; rephrase it.",
    },
)
ParticipationError = error_type(
    "ParticipationError", ParticipationErrorCode, "An error returned by a participation mutation."
)


def can_moderate(info) -> bool:
    return principal_of(info).has(Perm.MODERATE)


def _value(choice):
    return getattr(choice, "value", choice)


def _prefetched_list(obj, name):
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return cache[name] if name in cache else getattr(obj, name).all()


def _settings(info) -> models.ParticipationSettings:
    """The programme's rules, read once per request."""
    cached = getattr(info.context, "_participation_settings", None)
    if cached is None:
        cached = models.ParticipationSettings.load()
        info.context._participation_settings = cached
    return cached


class ParticipationSettings(graphene.ObjectType):
    class Meta:
        description = "This programme's participation rules (changed by its admins with `participationSettingsUpdate`)."

    moderation_mode = graphene.Field(ModerationModeEnum, required=True, description="When moderation happens.")
    allow_pseudonymous = graphene.Boolean(required=True, description="Signed-in people may sign with a pseudonym.")
    allow_anonymous = graphene.Boolean(required=True, description="People may contribute without signing in.")
    edit_window_minutes = graphene.Int(
        required=True, description="Minutes during which authors may edit what they wrote (0: never)."
    )
    anonymous_rate_limit = graphene.Int(
        required=True, description="Anonymous submissions accepted per client and per hour."
    )
    report_threshold = graphene.Int(
        required=True, description="Reports that send a published contribution back to the moderation queue."
    )

    def resolve_moderation_mode(root, info):
        return _value(root.moderation_mode)


class ExpressionGroup(ModelObjectType):
    class Meta:
        model = models.ExpressionGroup
        interfaces = (TenantNode,)
        fields = ("name", "description", "is_active")
        description = "A group that speaks as one (a workshop, a trainee cohort…): contributions may be signed by it."

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_expression_groups(service_context(info), queryset)


class Attachment(graphene.ObjectType):
    class Meta:
        description = "A file joined to a contribution (often an audio or video recording); download it from `url`."

    name = graphene.String(required=True, description="File name as uploaded (cleaned).")
    size = graphene.Int(required=True, description="Size in bytes.")
    created_at = graphene.DateTime(required=True, description="When it was uploaded.")
    content_type = graphene.String(required=True, description="Media type detected from the content.")
    url = graphene.String(required=True, description="Absolute URL that downloads the file (REST).")

    def resolve_name(root, info):
        return root.original_name

    def resolve_url(root, info):
        path = reverse("participation-attachment-download", kwargs={"attachment_id": root.pk})
        return info.context.build_absolute_uri(path)


class StatusChange(graphene.ObjectType):
    class Meta:
        description = "One dated step of a contribution's or comment's moderation history."

    from_status = graphene.String(description="Status before (null for the first step).")
    to_status = graphene.String(required=True, description="Status after.")
    reason = graphene.String(required=True, description="Why, as recorded (may be empty).")
    actor_label = graphene.String(
        required=True, description="Who made the change: a person, « Anonyme », or « Système » for automatic steps."
    )
    created_at = graphene.DateTime(required=True, description="When.")

    def resolve_from_status(root, info):
        return root.from_status or None


class AuthorFields:
    """Author fields shared by contributions and comments."""

    author_kind = graphene.Field(AuthorKindEnum, required=True, description="Who speaks.")
    author_label = graphene.String(
        required=True, description="Name shown: the person's display name, a pseudonym, a group, or « Anonyme »."
    )
    is_mine = graphene.Boolean(required=True, description="Whether the viewer wrote it (or entered it for someone).")

    def resolve_author_kind(root, info):
        return _value(root.author_kind)

    def resolve_is_mine(root, info):
        uid = getattr(principal_of(info).user, "pk", None)
        return uid is not None and uid in (root.author_id, getattr(root, "entered_by_id", None))


class ExternalFields:
    """Where a contribution or a comment comes from, when it was not written here."""

    source = graphene.String(
        required=True,
        description="Origin: empty when written in imedia, a platform key (`decidim`, `consul`, `adhocracy`) when "
        "a connector imported it, `api` when a service account submitted it on someone's behalf.",
    )
    external_id = graphene.String(
        description="Its id on the platform it comes from (null when written in imedia); unique per connector link."
    )
    external_url = graphene.String(description="Its public address on the platform it comes from (null if none).")
    external_supports = graphene.Int(
        description="Supports, votes or likes it has on the platform it comes from (null if none or unknown)."
    )

    def resolve_external_id(root, info):
        return root.external_id or None

    def resolve_external_url(root, info):
        return root.external_url or None


class Comment(ExternalFields, AuthorFields, ModelObjectType):
    class Meta:
        model = models.Comment
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("body",)
        description = "A short reply under a contribution, moderated like contributions."

    created_at = graphene.DateTime(required=True, description="When it was written.")
    published_at = graphene.DateTime(description="When it was first published (null if never).")
    status = graphene.Field(CommentStatusEnum, required=True, description="Moderation state.")
    moderation_reason = graphene.String(
        description="Reason of the last moderation; null for viewers other than moderators and the author."
    )
    contribution = graphene.Field(lambda: Contribution, required=True, description="The contribution it answers.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_comments(service_context(info), queryset)

    def resolve_status(root, info):
        return _value(root.status)

    def resolve_moderation_reason(root, info):
        uid = getattr(principal_of(info).user, "pk", None)
        return root.moderation_reason if can_moderate(info) or (uid and uid == root.author_id) else None


class Contribution(ExternalFields, AuthorFields, ModelObjectType):
    class Meta:
        model = models.Contribution
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("title", "body")
        description = (
            "A question, observation (constat), proposal or testimony raised by a person, a group, or a "
            "facilitator on their behalf. Readers see published ones and their own; moderators see all."
        )

    kind = graphene.Field(ContributionKindEnum, required=True, description="What it is.")
    created_at = graphene.DateTime(required=True, description="When it was submitted.")
    updated_at = graphene.DateTime(required=True, description="Last change of any kind (edit, moderation, counters).")
    published_at = graphene.DateTime(description="When it was first published (null if never).")
    edited_at = graphene.DateTime(description="Last edit by its author (null if never edited).")
    status = graphene.Field(ContributionStatusEnum, required=True, description="Moderation and life-cycle state.")
    phase = graphene.Field(Phase, description="Phase of the cycle it belongs to (null if none or not visible).")
    themes = graphene.List(graphene.NonNull(Theme), required=True, description="Themes it is about.")
    group = graphene.Field(ExpressionGroup, description="The expression group that speaks through it, if any.")
    entered_by_label = graphene.String(
        description="The facilitator who entered it on someone's behalf (null when the author wrote it)."
    )
    attribution = graphene.String(
        required=True,
        description="Who wrote it, in one French phrase, e.g. « Atelier mobilité (saisi par Karim B.) ».",
    )
    attachment = graphene.Field(Attachment, description="Joined file (audio, video, document), if any.")
    support_count = graphene.Int(required=True, description="Number of people who support it.")
    viewer_supports = graphene.Boolean(required=True, description="Whether the viewer supports it.")
    viewer_follows = graphene.Boolean(
        required=True, description="Whether the viewer is told by email when its status changes."
    )
    comment_count = graphene.Int(required=True, description="Number of published comments.")
    comments = graphene.List(
        graphene.NonNull(Comment),
        required=True,
        description="Comments the viewer may see (published ones and their own; all for moderators), oldest first.",
    )
    can_edit = graphene.Boolean(
        required=True, description="Whether the viewer may edit it now (its author, within the edit window)."
    )
    editable_until = graphene.DateTime(description="End of the author's edit window (null when edits are off).")
    moderation_reason = graphene.String(
        description="Reason of the last moderation decision; null for viewers other than moderators and the author."
    )
    held_by = graphene.String(
        description="Automatic check that held it for review (e.g. `word_filter`); null for non-moderators."
    )
    held_reason = graphene.String(description="Why the check held it; null for non-moderators.")
    report_count = graphene.Int(description="Reports received from readers; null for non-moderators.")
    history = graphene.List(
        graphene.NonNull(StatusChange),
        description="Moderation history, oldest first; null for viewers other than moderators and the author.",
    )
    available_actions = graphene.List(
        graphene.NonNull(ModerationActionEnum),
        required=True,
        description="Moderation actions the viewer may take now (empty for non-moderators).",
    )
    responses = graphene.List(
        graphene.NonNull(feedback.Response),
        required=True,
        description="Official responses to it that the viewer may see (feedback domain).",
    )
    commitments = graphene.List(
        graphene.NonNull(feedback.Commitment),
        required=True,
        description="Commitments (« vous avez dit, nous avons fait ») linked to it (feedback domain).",
    )
    rank = graphene.Float(description="Relevance to the `search` text (higher is better); null without a search.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_contributions(service_context(info), queryset)

    @classmethod
    def node_queryset(cls, queryset, info):
        return with_viewer_annotations(queryset, info)

    def resolve_kind(root, info):
        return _value(root.kind)

    def resolve_status(root, info):
        return _value(root.status)

    def resolve_phase(root, info):
        if root.phase_id is None:
            return None
        if "phase" in root._state.fields_cache:  # prefetched with the viewer's visibility
            return root.phase
        return Phase.get_queryset(Phase._meta.model.objects.all(), info).filter(pk=root.phase_id).first()

    def resolve_themes(root, info):
        return _prefetched_list(root, "themes")

    def resolve_entered_by_label(root, info):
        return root.entered_by_label or None

    def resolve_attribution(root, info):
        if root.entered_by_label:
            return f"{root.author_label} (saisi par {root.entered_by_label})"
        return root.author_label

    def resolve_attachment(root, info):
        try:
            return root.attachment
        except models.Attachment.DoesNotExist:
            return None

    def resolve_viewer_supports(root, info):
        value = getattr(root, "viewer_supports", None)
        if value is None:
            uid = getattr(principal_of(info).user, "pk", None)
            value = uid is not None and root.supports.filter(user_id=uid).exists()
        return value

    def resolve_viewer_follows(root, info):
        value = getattr(root, "viewer_follows", None)
        if value is None:
            uid = getattr(principal_of(info).user, "pk", None)
            value = uid is not None and root.followers.filter(user_id=uid).exists()
        return value

    def resolve_comment_count(root, info):
        value = getattr(root, "published_comment_count", None)
        if value is None:
            value = root.comments.filter(status=models.CommentStatus.PUBLISHED).count()
        return value

    def resolve_comments(root, info):
        cache = getattr(root, "_prefetched_objects_cache", {})
        if "comments" in cache:
            return cache["comments"]
        return Comment.get_queryset(root.comments.order_by("created_at", "id"), info)

    def resolve_can_edit(root, info):
        return can_edit(service_context(info), root, _settings(info))

    def resolve_editable_until(root, info):
        return edit_deadline(root, _settings(info))

    def resolve_moderation_reason(root, info):
        if can_moderate(info) or is_author(service_context(info), root):
            return root.moderation_reason
        return None

    def resolve_held_by(root, info):
        return (root.held_by or None) if can_moderate(info) else None

    def resolve_held_reason(root, info):
        return (root.held_reason or None) if can_moderate(info) else None

    def resolve_report_count(root, info):
        return root.report_count if can_moderate(info) else None

    def resolve_history(root, info):
        if not (can_moderate(info) or is_author(service_context(info), root)):
            return None
        changes = _prefetched_list(root, "status_changes")
        if "status_changes" not in getattr(root, "_prefetched_objects_cache", {}):
            changes = changes.filter(comment__isnull=True).order_by("created_at", "id")
        return changes

    def resolve_available_actions(root, info):
        if not can_moderate(info):
            return []
        return [
            a.value
            for a in states.allowed_actions(states.CONTRIBUTION_TRANSITIONS, root.status, states.Actor.MODERATOR)
        ]

    def resolve_responses(root, info):
        return _related_feedback(root, info, "responses")

    def resolve_commitments(root, info):
        return _related_feedback(root, info, "commitments")

    def resolve_rank(root, info):
        return getattr(root, "search_rank", None)


# --- feedback relations -------------------------------------------------------------------------


def _related_feedback(root, info, relation: str):
    """Prefetched by list queries (``contribution_prefetches``); a single contribution asks once."""
    cache = getattr(root, "_prefetched_objects_cache", {})
    if relation in cache:
        return cache[relation]
    if relation == "responses":
        return list(feedback.response_queryset(info).filter(contribution=root))
    return list(feedback.commitment_queryset(info).filter(contributions=root).order_by("created_at", "id"))


# --- what a page needs, prefetched in a constant number of queries --------------------------------


def with_viewer_annotations(queryset, info, fields: set[str] | None = None):
    """Per-viewer and per-row values as subqueries of the list query (no query per row)."""
    uid = getattr(principal_of(info).user, "pk", None)
    wants = (lambda name: name in fields) if fields is not None else (lambda name: selects(info, name))
    if wants("viewerSupports"):
        supports = models.Support.objects.filter(contribution=OuterRef("pk"), user_id=uid)
        queryset = queryset.annotate(viewer_supports=Exists(supports) if uid else Value(False))
    if wants("viewerFollows"):
        follows = models.Follower.objects.filter(contribution=OuterRef("pk"), user_id=uid)
        queryset = queryset.annotate(viewer_follows=Exists(follows) if uid else Value(False))
    if wants("commentCount"):
        published = (
            models.Comment.objects.filter(contribution=OuterRef("pk"), status=models.CommentStatus.PUBLISHED)
            .order_by()
            .values("contribution")
            .annotate(n=Count("*"))
            .values("n")
        )
        queryset = queryset.annotate(
            published_comment_count=Coalesce(Subquery(published, output_field=IntegerField()), Value(0))
        )
    return queryset


def contribution_prefetches(info, fields: set[str], commitment_fields: set[str] = frozenset()) -> list:
    """Prefetches for the requested ``fields`` of a page of contributions: one query each."""
    prefetches = []
    if "themes" in fields:
        prefetches.append(Prefetch("themes", queryset=Theme._meta.model.objects.all()))
    if "phase" in fields:
        prefetches.append(Prefetch("phase", queryset=Phase.get_queryset(Phase._meta.model.objects.all(), info)))
    if "group" in fields:
        prefetches.append("group")
    if "attachment" in fields:
        prefetches.append("attachment")
    if "comments" in fields:
        comments = Comment.get_queryset(models.Comment.objects.order_by("created_at", "id"), info)
        prefetches.append(Prefetch("comments", queryset=comments))
    if "history" in fields:
        history = models.StatusChange.objects.filter(comment__isnull=True).order_by("created_at", "id")
        prefetches.append(Prefetch("status_changes", queryset=history))
    if "responses" in fields or "commitments" in fields:
        prefetches += feedback.contribution_feedback_prefetches(info, fields, commitment_fields)
    return prefetches


def prepare_contributions(queryset, info, path=("edges", "node")):
    fields = selected_fields(info, path)
    queryset = with_viewer_annotations(queryset, info, fields)
    commitment_fields = selected_fields(info, (*path, "commitments")) if "commitments" in fields else set()
    return queryset.prefetch_related(*contribution_prefetches(info, fields, commitment_fields))
