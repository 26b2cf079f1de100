"""Contributions and comments that come from elsewhere: an external platform (through a connector
link) or a service account speaking for a named person.

The connector engine (``imedia_core.connectors.engine``) hands one page of items at a time to
``upsert_entries``: each is created, or updated by its external key (source, source_ref,
external_id), with a constant number of SQL statements per page plus one per item that really
changed (bulk lookups, bulk inserts). The platform's state becomes the contribution's status
through the state machine (actor ``platform``):

    published -> published        withdrawn -> withdrawn (comments: hidden, « retiré sur … »)
    hidden    -> hidden, « masquée sur <plateforme> »
    deleted   -> hidden, « supprimée sur <plateforme> »

A local moderator's decision wins: what a moderator here hid or refused is not restored by the
platform, and a platform only restores what it hid itself. Events: ``contribution.imported`` /
``comment.imported`` for new items, ``contribution.synced`` / ``comment.synced`` when the text or
the figures changed, ``contribution.status_changed`` / ``comment.status_changed`` when the state
did; nothing for an unchanged item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from imedia_core.changes import changed, changed_many
from imedia_core.content.sanitize import plain_text
from imedia_core.context import ServiceContext

from . import guards, states
from .inputs import BODY_MAX, COMMENT_MAX, TITLE_MAX
from .models import AuthorKind, Comment, CommentStatus, Contribution, ContributionKind, ContributionStatus, StatusChange

COMMENT = "comment"
API_SOURCE = "api"


class State:
    """The platform-side states (``connectors.platform.ItemState`` values)."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    HIDDEN = "hidden"
    DELETED = "deleted"


@dataclass(frozen=True)
class Origin:
    """Where entries come from: ``source`` (a platform key, or "api"), ``source_ref`` (the link's
    id, or the API key's prefix) and the platform's label for people ("Decidim")."""

    source: str
    source_ref: str
    label: str

    def scope(self, model):
        return model.objects.filter(source=self.source, source_ref=self.source_ref)


@dataclass(frozen=True)
class ExternalEntry:
    """One item, already mapped by the engine: ``kind`` is a contribution kind, or "comment"."""

    external_id: str
    kind: str
    title: str
    body: str
    url: str
    author_name: str
    state: str = State.PUBLISHED
    created_at: datetime | None = None
    parent_id: str = ""
    supports: int | None = None
    phase_id: int | None = None  # None: leave the phase as it is


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    hidden: int = 0
    skipped: int = 0
    skipped_ids: list[str] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.hidden += other.hidden
        self.skipped += other.skipped


def author_label(origin_label: str, name: str) -> str:
    """« via Decidim : Nom Public » (« via Decidim » when the platform shows no name)."""
    name = plain_text(name or "", multiline=False)
    return (f"via {origin_label} : {name}" if name else f"via {origin_label}")[:200]


_CONTRIBUTION_REASONS = {
    State.HIDDEN: "masquée sur {label}",
    State.DELETED: "supprimée sur {label}",
    State.WITHDRAWN: "retirée sur {label}",
}
_COMMENT_REASONS = {
    State.HIDDEN: "masqué sur {label}",
    State.DELETED: "supprimé sur {label}",
    State.WITHDRAWN: "retiré sur {label}",
}


def _contribution_target(state: str) -> str:
    return {
        State.PUBLISHED: ContributionStatus.PUBLISHED,
        State.WITHDRAWN: ContributionStatus.WITHDRAWN,
    }.get(state, ContributionStatus.HIDDEN)


def _comment_target(state: str) -> str:
    return CommentStatus.PUBLISHED if state == State.PUBLISHED else CommentStatus.HIDDEN


def _reason(reasons: dict, state: str, origin: Origin) -> str:
    template = reasons.get(state)
    return template.format(label=origin.label) if template else ""


def _url(value: str) -> str:
    """An http(s) address as given, or "" (a ``javascript:`` or other scheme never reaches a page)."""
    value = (value or "").strip()
    return value[:500] if value.lower().startswith(("https://", "http://")) and len(value) <= 500 else ""


def _title(entry: ExternalEntry, body: str) -> str:
    title = plain_text(entry.title or "", multiline=False)[:TITLE_MAX]
    if title:
        return title
    first = " ".join(body.split())[:80]
    return first or "Sans titre"


