"""Business rules of bottom-up participation: every write goes through here (GraphQL, REST, admin, seed).

Each public function runs in one transaction, raises ``ServiceError`` (codes of the
``ParticipationErrorCode`` enum, French messages) before changing anything it refuses, records
the status history, emits domain events inside the transaction and, for status changes, emails
the followers once the transaction commits.

Who acts is a ``Participant``: a signed-in person (with what their role allows), an API key
(which never speaks for a person: it cannot contribute), or nobody (anonymous, with the client's
address for the rate limit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from imedia_core.audit.log import record
from imedia_core.content.sanitize import plain_text
from imedia_core.errors import ServiceError
from imedia_core.events import emit
from imedia_core.permissions import Perm

from . import guards, states
from .checks import REJECT, run_checks, run_comment_checks
from .models import (
    Attachment,
    AuthorKind,
    Comment,
    CommentStatus,
    Contribution,
    ContributionKind,
    ContributionStatus,
    ExpressionGroup,
    Follower,
    FollowReason,
    GroupMember,
    ModerationMode,
    ParticipationSettings,
    Report,
    StatusChange,
    Support,
)
from .notifications import notify_followers

TITLE_MAX = 200
BODY_MAX = 5000
COMMENT_MAX = 2000
PSEUDONYM_MAX = 60
REASON_MAX = 500
ANONYMOUS_LABEL = "Anonyme"
ATTACHMENT_CLAIM_WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class Participant:
    """Who acts, with what their role allows."""

    user: object | None = None
    can_contribute: bool = False
    can_moderate: bool = False
    can_manage: bool = False
    is_api_key: bool = False
    ip: str = ""
    via: str = ""
    tenant: object | None = field(default=None, compare=False)

    @classmethod
    def from_principal(cls, principal, *, ip: str = "", via: str = "") -> Participant:
        return cls(
            user=principal.user,
            can_contribute=principal.user is not None and principal.has(Perm.CONTRIBUTE),
            can_moderate=principal.has(Perm.MODERATE),
            can_manage=principal.has(Perm.MANAGE_TENANT),
            is_api_key=principal.api_key is not None,
            ip=ip,
            via=via,
            tenant=principal.tenant,
        )

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)

    @property
    def label(self) -> str:
        return person_label(self.user) if self.user is not None else ANONYMOUS_LABEL


def person_label(user) -> str:
    """The name shown for a signed-in person: never their email address."""
    name = (getattr(user, "display_name", "") or "").strip()
    return name[:200] if name else "Participant·e"


def _tenant(who: Participant):
    if who.tenant is not None:
        return who.tenant
    from django.db import connection

    return getattr(connection, "tenant", None)


def get_settings() -> ParticipationSettings:
    return ParticipationSettings.load()


# --- visibility ----------------------------------------------------------------------------


def visible_contributions(queryset, *, user_id: int | None, can_moderate: bool):
    """What a viewer may read: everything for moderators; otherwise what is published, plus
    what they wrote or entered for someone else (whatever its status)."""
    if can_moderate:
        return queryset
    condition = Q(status=ContributionStatus.PUBLISHED)
    if user_id is not None:
        condition |= Q(author_id=user_id) | Q(entered_by_id=user_id)
    return queryset.filter(condition)


def visible_comments(queryset, *, user_id: int | None, can_moderate: bool):
    if can_moderate:
        return queryset
    condition = Q(status=CommentStatus.PUBLISHED)
    if user_id is not None:
        condition |= Q(author_id=user_id)
    return queryset.filter(condition)


def is_author(contribution: Contribution, who: Participant) -> bool:
    uid = who.user_id
    return uid is not None and uid in (contribution.author_id, contribution.entered_by_id)


def edit_deadline(contribution: Contribution, settings: ParticipationSettings | None = None):
    """Until when its author may edit it (None: never)."""
    minutes = (settings or get_settings()).edit_window_minutes
    if not minutes or contribution.created_at is None:
        return None
    return contribution.created_at + timedelta(minutes=minutes)


def can_edit(contribution: Contribution, who: Participant, settings: ParticipationSettings | None = None) -> bool:
    deadline = edit_deadline(contribution, settings)
    return (
        is_author(contribution, who)
        and who.can_contribute
        and contribution.status in (ContributionStatus.PENDING, ContributionStatus.PUBLISHED)
        and deadline is not None
        and timezone.now() <= deadline
    )


# --- input helpers ---------------------------------------------------------------------------


def _error(code: str, message: str, field_name: str | None = None):
    return ServiceError.single(code, message, field_name)


def _clean_title(value) -> str:
    title = plain_text(value or "", multiline=False)
    if not title:
        raise _error("REQUIRED", "Donnez un titre court à votre contribution.", "title")
    if len(title) > TITLE_MAX:
        raise _error("INVALID", f"Le titre ne doit pas dépasser {TITLE_MAX} caractères.", "title")
    return title


def _clean_body(value, limit: int = BODY_MAX, field_name: str = "body") -> str:
    body = plain_text(value or "", multiline=True)
    if len(body) > limit:
        raise _error("INVALID", f"Le texte ne doit pas dépasser {limit} caractères.", field_name)
    return body


def _clean_kind(value) -> str:
    value = getattr(value, "value", value)
    if value not in ContributionKind.values:
        raise _error("INVALID", f"Type de contribution inconnu : « {value} ».", "kind")
    return value


def _resolve_phase(value):
    from imedia_core.cycle.models import Phase

    if value is None or hasattr(value, "pk"):
        return value
    phase = Phase.objects.filter(pk=value).first() if str(value).isdigit() else None
    if phase is None:
        raise _error("NOT_FOUND", "Cette phase n'existe pas dans cet espace.", "phase")
    return phase


def _resolve_themes(values):
    from imedia_core.library.models import Theme

    if values is None:
        return None
    objs = [v for v in values if hasattr(v, "pk")]
    pks = {str(v) for v in values if not hasattr(v, "pk")}
    if pks:
        rows = list(Theme.objects.filter(pk__in=[pk for pk in pks if pk.isdigit()]))
        if len(rows) != len(pks):
            raise _error("NOT_FOUND", "Un des thèmes n'existe pas dans cet espace.", "themes")
        objs.extend(rows)
    return list({t.pk: t for t in objs}.values())


def _clean_pseudonym(value) -> str:
    pseudonym = plain_text(value or "", multiline=False)
    if len(pseudonym) < 2:
        raise _error("REQUIRED", "Choisissez un pseudonyme (2 caractères au moins).", "pseudonym")
    if len(pseudonym) > PSEUDONYM_MAX:
        raise _error("INVALID", f"Le pseudonyme ne doit pas dépasser {PSEUDONYM_MAX} caractères.", "pseudonym")
    return pseudonym


def _clean_reason(value) -> str:
    reason = plain_text(value or "", multiline=False)
    if len(reason) > REASON_MAX:
        raise _error("INVALID", f"La raison ne doit pas dépasser {REASON_MAX} caractères.", "reason")
    return reason


def _require_person(who: Participant, settings: ParticipationSettings, *, anonymous_ok: bool) -> None:
    """Signed-in contributors need CONTRIBUTE; nobody signed in needs the tenant to allow it."""
    if who.user is None:
        if who.is_api_key:
            raise _error(
                "PERMISSION_DENIED", "Une clé d'API ne peut pas contribuer : la participation est le fait de personnes."
            )
        if not (anonymous_ok and settings.allow_anonymous):
            raise _error("UNAUTHENTICATED", "Connectez-vous pour participer : cet espace n'accepte pas l'anonymat.")
        return
    if not who.can_contribute:
        raise _error("PERMISSION_DENIED", "Votre rôle dans cet espace ne permet pas de participer.")


def _require_signed_in(who: Participant) -> None:
    if who.user is None:
        if who.is_api_key:
            raise _error("PERMISSION_DENIED", "Une clé d'API ne peut pas agir au nom d'une personne.")
        raise _error("UNAUTHENTICATED", "Connectez-vous pour faire cela.")
    if not who.can_contribute:
        raise _error("PERMISSION_DENIED", "Votre rôle dans cet espace ne permet pas de participer.")


@dataclass
class _Author:
    kind: str
    label: str
    author_id: int | None
    group: ExpressionGroup | None = None
    entered_by_id: int | None = None
    entered_by_label: str = ""


def _resolve_author(data: dict, who: Participant, settings: ParticipationSettings, *, groups_ok=True) -> _Author:
    """Who speaks, from the requested author kind and the caller's rights."""
    on_behalf = data.get("on_behalf_of") or None
    if on_behalf:
        if who.user is None or not who.can_moderate:
            raise _error(
                "PERMISSION_DENIED",
                "Seul·e un·e animateur·rice peut saisir une contribution pour quelqu'un d'autre.",
                "onBehalfOf",
            )
        entered = {"entered_by_id": who.user_id, "entered_by_label": who.label}
        group_ref = on_behalf.get("group")
        if group_ref:
            group = _resolve_group(group_ref, field_name="onBehalfOf")
            return _Author(AuthorKind.GROUP, group.name, None, group=group, **entered)
        name = plain_text(on_behalf.get("name") or "", multiline=False)
        if not name:
            raise _error("REQUIRED", "Indiquez pour qui vous saisissez (un nom ou un groupe).", "onBehalfOf")
        if len(name) > 200:
            raise _error("INVALID", "Le nom ne doit pas dépasser 200 caractères.", "onBehalfOf")
        return _Author(AuthorKind.PERSON, name, None, **entered)

    kind = getattr(data.get("author_kind"), "value", data.get("author_kind"))
    if who.user is None:
        if kind not in (None, AuthorKind.ANONYMOUS):
            raise _error("UNAUTHENTICATED", "Connectez-vous pour signer de votre nom ou d'un groupe.", "authorKind")
        return _Author(AuthorKind.ANONYMOUS, ANONYMOUS_LABEL, None)
    kind = kind or AuthorKind.PERSON
    if kind == AuthorKind.PERSON:
        return _Author(AuthorKind.PERSON, who.label, who.user_id)
    if kind == AuthorKind.PSEUDONYM:
        if not settings.allow_pseudonymous:
            raise _error("NOT_ALLOWED", "Cet espace n'accepte pas les pseudonymes.", "authorKind")
        return _Author(AuthorKind.PSEUDONYM, _clean_pseudonym(data.get("pseudonym")), who.user_id)
    if kind == AuthorKind.ANONYMOUS:
        if not settings.allow_anonymous:
            raise _error("NOT_ALLOWED", "Cet espace n'accepte pas les contributions anonymes.", "authorKind")
        # Kept (never shown) so the author can still edit, withdraw and be told what became of it.
        return _Author(AuthorKind.ANONYMOUS, ANONYMOUS_LABEL, who.user_id)
    if kind == AuthorKind.GROUP and groups_ok:
        group = _resolve_group(data.get("group"), field_name="group")
        is_member = GroupMember.objects.filter(group=group, user_id=who.user_id).exists()
        if not (is_member or who.can_moderate):
            raise _error("PERMISSION_DENIED", "Vous ne faites pas partie de ce groupe d'expression.", "group")
        return _Author(AuthorKind.GROUP, group.name, who.user_id, group=group)
    raise _error("INVALID", f"Type d'auteur impossible ici : « {kind} ».", "authorKind")


