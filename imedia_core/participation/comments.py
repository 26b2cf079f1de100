"""Comments under published contributions: short replies, moderated in the programme's mode like
contributions (and held by automatic checks). Writing one is the commenter's own gesture (events
only); a moderator's decision is audited too."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from imedia_core.changes import changed
from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError

from . import guards, states
from .authors import (
    check_external_once,
    check_service_rate,
    is_service_account,
    require_moderator,
    require_person,
    resolve_author,
)
from .checks import REJECT, run_comment_checks
from .inputs import COMMENT_MAX, choice_value, clean_body, clean_reason
from .models import (
    Comment,
    CommentStatus,
    Contribution,
    ContributionStatus,
    ModerationMode,
    ParticipationSettings,
    StatusChange,
)


def _payload(comment: Comment, **extra) -> dict:
    return {"id": comment.pk, "contribution_id": comment.contribution_id, "status": comment.status, **extra}


def _new_comment(ctx: ServiceContext, contribution: Contribution, data: dict, settings: ParticipationSettings):
    """The comment ``data`` describes, cleaned, signed and guarded against spam (not saved yet)."""
    if contribution.status != ContributionStatus.PUBLISHED:
        raise ServiceError.single("NOT_ALLOWED", "On ne peut commenter qu'une contribution publiée.", "contribution")
    body = clean_body(data.get("body"), COMMENT_MAX)
    if not body:
        raise ServiceError.single("REQUIRED", "Écrivez votre commentaire.", "body")
    # Only a service account names someone else for a comment (never a facilitator: comments are
    # people's own replies).
    on_behalf = data.get("on_behalf_of") if is_service_account(ctx) else None
    author = resolve_author(ctx, {**data, "on_behalf_of": on_behalf}, settings, groups_ok=False)
    anonymous = ctx.actor is None and not author.source
    if author.source:
        check_external_once(Comment, author)
        check_service_rate(ctx)
    guards.check_links(body, anonymous=anonymous)
    content_digest = guards.digest(body)
    guards.check_duplicate(Comment.objects.filter(contribution=contribution), content_digest)
    if anonymous:
        guards.check_anonymous_rate(ctx.ip, settings.anonymous_rate_limit)
    return Comment(
        contribution=contribution,
        body=body,
        author_kind=author.kind,
        author_id=author.author_id,
        author_label=author.label,
        source=author.source,
        source_ref=author.source_ref,
        external_id=author.external_id,
        external_url=author.external_url,
        content_digest=content_digest,
    )


@transaction.atomic
def add_comment(ctx: ServiceContext, contribution: Contribution, data: dict) -> Comment:
    """Comment a published contribution. ``data`` keys: body, author_kind, pseudonym, website (honeypot)."""
    settings = ParticipationSettings.load()
    require_person(ctx, settings, anonymous_ok=True)
    guards.check_honeypot(data.get("website"))
    comment = _new_comment(ctx, contribution, data, settings)
    verdict = run_comment_checks(ctx.tenant, comment)
    if verdict is not None and verdict.action == REJECT:
        raise ServiceError.single("REJECTED_BY_CHECK", f"Commentaire refusé : {verdict.reason}", "body")
    # A held comment waits for a moderator even when the space moderates after publication.
    publish_now = settings.moderation_mode == ModerationMode.POST and verdict is None
    comment.status = CommentStatus.PUBLISHED if publish_now else CommentStatus.PENDING
    comment.published_at = timezone.now() if publish_now else None
    comment.save()
    StatusChange.objects.create(
        contribution=contribution,
        comment=comment,
        to_status=comment.status,
        actor_id=ctx.user_id,
        actor_label=ctx.label,
    )
    changed(ctx, "comment.submitted", comment, payload=_payload(comment), audit=False)
    if publish_now:
        changed(ctx, "comment.published", comment, payload=_payload(comment), audit=False)
    return comment


@transaction.atomic
def moderate_comment(ctx: ServiceContext, comment: Comment, action, reason: str = "") -> Comment:
    """A moderator approves, rejects, hides or restores a comment."""
    require_moderator(ctx)
    reason = clean_reason(reason)
    source = comment.status
    target = states.next_status(
        states.COMMENT_TRANSITIONS, choice_value(action), source, states.Actor.MODERATOR, reason
    )
    comment.status = target
    comment.moderation_reason = reason
    if target == CommentStatus.PUBLISHED and comment.published_at is None:
        comment.published_at = timezone.now()
    comment.save()
    StatusChange.objects.create(
        contribution_id=comment.contribution_id,
        comment=comment,
        from_status=source,
        to_status=target,
        reason=reason,
        actor_id=ctx.user_id,
        actor_label=ctx.label,
    )
    changed(
        ctx,
        "comment.status_changed",
        comment,
        payload=_payload(comment, **{"from": source, "to": target}),
        summary=f"Commentaire {CommentStatus(target).label.lower()} : {comment.body[:200]}",
    )
    if target == CommentStatus.PUBLISHED:
        changed(ctx, "comment.published", comment, payload=_payload(comment), audit=False)
    return comment