def _kind(kind: str) -> str:
    return kind if kind in ContributionKind.values else ContributionKind.OBSERVATION


def _payload(obj, origin: Origin, **extra) -> dict:
    data = {"id": obj.pk, "status": obj.status, "source": origin.source, "external_id": obj.external_id, **extra}
    if isinstance(obj, Contribution):
        data["kind"] = obj.kind
    else:
        data["contribution_id"] = obj.contribution_id
    return data


# --- one page ---------------------------------------------------------------------------------


@transaction.atomic
def upsert_entries(
    ctx: ServiceContext, origin: Origin, entries: list[ExternalEntry], *, seen_at: datetime | None = None
) -> Outcome:
    """Create or update every entry of a page (parents before comments), in one transaction.

    ``seen_at``: a full pass marks every entry it found (``mark_missing`` then hides the rest)."""
    outcome = Outcome()
    seen_at = seen_at or timezone.now()
    parents = [entry for entry in entries if entry.kind != COMMENT]
    comments = [entry for entry in entries if entry.kind == COMMENT]
    wanted = {entry.external_id for entry in parents} | {entry.parent_id for entry in comments if entry.parent_id}
    # The search vector is PostgreSQL's business: never loaded here.
    known = {c.external_id: c for c in origin.scope(Contribution).filter(external_id__in=wanted).defer("search_vector")}
    comment_ids = {entry.external_id for entry in comments} | {entry.parent_id for entry in comments if entry.parent_id}
    known_comments = {
        c.external_id: c
        for c in origin.scope(Comment)
        .filter(external_id__in=comment_ids)
        .select_related("contribution")
        .defer("contribution__search_vector")
    }
    _upsert_contributions(ctx, origin, parents, known, seen_at, outcome)
    _upsert_comments(ctx, origin, comments, known, known_comments, seen_at, outcome)
    return outcome


def _upsert_contributions(ctx, origin, entries, known, seen_at, outcome) -> None:
    new, seen = [], []
    for entry in entries:
        body = plain_text(entry.body or "", multiline=True)[:BODY_MAX]
        existing = known.get(entry.external_id)
        if existing is None:
            new.append(_new_contribution(origin, entry, body, seen_at))
            continue
        seen.append(existing.pk)
        changed_fields = _apply_contribution(existing, origin, entry, body)
        status_changed = _contribution_state(ctx, origin, existing, entry.state)
        if changed_fields:
            existing.save(update_fields=[*changed_fields, "updated_at"])
            changed(
                ctx,
                "contribution.synced",
                existing,
                payload=_payload(existing, origin, fields=changed_fields),
                audit=False,
            )
        if status_changed and existing.status == ContributionStatus.HIDDEN:
            outcome.hidden += 1
        elif changed_fields or status_changed:
            outcome.updated += 1
        else:
            outcome.unchanged += 1
    if seen:
        Contribution.objects.filter(pk__in=seen).update(external_seen_at=seen_at)
    if not new:
        return
    Contribution.objects.bulk_create(new)
    StatusChange.objects.bulk_create(
        StatusChange(
            contribution=c,
            to_status=c.status,
            reason=c.moderation_reason or f"Importée de {origin.label}",
            actor_label=origin.label,
        )
        for c in new
    )
    for contribution in new:
        known[contribution.external_id] = contribution
    changed_many(ctx, "contribution.imported", [(c, _payload(c, origin)) for c in new])
    outcome.created += len(new)


def _new_contribution(origin: Origin, entry: ExternalEntry, body: str, seen_at) -> Contribution:
    title = _title(entry, body)
    status = _contribution_target(entry.state)
    published_at = entry.created_at or timezone.now()
    return Contribution(
        source=origin.source,
        source_ref=origin.source_ref,
        external_id=entry.external_id,
        external_url=_url(entry.url),
        external_supports=entry.supports,
        external_seen_at=seen_at,
        kind=_kind(entry.kind),
        title=title,
        body=body,
        phase_id=entry.phase_id,
        status=status,
        author_kind=AuthorKind.EXTERNAL,
        author_label=author_label(origin.label, entry.author_name),
        content_digest=guards.digest(title, body),
        published_at=published_at,
        moderation_reason=_reason(_CONTRIBUTION_REASONS, entry.state, origin),
        moderated_by_label=origin.label if status != ContributionStatus.PUBLISHED else "",
        moderated_at=timezone.now() if status != ContributionStatus.PUBLISHED else None,
    )