def _resolve_group(value, *, field_name: str) -> ExpressionGroup:
    if isinstance(value, ExpressionGroup):
        group = value
    else:
        group = ExpressionGroup.objects.filter(pk=value).first() if str(value or "").isdigit() else None
    if group is None:
        raise _error("NOT_FOUND", "Ce groupe d'expression n'existe pas dans cet espace.", field_name)
    if not group.is_active:
        raise _error("NOT_ALLOWED", "Ce groupe d'expression n'est plus actif.", field_name)
    return group


def _claim_attachment(token: str, who: Participant, contribution: Contribution) -> None:
    attachment = (
        Attachment.objects.select_for_update()
        .filter(
            token=token or "",
            contribution__isnull=True,
            uploaded_by_id=who.user_id,
            created_at__gte=timezone.now() - ATTACHMENT_CLAIM_WINDOW,
        )
        .first()
    )
    if attachment is None:
        raise _error(
            "NOT_FOUND", "Pièce jointe introuvable : envoyez le fichier à nouveau puis réessayez.", "attachmentToken"
        )
    attachment.contribution = contribution
    attachment.save(update_fields=["contribution"])


# --- status changes ---------------------------------------------------------------------------

STATUS_MESSAGES = {
    ContributionStatus.PENDING: "est en attente de modération",
    ContributionStatus.PUBLISHED: "est publiée",
    ContributionStatus.REJECTED: "a été refusée",
    ContributionStatus.HIDDEN: "a été masquée",
    ContributionStatus.WITHDRAWN: "a été retirée par son auteur·rice",
}


