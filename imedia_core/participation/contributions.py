"""Contributions: submitted, edited and withdrawn by their authors, moderated, supported, followed
and reported. Every door (GraphQL, REST, admin, demo seeds, connectors) goes through here.

Each function runs in one transaction and raises ``ServiceError`` (codes of the
``ParticipationErrorCode`` enum, French messages) before changing anything it refuses. It keeps
the status history, writes its domain events with ``changed()`` and, for status changes, emails
the followers once the transaction commits. Moderators' decisions and entries made for someone
else are audited; people's own gestures (writing, supporting, reporting) are events only.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from imedia_core.changes import changed
from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError

from . import guards, states
from .authors import (
    check_external_once,
    check_service_rate,
    require_moderator,
    require_person,
    require_signed_in,
    resolve_author,
)
from .checks import REJECT, ModerationVerdict, run_checks
from .inputs import choice_value, clean_body, clean_kind, clean_reason, clean_title, resolve_phase, resolve_themes
from .models import (
    Attachment,
    Contribution,
    ContributionStatus,
    Follower,
    FollowReason,
    ModerationMode,
    ParticipationSettings,
    Report,
    StatusChange,
    Support,
)
from .notifications import notify_followers
from .visibility import EDITABLE, edit_deadline, is_author

ATTACHMENT_CLAIM_WINDOW = timedelta(days=1)
# Who the history names for automatic steps (report threshold, re-moderation after an edit).
SYSTEM_LABEL = "Système"

STATUS_MESSAGES = {
    ContributionStatus.PENDING: "est en attente de modération",
    ContributionStatus.PUBLISHED: "est publiée",
    ContributionStatus.REJECTED: "a été refusée",
    ContributionStatus.HIDDEN: "a été masquée",
    ContributionStatus.WITHDRAWN: "a été retirée par son auteur·rice",
}


def _payload(contribution: Contribution, **extra) -> dict:
    """What every contribution event carries: ids and non-personal fields."""
    return {
        "id": contribution.pk,
        "kind": contribution.kind,
        "status": contribution.status,
        "author_kind": contribution.author_kind,
        "phase_id": contribution.phase_id,
        **extra,
    }


# --- status changes ---------------------------------------------------------------------------


def _change_status(
    ctx: ServiceContext,
    contribution: Contribution,
    target: str,
    *,
    reason: str,
    by_system: bool = False,
    audit_summary: str | None = None,
) -> None:
    """Apply ``target`` (already allowed by the state machine): history, events, notifications.

    ``by_system``: an automatic step, made by nobody in particular. ``audit_summary``: the
    audit line of a moderator's decision (other status changes are not audited)."""
    source = contribution.status
    contribution.status = target
    if target == ContributionStatus.PUBLISHED and contribution.published_at is None:
        contribution.published_at = timezone.now()
    contribution.save()
    if by_system:
        ctx = ServiceContext.system(ctx.channel)
    StatusChange.objects.create(
        contribution=contribution,
        from_status=source,
        to_status=target,
        reason=reason,
        actor_id=ctx.user_id,
        actor_label=SYSTEM_LABEL if by_system else ctx.label,
    )
    changed(
        ctx,
        "contribution.status_changed",
        contribution,
        payload=_payload(contribution, **{"from": source, "to": target}),
        summary=audit_summary,
        audit=audit_summary is not None,
    )
    if target == ContributionStatus.PUBLISHED:
        changed(ctx, "contribution.published", contribution, payload=_payload(contribution), audit=False)
    _tell_followers(contribution, target, reason, exclude_user_id=ctx.user_id)


def _tell_followers(contribution: Contribution, target: str, reason: str, *, exclude_user_id: int | None) -> None:
    lines = ["Bonjour,", "", f"La contribution « {contribution.title} » que vous suivez {STATUS_MESSAGES[target]}."]
    if reason:
        lines.append(f"Raison : {reason}")
    lines += ["", "Vous recevez ce message parce que vous suivez cette contribution."]
    notify_followers(
        contribution,
        subject=f"Contribution « {contribution.title[:80]} » : {ContributionStatus(target).label.lower()}",
        message="\n".join(lines),
        exclude_user_id=exclude_user_id,
    )


def _follow(contribution: Contribution, user_id: int | None, reason: str) -> None:
    if user_id is not None:
        Follower.objects.get_or_create(contribution=contribution, user_id=user_id, defaults={"reason": reason})