def _apply_contribution(contribution: Contribution, origin: Origin, entry: ExternalEntry, body: str) -> list[str]:
    """Set what the platform changed; the names of the fields that did."""
    values = {
        "kind": _kind(entry.kind),
        "title": _title(entry, body),
        "body": body,
        "external_url": _url(entry.url),
        "external_supports": entry.supports,
        "author_label": author_label(origin.label, entry.author_name),
    }
    if entry.phase_id is not None:
        values["phase_id"] = entry.phase_id
    fields = [name for name, value in values.items() if getattr(contribution, name) != value]
    for name in fields:
        setattr(contribution, name, values[name])
    if "title" in fields or "body" in fields:
        contribution.content_digest = guards.digest(contribution.title, contribution.body)
        fields.append("content_digest")
    return fields


def _platform_action(source: str, target: str, hidden_by_platform: bool) -> states.Action | None:
    """The transition a platform state asks for, or None when there is nothing to do (or the
    local decision stands)."""
    if source == target:
        return None
    if target in (ContributionStatus.HIDDEN, CommentStatus.HIDDEN):
        return states.Action.HIDE
    if target == ContributionStatus.WITHDRAWN:
        return states.Action.WITHDRAW
    if source == ContributionStatus.WITHDRAWN or (source == ContributionStatus.HIDDEN and hidden_by_platform):
        return states.Action.RESTORE
    return None


def _transition(transitions, action, source: str, reason: str) -> str | None:
    try:
        return states.next_status(transitions, action, source, states.Actor.PLATFORM, reason or "-")
    except Exception:  # ServiceError: a local decision (refused, requeued) stands
        return None


def _contribution_state(ctx, origin: Origin, contribution: Contribution, state: str) -> bool:
    source = contribution.status
    target = _contribution_target(state)
    reason = _reason(_CONTRIBUTION_REASONS, state, origin)
    hidden_by_platform = contribution.moderated_by_label == origin.label
    if (
        source == target == ContributionStatus.HIDDEN
        and hidden_by_platform
        and reason != contribution.moderation_reason
    ):
        # masked, then deleted on the platform: the reason says so, the status stays
        contribution.moderation_reason = reason
        contribution.save(update_fields=["moderation_reason", "updated_at"])
        return False
    action = _platform_action(source, target, hidden_by_platform)
    if action is None:
        return False
    new_status = _transition(states.CONTRIBUTION_TRANSITIONS, action, source, reason)
    if new_status is None:
        return False
    contribution.status = new_status
    contribution.moderation_reason = reason
    contribution.moderated_at = timezone.now()
    contribution.moderated_by_label = origin.label if new_status != ContributionStatus.PUBLISHED else ""
    if new_status == ContributionStatus.PUBLISHED and contribution.published_at is None:
        contribution.published_at = timezone.now()
    contribution.save(
        update_fields=[
            "status",
            "moderation_reason",
            "moderated_at",
            "moderated_by_label",
            "published_at",
            "updated_at",
        ]
    )
    StatusChange.objects.create(
        contribution=contribution, from_status=source, to_status=new_status, reason=reason, actor_label=origin.label
    )
    changed(
        ctx,
        "contribution.status_changed",
        contribution,
        payload=_payload(contribution, origin, **{"from": source, "to": new_status}),
        audit=False,
    )
    if new_status == ContributionStatus.PUBLISHED:
        changed(ctx, "contribution.published", contribution, payload=_payload(contribution, origin), audit=False)
    return True


# --- comments ---------------------------------------------------------------------------------