def _event_payload(contribution: Contribution, **extra) -> dict:
    return {
        "id": contribution.pk,
        "kind": contribution.kind,
        "status": contribution.status,
        "author_kind": contribution.author_kind,
        "phase_id": contribution.phase_id,
        **extra,
    }


def _change_status(contribution: Contribution, target: str, *, reason: str, who: Participant | None):
    """Apply ``target`` (already allowed by the state machine): history, events, notifications."""
    source = contribution.status
    contribution.status = target
    now = timezone.now()
    if target == ContributionStatus.PUBLISHED and contribution.published_at is None:
        contribution.published_at = now
    contribution.save()
    actor = who.user if who is not None else None
    StatusChange.objects.create(
        contribution=contribution,
        from_status=source,
        to_status=target,
        reason=reason,
        actor_id=getattr(actor, "pk", None),
        actor_label=person_label(actor) if actor is not None else ("Système" if who is None else ANONYMOUS_LABEL),
    )
    emit(
        "contribution.status_changed",
        _event_payload(contribution, **{"from": source, "to": target}),
        subject=contribution,
        actor=actor,
    )
    if target == ContributionStatus.PUBLISHED:
        emit("contribution.published", _event_payload(contribution), subject=contribution, actor=actor)
    lines = ["Bonjour,", "", f"La contribution « {contribution.title} » que vous suivez {STATUS_MESSAGES[target]}."]
    if reason:
        lines.append(f"Raison : {reason}")
    lines += ["", "Vous recevez ce message parce que vous suivez cette contribution."]
    notify_followers(
        contribution,
        subject=f"Contribution « {contribution.title[:80]} » : {ContributionStatus(target).label.lower()}",
        message="\n".join(lines),
        exclude_user_id=getattr(actor, "pk", None),
    )