def _screen(ctx: ServiceContext, contribution: Contribution, refusal: str) -> ModerationVerdict | None:
    """Run the space's automatic checks: a rejection refuses the change (``refusal`` starts the
    message), a hold is noted on the contribution for the moderators."""
    verdict = run_checks(ctx.tenant, contribution)
    if verdict is not None and verdict.action == REJECT:
        raise ServiceError.single("REJECTED_BY_CHECK", f"{refusal} : {verdict.reason}")
    if verdict is not None:
        contribution.held_by, contribution.held_reason = verdict.checker[:100], verdict.reason[:500]
    return verdict


# --- submission ---------------------------------------------------------------------------------


def _new_contribution(ctx: ServiceContext, data: dict, settings: ParticipationSettings):
    """The contribution ``data`` describes, cleaned, signed and guarded against spam (not saved
    yet), with its themes (set once it is saved)."""
    kind = clean_kind(data.get("kind"))
    title = clean_title(data.get("title"))
    body = clean_body(data.get("body"))
    phase = resolve_phase(data.get("phase"))
    themes = resolve_themes(data.get("themes"))
    author = resolve_author(ctx, data, settings)
    anonymous = ctx.actor is None and not author.source
    if author.source:
        check_external_once(Contribution, author)
        check_service_rate(ctx)
    guards.check_links(f"{title} {body}", anonymous=anonymous)
    content_digest = guards.digest(title, body)
    guards.check_duplicate(Contribution.objects.all(), content_digest)
    if anonymous:
        guards.check_anonymous_rate(ctx.ip, settings.anonymous_rate_limit)
    contribution = Contribution(
        kind=kind,
        title=title,
        body=body,
        phase=phase,
        author_kind=author.kind,
        author_id=author.author_id,
        author_label=author.label,
        group=author.group,
        entered_by_id=author.entered_by_id,
        entered_by_label=author.entered_by_label,
        source=author.source,
        source_ref=author.source_ref,
        external_id=author.external_id,
        external_url=author.external_url,
        content_digest=content_digest,
        status=ContributionStatus.PENDING,
    )
    return contribution, themes


def _claim_attachment(ctx: ServiceContext, token: str, contribution: Contribution) -> None:
    """Join the file its author uploaded within the claim window (``attachments.store_attachment``)."""
    attachment = (
        Attachment.objects.select_for_update()
        .filter(
            token=token or "",
            contribution__isnull=True,
            uploaded_by_id=ctx.user_id,
            created_at__gte=timezone.now() - ATTACHMENT_CLAIM_WINDOW,
        )
        .first()
    )
    if attachment is None:
        raise ServiceError.single(
            "NOT_FOUND", "Pièce jointe introuvable : envoyez le fichier à nouveau puis réessayez.", "attachmentToken"
        )
    attachment.contribution = contribution
    attachment.save(update_fields=["contribution"])


@transaction.atomic
def submit_contribution(ctx: ServiceContext, data: dict) -> Contribution:
    """Create a contribution. ``data`` keys: kind, title, body, phase, themes, author_kind,
    pseudonym, group, on_behalf_of ({name} or {group}), attachment_token, website (honeypot).
    Published at once when the programme moderates afterwards and no check held it."""
    settings = ParticipationSettings.load()
    require_person(ctx, settings, anonymous_ok=True)
    guards.check_honeypot(data.get("website"))
    contribution, themes = _new_contribution(ctx, data, settings)
    verdict = _screen(ctx, contribution, "Contribution refusée")
    if settings.moderation_mode == ModerationMode.POST and verdict is None:
        contribution.status, contribution.published_at = ContributionStatus.PUBLISHED, timezone.now()
    contribution.save()
    if themes:
        contribution.themes.set(themes)
    if data.get("attachment_token"):
        _claim_attachment(ctx, data["attachment_token"], contribution)
    _follow(contribution, contribution.author_id, FollowReason.AUTHOR)
    _follow(contribution, contribution.entered_by_id, FollowReason.FACILITATOR)
    StatusChange.objects.create(
        contribution=contribution,
        to_status=contribution.status,
        reason=f"Retenue par {verdict.checker} : {verdict.reason}"[:500] if verdict else "",
        actor_id=ctx.user_id,
        actor_label=ctx.label,
    )
    entered_for = contribution.entered_by_id is not None or bool(contribution.source)
    changed(
        ctx,
        "contribution.submitted",
        contribution,
        payload=_payload(contribution, held=verdict is not None, entered_for=entered_for),
        # A facilitator speaking for someone else answers for it in the audit log.
        summary=f"{contribution.title} (pour {contribution.author_label})",
        audit=entered_for,
    )
    if contribution.status == ContributionStatus.PUBLISHED:
        changed(ctx, "contribution.published", contribution, payload=_payload(contribution), audit=False)
    return contribution