def _upsert_comments(ctx, origin, entries, known, known_comments, seen_at, outcome) -> None:
    new, seen = [], []
    for entry in entries:
        body = plain_text(entry.body or "", multiline=True)[:COMMENT_MAX]
        existing = known_comments.get(entry.external_id)
        if existing is not None:
            seen.append(existing.pk)
            _update_comment(ctx, origin, existing, entry, body, outcome)
            continue
        contribution = known.get(entry.parent_id)
        if contribution is None and entry.parent_id in known_comments:
            contribution = known_comments[entry.parent_id].contribution  # a reply to a comment
        if contribution is None or not body:
            outcome.skipped += 1
            outcome.skipped_ids.append(entry.external_id)
            continue
        status = _comment_target(entry.state)
        comment = Comment(
            contribution=contribution,
            source=origin.source,
            source_ref=origin.source_ref,
            external_id=entry.external_id,
            external_url=_url(entry.url),
            external_supports=entry.supports,
            external_seen_at=seen_at,
            body=body,
            status=status,
            author_kind=AuthorKind.EXTERNAL,
            author_label=author_label(origin.label, entry.author_name),
            moderation_reason=_reason(_COMMENT_REASONS, entry.state, origin),
            content_digest=guards.digest(body),
            published_at=entry.created_at or timezone.now(),
        )
        known_comments[entry.external_id] = comment  # replies later in the page find it
        new.append(comment)
    if seen:
        Comment.objects.filter(pk__in=seen).update(external_seen_at=seen_at)
    if not new:
        return
    Comment.objects.bulk_create(new)
    StatusChange.objects.bulk_create(
        StatusChange(
            contribution_id=c.contribution_id,
            comment=c,
            to_status=c.status,
            reason=c.moderation_reason or f"Importé de {origin.label}",
            actor_label=origin.label,
        )
        for c in new
    )
    changed_many(ctx, "comment.imported", [(c, _payload(c, origin)) for c in new])
    outcome.created += len(new)


def _update_comment(ctx, origin: Origin, comment: Comment, entry: ExternalEntry, body: str, outcome: Outcome) -> None:
    values = {
        "body": body or comment.body,
        "external_url": _url(entry.url),
        "external_supports": entry.supports,
        "author_label": author_label(origin.label, entry.author_name),
    }
    fields = [name for name, value in values.items() if getattr(comment, name) != value]
    for name in fields:
        setattr(comment, name, values[name])
    if fields:
        comment.content_digest = guards.digest(comment.body)
        comment.save(update_fields=[*fields, "content_digest"])
        changed(ctx, "comment.synced", comment, payload=_payload(comment, origin, fields=fields), audit=False)
    source = comment.status
    target = _comment_target(entry.state)
    reason = _reason(_COMMENT_REASONS, entry.state, origin)
    hidden_by_platform = comment.moderation_reason.endswith(f" sur {origin.label}")
    action = _platform_action(source, target, hidden_by_platform)
    new_status = _transition(states.COMMENT_TRANSITIONS, action, source, reason) if action else None
    if new_status is not None:
        comment.status = new_status
        comment.moderation_reason = reason
        comment.save(update_fields=["status", "moderation_reason"])
        StatusChange.objects.create(
            contribution_id=comment.contribution_id,
            comment=comment,
            from_status=source,
            to_status=new_status,
            reason=reason,
            actor_label=origin.label,
        )
        changed(
            ctx,
            "comment.status_changed",
            comment,
            payload=_payload(comment, origin, **{"from": source, "to": new_status}),
            audit=False,
        )
        if new_status == CommentStatus.HIDDEN:
            outcome.hidden += 1
            return
    if fields or new_status is not None:
        outcome.updated += 1
    else:
        outcome.unchanged += 1


# --- what a full pass no longer found ----------------------------------------------------------


@transaction.atomic
def mark_missing(ctx: ServiceContext, origin: Origin, *, seen_before: datetime) -> int:
    """Hide, as deleted on the platform, what a full pass begun at ``seen_before`` did not find."""
    hidden = 0
    stale = (
        origin.scope(Contribution)
        .filter(external_seen_at__lt=seen_before)
        .exclude(status__in=[ContributionStatus.HIDDEN, ContributionStatus.WITHDRAWN, ContributionStatus.REJECTED])
        .defer("search_vector")
    )
    for contribution in stale:
        hidden += _contribution_state(ctx, origin, contribution, State.DELETED)
    stale_comments = (
        origin.scope(Comment)
        .filter(external_seen_at__lt=seen_before)
        .exclude(status__in=[CommentStatus.HIDDEN, CommentStatus.REJECTED])
    )
    for comment in stale_comments:
        before = comment.status
        _update_comment(
            ctx,
            origin,
            comment,
            ExternalEntry(
                external_id=comment.external_id,
                kind=COMMENT,
                title="",
                body=comment.body,
                url=comment.external_url,
                author_name=comment.author_label.partition(" : ")[2],
                state=State.DELETED,
                supports=comment.external_supports,
            ),
            comment.body,
            Outcome(),
        )
        hidden += comment.status != before
    return hidden