def _follow(contribution: Contribution, user_id: int | None, reason: str) -> None:
    if user_id is not None:
        Follower.objects.get_or_create(contribution=contribution, user_id=user_id, defaults={"reason": reason})


# --- contributions ---------------------------------------------------------------------------


@transaction.atomic
def submit_contribution(data: dict, who: Participant) -> Contribution:
    """Create a contribution. ``data`` keys: kind, title, body, phase, themes, author_kind,
    pseudonym, group, on_behalf_of ({name} or {group}), attachment_token, website (honeypot).
    Published at once when the programme moderates afterwards and no check held it."""
    settings = get_settings()
    _require_person(who, settings, anonymous_ok=True)
    guards.check_honeypot(data.get("website"))
    kind = _clean_kind(data.get("kind"))
    title = _clean_title(data.get("title"))
    body = _clean_body(data.get("body"))
    phase = _resolve_phase(data.get("phase"))
    themes = _resolve_themes(data.get("themes"))
    author = _resolve_author(data, who, settings)
    anonymous = who.user is None
    guards.check_links(f"{title} {body}", anonymous=anonymous)
    content_digest = guards.digest(title, body)
    guards.check_duplicate(Contribution.objects.all(), content_digest)
    if anonymous:
        guards.check_anonymous_rate(who.ip, settings.anonymous_rate_limit)

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
        content_digest=content_digest,
        status=ContributionStatus.PENDING,
    )
    verdict = run_checks(_tenant(who), contribution)
    if verdict is not None and verdict.action == REJECT:
        raise _error("REJECTED_BY_CHECK", f"Contribution refusée : {verdict.reason}")
    if verdict is not None:
        contribution.held_by, contribution.held_reason = verdict.checker[:100], verdict.reason[:500]
    if settings.moderation_mode == ModerationMode.POST and verdict is None:
        contribution.status, contribution.published_at = ContributionStatus.PUBLISHED, timezone.now()
    contribution.save()
    if themes:
        contribution.themes.set(themes)
    if data.get("attachment_token"):
        _claim_attachment(data["attachment_token"], who, contribution)
    _follow(contribution, author.author_id, FollowReason.AUTHOR)
    _follow(contribution, author.entered_by_id, FollowReason.FACILITATOR)
    StatusChange.objects.create(
        contribution=contribution,
        to_status=contribution.status,
        reason=f"Retenue par {verdict.checker} : {verdict.reason}"[:500] if verdict else "",
        actor_id=who.user_id,
        actor_label=who.label,
    )
    emit(
        "contribution.submitted",
        _event_payload(contribution, held=verdict is not None, entered_for=bool(author.entered_by_id)),
        subject=contribution,
        actor=who.user,
    )
    if author.entered_by_id:
        record(
            "contribution.entered_for",
            summary=f"{contribution.title} (pour {author.label})",
            target=contribution,
            actor=who.user,
            via=who.via,
        )
    if contribution.status == ContributionStatus.PUBLISHED:
        emit("contribution.published", _event_payload(contribution), subject=contribution, actor=who.user)
    return contribution