# --- its author's changes --------------------------------------------------------------------------


def _require_editable(ctx: ServiceContext, contribution: Contribution, settings: ParticipationSettings) -> None:
    if not is_author(ctx, contribution):
        raise ServiceError.single("PERMISSION_DENIED", "Seul·e son auteur·rice peut modifier cette contribution.")
    if contribution.status not in EDITABLE:
        raise ServiceError.single("NOT_ALLOWED", "Cette contribution ne peut plus être modifiée dans son état actuel.")
    deadline = edit_deadline(contribution, settings)
    if deadline is None or timezone.now() > deadline:
        raise ServiceError.single("EDIT_WINDOW_CLOSED", "Le délai pour modifier cette contribution est passé.")


def _apply_edit(contribution: Contribution, data: dict) -> None:
    """Set the fields ``data`` gives (None leaves a field as it is; a None phase clears it)."""
    if data.get("kind") is not None:
        contribution.kind = clean_kind(data["kind"])
    if data.get("title") is not None:
        contribution.title = clean_title(data["title"])
    if data.get("body") is not None:
        contribution.body = clean_body(data["body"])
    if "phase" in data:
        contribution.phase = resolve_phase(data["phase"])


@transaction.atomic
def edit_contribution(ctx: ServiceContext, contribution: Contribution, data: dict) -> Contribution:
    """Its author (or the facilitator who entered it) changes it within the edit window. In
    pre-moderation, or when a check holds the new text, a published contribution goes back to
    the queue."""
    require_signed_in(ctx)
    settings = ParticipationSettings.load()
    _require_editable(ctx, contribution, settings)
    _apply_edit(contribution, data)
    themes = resolve_themes(data.get("themes"))
    guards.check_links(f"{contribution.title} {contribution.body}", anonymous=False)
    contribution.content_digest = guards.digest(contribution.title, contribution.body)
    verdict = _screen(ctx, contribution, "Modification refusée")
    contribution.edited_at = timezone.now()
    contribution.save()
    if themes is not None:
        contribution.themes.set(themes)
    changed(ctx, "contribution.edited", contribution, payload=_payload(contribution), audit=False)
    back_to_queue = verdict is not None or settings.moderation_mode == ModerationMode.PRE
    if back_to_queue and contribution.status == ContributionStatus.PUBLISHED:
        reason = (
            f"Modifiée puis retenue par {verdict.checker} : {verdict.reason}"
            if verdict
            else "Modifiée par son auteur·rice : à valider de nouveau."
        )
        _change_status(ctx, contribution, ContributionStatus.PENDING, reason=reason[:500], by_system=True)
    return contribution


@transaction.atomic
def withdraw_contribution(ctx: ServiceContext, contribution: Contribution, reason: str = "") -> Contribution:
    require_signed_in(ctx)
    if not is_author(ctx, contribution):
        raise ServiceError.single("PERMISSION_DENIED", "Seul·e son auteur·rice peut retirer cette contribution.")
    reason = clean_reason(reason)
    target = states.next_status(
        states.CONTRIBUTION_TRANSITIONS, states.Action.WITHDRAW, contribution.status, states.Actor.AUTHOR, reason
    )
    _change_status(ctx, contribution, target, reason=reason)
    changed(ctx, "contribution.withdrawn", contribution, payload=_payload(contribution), audit=False)
    return contribution


# --- moderation --------------------------------------------------------------------------------------


@transaction.atomic
def moderate_contribution(ctx: ServiceContext, contribution: Contribution, action, reason: str = "") -> Contribution:
    """A moderator approves, rejects, hides, restores or sends back to the queue."""
    require_moderator(ctx)
    reason = clean_reason(reason)
    target = states.next_status(
        states.CONTRIBUTION_TRANSITIONS, choice_value(action), contribution.status, states.Actor.MODERATOR, reason
    )
    contribution.moderation_reason = reason
    contribution.moderated_at = timezone.now()
    contribution.moderated_by_label = ctx.label
    if target == ContributionStatus.PUBLISHED:
        contribution.held_by, contribution.held_reason = "", ""
    summary = f"{contribution.title} : {ContributionStatus(target).label.lower()}" + (f" — {reason}" if reason else "")
    _change_status(ctx, contribution, target, reason=reason, audit_summary=summary)
    return contribution