@transaction.atomic
def edit_contribution(contribution: Contribution, data: dict, who: Participant) -> Contribution:
    """Its author (or the facilitator who entered it) changes it within the edit window. In
    pre-moderation, an edited published contribution goes back to the queue."""
    _require_signed_in(who)
    settings = get_settings()
    if not is_author(contribution, who):
        raise _error("PERMISSION_DENIED", "Seul·e son auteur·rice peut modifier cette contribution.")
    if contribution.status not in (ContributionStatus.PENDING, ContributionStatus.PUBLISHED):
        raise _error("NOT_ALLOWED", "Cette contribution ne peut plus être modifiée dans son état actuel.")
    deadline = edit_deadline(contribution, settings)
    if deadline is None or timezone.now() > deadline:
        raise _error("EDIT_WINDOW_CLOSED", "Le délai pour modifier cette contribution est passé.")
    if "kind" in data and data["kind"] is not None:
        contribution.kind = _clean_kind(data["kind"])
    if "title" in data and data["title"] is not None:
        contribution.title = _clean_title(data["title"])
    if "body" in data and data["body"] is not None:
        contribution.body = _clean_body(data["body"])
    if "phase" in data:
        contribution.phase = _resolve_phase(data["phase"])
    themes = _resolve_themes(data.get("themes"))
    guards.check_links(f"{contribution.title} {contribution.body}", anonymous=False)
    contribution.content_digest = guards.digest(contribution.title, contribution.body)
    verdict = run_checks(_tenant(who), contribution)
    if verdict is not None and verdict.action == REJECT:
        raise _error("REJECTED_BY_CHECK", f"Modification refusée : {verdict.reason}")
    if verdict is not None:
        contribution.held_by, contribution.held_reason = verdict.checker[:100], verdict.reason[:500]
    contribution.edited_at = timezone.now()
    contribution.save()
    if themes is not None:
        contribution.themes.set(themes)
    emit("contribution.edited", _event_payload(contribution), subject=contribution, actor=who.user)
    back_to_queue = verdict is not None or settings.moderation_mode == ModerationMode.PRE
    if back_to_queue and contribution.status == ContributionStatus.PUBLISHED:
        reason = (
            f"Modifiée puis retenue par {verdict.checker} : {verdict.reason}"
            if verdict
            else "Modifiée par son auteur·rice : à valider de nouveau."
        )
        _change_status(contribution, ContributionStatus.PENDING, reason=reason[:500], who=None)
    return contribution


@transaction.atomic
def withdraw_contribution(contribution: Contribution, who: Participant, reason: str = "") -> Contribution:
    _require_signed_in(who)
    if not is_author(contribution, who):
        raise _error("PERMISSION_DENIED", "Seul·e son auteur·rice peut retirer cette contribution.")
    reason = _clean_reason(reason)
    target = states.next_status(
        states.CONTRIBUTION_TRANSITIONS, states.Action.WITHDRAW, contribution.status, states.Actor.AUTHOR, reason
    )
    _change_status(contribution, target, reason=reason, who=who)
    emit("contribution.withdrawn", _event_payload(contribution), subject=contribution, actor=who.user)
    return contribution


@transaction.atomic
def moderate_contribution(contribution: Contribution, action: str, who: Participant, reason: str = "") -> Contribution:
    """A moderator approves, rejects, hides, restores or sends back to the queue."""
    if not who.can_moderate:
        raise _error("PERMISSION_DENIED", "Vous n'avez pas le droit de modérer dans cet espace.")
    reason = _clean_reason(reason)
    action = getattr(action, "value", action)
    target = states.next_status(
        states.CONTRIBUTION_TRANSITIONS, action, contribution.status, states.Actor.MODERATOR, reason
    )
    contribution.moderation_reason = reason
    contribution.moderated_at = timezone.now()
    contribution.moderated_by_label = who.label
    if target == ContributionStatus.PUBLISHED:
        contribution.held_by, contribution.held_reason = "", ""
    _change_status(contribution, target, reason=reason, who=who)
    record(
        f"contribution.{action}",
        summary=f"{contribution.title}" + (f" — {reason}" if reason else ""),
        target=contribution,
        actor=who.user,
        via=who.via,
    )
    return contribution


@transaction.atomic
def support_contribution(contribution: Contribution, who: Participant) -> Contribution:
    _require_signed_in(who)
    if contribution.status != ContributionStatus.PUBLISHED:
        raise _error("NOT_ALLOWED", "On ne peut soutenir qu'une contribution publiée.")
    if is_author(contribution, who):
        raise _error("NOT_ALLOWED", "Vous ne pouvez pas soutenir votre propre contribution.")
    try:
        with transaction.atomic():
            Support.objects.create(contribution=contribution, user_id=who.user_id)
    except IntegrityError:
        raise _error("ALREADY_DONE", "Vous soutenez déjà cette contribution.") from None
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
    contribution.refresh_from_db(fields=["support_count"])
    _follow(contribution, who.user_id, FollowReason.SUPPORTER)
    emit(
        "contribution.supported",
        _event_payload(contribution, support_count=contribution.support_count),
        subject=contribution,
        actor=who.user,
    )
    return contribution


@transaction.atomic
def unsupport_contribution(contribution: Contribution, who: Participant) -> Contribution:
    _require_signed_in(who)
    deleted, _ = Support.objects.filter(contribution=contribution, user_id=who.user_id).delete()
    if not deleted:
        raise _error("NOT_FOUND", "Vous ne souteniez pas cette contribution.")
    Contribution.objects.filter(pk=contribution.pk, support_count__gt=0).update(support_count=F("support_count") - 1)
    contribution.refresh_from_db(fields=["support_count"])
    Follower.objects.filter(contribution=contribution, user_id=who.user_id, reason=FollowReason.SUPPORTER).delete()
    emit(
        "contribution.unsupported",
        _event_payload(contribution, support_count=contribution.support_count),
        subject=contribution,
        actor=who.user,
    )
    return contribution


@transaction.atomic
def follow_contribution(contribution: Contribution, who: Participant) -> Contribution:
    _require_signed_in(who)
    _follow(contribution, who.user_id, FollowReason.ASKED)
    return contribution