# --- readers' gestures ---------------------------------------------------------------------------------


@transaction.atomic
def support_contribution(ctx: ServiceContext, contribution: Contribution) -> Contribution:
    """Support a published contribution (once; not one's own). Supporters follow it."""
    require_signed_in(ctx)
    if contribution.status != ContributionStatus.PUBLISHED:
        raise ServiceError.single("NOT_ALLOWED", "On ne peut soutenir qu'une contribution publiée.")
    if is_author(ctx, contribution):
        raise ServiceError.single("NOT_ALLOWED", "Vous ne pouvez pas soutenir votre propre contribution.")
    try:
        with transaction.atomic():
            Support.objects.create(contribution=contribution, user_id=ctx.user_id)
    except IntegrityError:
        raise ServiceError.single("ALREADY_DONE", "Vous soutenez déjà cette contribution.") from None
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
    contribution.refresh_from_db(fields=["support_count"])
    _follow(contribution, ctx.user_id, FollowReason.SUPPORTER)
    payload = _payload(contribution, support_count=contribution.support_count)
    changed(ctx, "contribution.supported", contribution, payload=payload, audit=False)
    return contribution


@transaction.atomic
def unsupport_contribution(ctx: ServiceContext, contribution: Contribution) -> Contribution:
    require_signed_in(ctx)
    deleted, _ = Support.objects.filter(contribution=contribution, user_id=ctx.user_id).delete()
    if not deleted:
        raise ServiceError.single("NOT_FOUND", "Vous ne souteniez pas cette contribution.")
    Contribution.objects.filter(pk=contribution.pk, support_count__gt=0).update(support_count=F("support_count") - 1)
    contribution.refresh_from_db(fields=["support_count"])
    Follower.objects.filter(contribution=contribution, user_id=ctx.user_id, reason=FollowReason.SUPPORTER).delete()
    payload = _payload(contribution, support_count=contribution.support_count)
    changed(ctx, "contribution.unsupported", contribution, payload=payload, audit=False)
    return contribution


# Following only decides who gets the emails: a private choice, neither audited nor an event.
@transaction.atomic
def follow_contribution(ctx: ServiceContext, contribution: Contribution) -> Contribution:
    require_signed_in(ctx)
    _follow(contribution, ctx.user_id, FollowReason.ASKED)
    return contribution


@transaction.atomic
def unfollow_contribution(ctx: ServiceContext, contribution: Contribution) -> Contribution:
    require_signed_in(ctx)
    Follower.objects.filter(contribution=contribution, user_id=ctx.user_id).delete()
    return contribution


@transaction.atomic
def report_contribution(ctx: ServiceContext, contribution: Contribution, reason: str = "") -> Contribution:
    """A reader flags a published contribution; at the programme's threshold it goes back to the queue."""
    require_signed_in(ctx)
    if contribution.status != ContributionStatus.PUBLISHED:
        raise ServiceError.single("NOT_ALLOWED", "Seule une contribution publiée peut être signalée.")
    if is_author(ctx, contribution):
        raise ServiceError.single("NOT_ALLOWED", "Vous ne pouvez pas signaler votre propre contribution.")
    reason = clean_reason(reason)
    try:
        with transaction.atomic():
            Report.objects.create(contribution=contribution, reporter_id=ctx.user_id, reason=reason)
    except IntegrityError:
        raise ServiceError.single("ALREADY_DONE", "Vous avez déjà signalé cette contribution.") from None
    Contribution.objects.filter(pk=contribution.pk).update(report_count=F("report_count") + 1)
    contribution.refresh_from_db(fields=["report_count"])
    payload = _payload(contribution, report_count=contribution.report_count)
    changed(ctx, "contribution.reported", contribution, payload=payload, audit=False)
    threshold = ParticipationSettings.load().report_threshold
    if threshold and contribution.report_count >= threshold:
        contribution.held_by = "signalements"
        contribution.held_reason = f"Signalée {contribution.report_count} fois par des lecteur·rices."
        _change_status(ctx, contribution, ContributionStatus.PENDING, reason=contribution.held_reason, by_system=True)
    return contribution