@transaction.atomic
def unfollow_contribution(contribution: Contribution, who: Participant) -> Contribution:
    _require_signed_in(who)
    Follower.objects.filter(contribution=contribution, user_id=who.user_id).delete()
    return contribution


@transaction.atomic
def report_contribution(contribution: Contribution, who: Participant, reason: str = "") -> Contribution:
    """A reader flags a published contribution; at the tenant's threshold it goes back to the queue."""
    _require_signed_in(who)
    if contribution.status != ContributionStatus.PUBLISHED:
        raise _error("NOT_ALLOWED", "Seule une contribution publiée peut être signalée.")
    if is_author(contribution, who):
        raise _error("NOT_ALLOWED", "Vous ne pouvez pas signaler votre propre contribution.")
    reason = _clean_reason(reason)
    try:
        with transaction.atomic():
            Report.objects.create(contribution=contribution, reporter_id=who.user_id, reason=reason)
    except IntegrityError:
        raise _error("ALREADY_DONE", "Vous avez déjà signalé cette contribution.") from None
    Contribution.objects.filter(pk=contribution.pk).update(report_count=F("report_count") + 1)
    contribution.refresh_from_db(fields=["report_count"])
    emit(
        "contribution.reported",
        _event_payload(contribution, report_count=contribution.report_count),
        subject=contribution,
        actor=who.user,
    )
    threshold = get_settings().report_threshold
    if threshold and contribution.report_count >= threshold:
        contribution.held_by = "signalements"
        contribution.held_reason = f"Signalée {contribution.report_count} fois par des lecteur·rices."
        _change_status(contribution, ContributionStatus.PENDING, reason=contribution.held_reason, who=None)
    return contribution


# --- comments ----------------------------------------------------------------------------------


def _comment_payload(comment: Comment, **extra) -> dict:
    return {"id": comment.pk, "contribution_id": comment.contribution_id, "status": comment.status, **extra}


@transaction.atomic
def add_comment(contribution: Contribution, data: dict, who: Participant) -> Comment:
    """Comment a published contribution; moderated like contributions (the tenant's mode)."""
    settings = get_settings()
    _require_person(who, settings, anonymous_ok=True)
    guards.check_honeypot(data.get("website"))
    if contribution.status != ContributionStatus.PUBLISHED:
        raise _error("NOT_ALLOWED", "On ne peut commenter qu'une contribution publiée.", "contribution")
    body = _clean_body(data.get("body"), COMMENT_MAX)
    if not body:
        raise _error("REQUIRED", "Écrivez votre commentaire.", "body")
    author = _resolve_author({**data, "on_behalf_of": None}, who, settings, groups_ok=False)
    anonymous = who.user is None
    guards.check_links(body, anonymous=anonymous)
    content_digest = guards.digest(body)
    guards.check_duplicate(Comment.objects.filter(contribution=contribution), content_digest)
    if anonymous:
        guards.check_anonymous_rate(who.ip, settings.anonymous_rate_limit)
    comment = Comment(
        contribution=contribution,
        body=body,
        author_kind=author.kind,
        author_id=author.author_id,
        author_label=author.label,
        content_digest=content_digest,
    )
    verdict = run_comment_checks(_tenant(who), comment)
    if verdict is not None and verdict.action == REJECT:
        raise _error("REJECTED_BY_CHECK", f"Commentaire refusé : {verdict.reason}", "body")
    # A held comment waits for a moderator even when the space moderates after publication.
    publish_now = settings.moderation_mode == ModerationMode.POST and verdict is None
    comment.status = CommentStatus.PUBLISHED if publish_now else CommentStatus.PENDING
    comment.published_at = timezone.now() if publish_now else None
    comment.save()
    StatusChange.objects.create(
        contribution=contribution,
        comment=comment,
        to_status=comment.status,
        actor_id=who.user_id,
        actor_label=who.label,
    )
    emit("comment.submitted", _comment_payload(comment), subject=comment, actor=who.user)
    if publish_now:
        emit("comment.published", _comment_payload(comment), subject=comment, actor=who.user)
    return comment


@transaction.atomic
def moderate_comment(comment: Comment, action: str, who: Participant, reason: str = "") -> Comment:
    if not who.can_moderate:
        raise _error("PERMISSION_DENIED", "Vous n'avez pas le droit de modérer dans cet espace.")
    reason = _clean_reason(reason)
    action = getattr(action, "value", action)
    source = comment.status
    target = states.next_status(states.COMMENT_TRANSITIONS, action, source, states.Actor.MODERATOR, reason)
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
        actor_id=who.user_id,
        actor_label=who.label,
    )
    emit(
        "comment.status_changed",
        _comment_payload(comment, **{"from": source, "to": target}),
        subject=comment,
        actor=who.user,
    )
    if target == CommentStatus.PUBLISHED:
        emit("comment.published", _comment_payload(comment), subject=comment, actor=who.user)
    record(f"comment.{action}", summary=comment.body[:200], target=comment, actor=who.user, via=who.via)
    return comment


# --- settings and groups ---------------------------------------------------------------------------

SETTINGS_LIMITS = {
    "edit_window_minutes": (0, 7 * 24 * 60),
    "anonymous_rate_limit": (1, 1000),
    "report_threshold": (1, 100),
}


@transaction.atomic
def update_settings(data: dict, who: Participant) -> ParticipationSettings:
    """Change the programme's participation rules (tenant admins)."""
    if not who.can_manage:
        raise _error("PERMISSION_DENIED", "Seul·es les administrateur·rices de l'espace peuvent changer ces réglages.")
    settings = ParticipationSettings.objects.select_for_update().filter(pk=1).first() or get_settings()
    errors = []
    mode = getattr(data.get("moderation_mode"), "value", data.get("moderation_mode"))
    if mode is not None:
        if mode not in ModerationMode.values:
            errors.append({"field": "moderationMode", "code": "INVALID", "message": "Mode de modération inconnu."})
        settings.moderation_mode = mode
    for name in ("allow_pseudonymous", "allow_anonymous"):
        if data.get(name) is not None:
            setattr(settings, name, bool(data[name]))
    for name, (low, high) in SETTINGS_LIMITS.items():
        value = data.get(name)
        if value is None:
            continue
        if not low <= value <= high:
            errors.append(
                {"field": name, "code": "INVALID", "message": f"La valeur doit être comprise entre {low} et {high}."}
            )
        setattr(settings, name, value)
    if errors:
        raise ServiceError(errors)
    settings.save()
    record(
        "participation.settings_updated",
        summary=f"Modération {settings.get_moderation_mode_display().lower()}, "
        f"anonymat {'autorisé' if settings.allow_anonymous else 'refusé'}",
        target=settings,
        actor=who.user,
        via=who.via,
    )
    return settings


@transaction.atomic
def create_group(data: dict, who: Participant) -> ExpressionGroup:
    if not who.can_moderate:
        raise _error("PERMISSION_DENIED", "Seul·es les animateur·rices peuvent créer des groupes d'expression.")
    name = plain_text(data.get("name") or "", multiline=False)
    if not name:
        raise _error("REQUIRED", "Donnez un nom au groupe.", "name")
    if len(name) > 200:
        raise _error("INVALID", "Le nom ne doit pas dépasser 200 caractères.", "name")
    if ExpressionGroup.objects.filter(name__iexact=name).exists():
        raise _error("UNIQUE", f"Un groupe s'appelle déjà « {name} ».", "name")
    group = ExpressionGroup.objects.create(
        name=name, description=plain_text(data.get("description") or "", multiline=True)
    )
    record("expression_group.created", summary=name, target=group, actor=who.user, via=who.via)
    return group


@transaction.atomic
def add_group_member(group: ExpressionGroup, user, who: Participant) -> GroupMember:
    if not who.can_moderate:
        raise _error("PERMISSION_DENIED", "Seul·es les animateur·rices peuvent gérer les groupes d'expression.")
    member, _ = GroupMember.objects.get_or_create(
        group=group, user_id=user.pk, defaults={"user_label": person_label(user)}
    )
    return member
