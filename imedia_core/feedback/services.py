"""Business rules of official responses and commitments: every write goes through here.

Each function takes the caller's ``ServiceContext`` first and runs in one transaction: it
validates (refusals raise ``ServiceError`` with codes of ``FeedbackErrorCode`` and French
messages, before anything is written), sanitises text, saves, writes its audit entry and domain
event together (``changed``) and asks for the followers of the contributions concerned to be
told, once committed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from imedia_core.changes import changed
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.context import ServiceContext
from imedia_core.errors import ErrorCollector, ServiceError
from imedia_core.participation.models import Contribution, ContributionStatus
from imedia_core.participation.notifications import notify_followers

from . import states
from .models import Commitment, CommitmentStatus, CommitmentUpdate, Decision, Response, ResponseStatus

LIMITS = {
    "text": 20000,
    "reason": 2000,
    "capacity": 300,
    "responder_label": 200,
    "title": 200,
    "owner_label": 200,
    "description": 20000,
    "outcome": 2000,
    "update_text": 5000,
}
PUBLIC_TEAM_LABEL = "Équipe du programme"


def public_label(actor) -> str:
    """How a staff member is shown to the public: their display name, never their e-mail."""
    return (getattr(actor, "display_name", "") or PUBLIC_TEAM_LABEL)[:200] if actor is not None else PUBLIC_TEAM_LABEL


def rich_text(value: str | None) -> str:
    """Sanitised HTML from HTML or plain text (plain text becomes paragraphs and line breaks)."""
    value = (value or "").strip()
    if not value:
        return ""
    if "<" not in value:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value.replace("\r\n", "\n")) if p.strip()]
        value = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return clean_html(value)


def _plain(errors: ErrorCollector, value, field: str, *, limit: str | None = None, multiline: bool = True) -> str:
    text = plain_text(value, multiline=multiline)
    maximum = LIMITS[limit or field]
    if len(text) > maximum:
        errors.add(field, "INVALID", f"Ce texte ne doit pas dépasser {maximum} caractères.")
    return text


def _choice(errors: ErrorCollector, value, choices, field: str, label: str):
    value = getattr(value, "value", value)
    if value not in choices.values:
        errors.add(field, "INVALID", f"{label} inconnu·e : « {value} ».")
        return None
    return value


def _lock_contribution(contribution: Contribution) -> Contribution:
    """The contribution, locked: decisions on one contribution are taken one at a time."""
    return Contribution.objects.select_for_update().get(pk=contribution.pk)


def _require_published(contribution: Contribution, field: str = "contributionId") -> None:
    if contribution.status != ContributionStatus.PUBLISHED:
        raise ServiceError.single(
            "CONTRIBUTION_NOT_PUBLISHED",
            f"La contribution « {contribution.title} » n'est pas publiée : elle ne peut pas recevoir de réponse "
            "ni être liée à un engagement.",
            field,
        )


def _notify(ctx: ServiceContext, contribution: Contribution, subject: str, message: str) -> None:
    notify_followers(contribution, subject=subject, message=message, exclude_user_id=ctx.user_id)


# --- responses -----------------------------------------------------------------------------


def current_decision(contribution: Contribution, *, exclude_pk=None) -> str | None:
    """The latest published decision on ``contribution`` (None when never answered)."""
    rows = Response.objects.published().filter(contribution=contribution).exclude(pk=exclude_pk)
    return rows.order_by("-published_at", "-id").values_list("decision", flat=True).first()


def _response_summary(response: Response) -> str:
    return f"{response.contribution.title} : {response.get_decision_display()}"


def _response_payload(response: Response) -> dict:
    return {"contribution_id": response.contribution_id, "decision": response.decision}


def _apply_response_data(response: Response, data: dict, errors: ErrorCollector, actor) -> None:
    if "decision" in data:
        response.decision = _choice(errors, data["decision"], Decision, "decision", "Décision") or response.decision
    if "text" in data:
        text = rich_text(data["text"])
        if not plain_text(text, multiline=False) and "<img" not in text:
            errors.add("text", "REQUIRED", "Rédigez la réponse.")
        elif len(text) > LIMITS["text"]:
            errors.add("text", "INVALID", f"La réponse ne doit pas dépasser {LIMITS['text']} caractères.")
        response.text = text
    if "reason" in data:
        response.reason = _plain(errors, data["reason"], "reason")
    if "capacity" in data:
        response.capacity = _plain(errors, data["capacity"], "capacity", multiline=False)
    if "responder_label" in data:
        label = _plain(errors, data["responder_label"], "responder_label", multiline=False)
        response.responder_label = label or public_label(actor)


def create_response(ctx: ServiceContext, contribution: Contribution, data: dict, *, publish: bool = False) -> Response:
    """Answer a published contribution: a draft, or published at once with ``publish``.
    ``data``: decision, text, and optionally reason, capacity, responder_label."""
    errors = ErrorCollector()
    for name in ("decision", "text"):
        if not data.get(name):
            errors.add(name, "REQUIRED", "Ce champ est obligatoire.")
    errors.raise_if_any()
    with transaction.atomic():
        contribution = _lock_contribution(contribution)
        _require_published(contribution)
        response = Response(
            contribution=contribution, responder_id=ctx.user_id, responder_label=public_label(ctx.actor)
        )
        _apply_response_data(response, data, errors, ctx.actor)
        errors.raise_if_any()
        # A draft is checked too, so that nobody writes an answer that could never be published.
        states.check_decision(current_decision(contribution), response.decision, response.reason)
        response.save()
        changed(
            ctx, "response.created", response, payload=_response_payload(response), summary=_response_summary(response)
        )
        if publish:
            _publish(ctx, response, contribution)
    return response


def _require_draft(response: Response) -> None:
    if response.status != ResponseStatus.DRAFT:
        raise ServiceError.single(
            "ALREADY_PUBLISHED",
            "Cette réponse est publiée : elle ne change plus. Publiez une nouvelle réponse pour faire évoluer "
            "la décision.",
            "id",
        )


def update_response(ctx: ServiceContext, response: Response, data: dict) -> Response:
    """Change a draft (published responses are part of the record and never change)."""
    errors = ErrorCollector()
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_draft(response)
        _apply_response_data(response, data, errors, ctx.actor)
        errors.raise_if_any()
        states.check_decision(current_decision(response.contribution), response.decision, response.reason)
        response.save()
        changed(
            ctx,
            "response.updated",
            response,
            payload=_response_payload(response),
            summary=response.contribution.title,
        )
    return response


def publish_response(ctx: ServiceContext, response: Response) -> Response:
    """Publish a draft: it becomes the contribution's current decision; followers are told."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_draft(response)
        contribution = _lock_contribution(response.contribution)
        _require_published(contribution, field="id")
        _publish(ctx, response, contribution)
    return response


def _publish(ctx: ServiceContext, response: Response, contribution: Contribution) -> None:
    previous = current_decision(contribution, exclude_pk=response.pk)
    states.check_decision(previous, response.decision, response.reason)
    response.status = ResponseStatus.PUBLISHED
    response.published_at = timezone.now()
    response.save(update_fields=["status", "published_at", "updated_at"])
    changed(
        ctx,
        "response.published",
        response,
        payload={
            "contribution_id": contribution.pk,
            "decision": response.decision,
            "previous_decision": previous,
            "published_at": response.published_at.isoformat(),
        },
        summary=f"{contribution.title} : {response.get_decision_display()}",
    )
    lines = [
        f"La contribution « {contribution.title} » a reçu une réponse officielle.",
        "",
        f"Décision : {response.get_decision_display()}",
        f"Réponse de : {response.responder_label}" + (f", {response.capacity}" if response.capacity else ""),
        "",
        plain_text(response.text, multiline=True),
    ]
    if response.reason:
        lines += ["", f"Motif : {response.reason}"]
    _notify(ctx, contribution, f"Réponse officielle : « {contribution.title} »", "\n".join(lines))


def delete_response(ctx: ServiceContext, response: Response) -> None:
    """Delete a draft (a published response stays on the record)."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_draft(response)
        # Written before the row goes: the event and the entry keep its id.
        changed(
            ctx,
            "response.deleted",
            response,
            payload=_response_payload(response),
            summary=response.contribution.title,
        )
        response.delete()


# --- commitments ---------------------------------------------------------------------------


def _commitment_payload(commitment: Commitment, **extra) -> dict:
    return {
        "status": commitment.status,
        "progress": commitment.progress,
        "due_date": commitment.due_date.isoformat() if commitment.due_date else None,
        "contribution_ids": sorted(commitment.contributions.values_list("pk", flat=True)),
        **extra,
    }


def _apply_commitment_text(commitment: Commitment, data: dict, errors: ErrorCollector) -> None:
    if "title" in data:
        title = _plain(errors, data["title"], "title", multiline=False)
        if not title:
            errors.add("title", "REQUIRED", "Dites en une ligne ce qui sera fait.")
        commitment.title = title
    if "owner_label" in data:
        owner = _plain(errors, data["owner_label"], "owner_label", multiline=False)
        if not owner:
            errors.add("owner_label", "REQUIRED", "Indiquez le service ou la personne qui s'en charge.")
        commitment.owner_label = owner
    if "description" in data:
        description = rich_text(data["description"])
        if len(description) > LIMITS["description"]:
            errors.add(
                "description", "INVALID", f"La description ne doit pas dépasser {LIMITS['description']} caractères."
            )
        commitment.description = description
    if "phase" in data:
        commitment.phase = data["phase"]


def _check_contributions(contributions: Iterable[Contribution], field: str = "contributions") -> list[Contribution]:
    rows = list({c.pk: c for c in contributions}.values())
    for contribution in rows:
        _require_published(contribution, field)
    return rows


def create_commitment(ctx: ServiceContext, data: dict) -> Commitment:
    """Commit to something: ``data`` has title, owner_label, due_date, and optionally
    description, phase (a Phase) and contributions (published Contribution objects)."""
    errors = ErrorCollector()
    for name in ("title", "owner_label", "due_date"):
        if not data.get(name):
            errors.add(name, "REQUIRED", "Ce champ est obligatoire.")
    errors.raise_if_any()
    commitment = Commitment(
        due_date=data["due_date"], created_by_id=ctx.user_id, created_by_label=public_label(ctx.actor)
    )
    _apply_commitment_text(commitment, data, errors)
    errors.raise_if_any()
    with transaction.atomic():
        contributions = _check_contributions(data.get("contributions") or [])
        commitment.save()
        if contributions:
            commitment.contributions.set(contributions)
        changed(ctx, "commitment.created", commitment, payload=_commitment_payload(commitment))
    return commitment


def _lock(commitment: Commitment) -> Commitment:
    return Commitment.objects.select_for_update().get(pk=commitment.pk)


class _Position(NamedTuple):
    """Where a commitment stands: what a timeline step may move."""

    status: str
    progress: int
    due_date: dt.date


def _position(commitment: Commitment) -> _Position:
    return _Position(commitment.status, commitment.progress, commitment.due_date)


def _requested_position(commitment: Commitment, data: dict, errors: ErrorCollector) -> _Position:
    """The status, progress and due date ``data`` asks for (keys absent or null: unchanged)."""
    current = _position(commitment)
    status = current.status
    if data.get("status") is not None:
        status = _choice(errors, data["status"], CommitmentStatus, "status", "Statut") or current.status
    progress = current.progress
    if data.get("progress") is not None:
        if 0 <= data["progress"] <= 100:
            progress = data["progress"]
        else:
            errors.add("progress", "INVALID", "L'avancement est un pourcentage, de 0 à 100.")
    due_date = data["due_date"] if data.get("due_date") is not None else current.due_date
    errors.raise_if_any()
    return _Position(status, progress, due_date)


def _refuse_moving_a_closed_commitment(commitment: Commitment, wanted: _Position) -> None:
    if commitment.status not in states.CLOSED_STATUSES:
        return
    current = _position(commitment)
    moved = [
        field for field, old, new in zip(("status", "progress", "dueDate"), current, wanted, strict=True) if old != new
    ]
    if moved:
        raise ServiceError.single(
            "COMMITMENT_CLOSED",
            f"Cet engagement est clos (« {states.status_label(current.status)} ») : son statut, son avancement "
            "et son échéance ne changent plus.",
            moved[0],
        )


def _with_implied_start(commitment: Commitment, wanted: _Position, data: dict) -> _Position:
    """Reporting progress on a planned commitment means the work has started."""
    planned = wanted.status == commitment.status == CommitmentStatus.PLANNED
    if planned and wanted.progress > 0 and data.get("status") is None:
        return wanted._replace(status=CommitmentStatus.IN_PROGRESS)
    return wanted


def _check_status(commitment: Commitment, status: str) -> None:
    """The state machine, with the outcome it requires (« non fait » always keeps its reason)."""
    if status != commitment.status:
        states.check_commitment_move(commitment.status, status, commitment.outcome)
    elif status == CommitmentStatus.NOT_DONE and not commitment.outcome:
        raise ServiceError.single(
            "REQUIRED", "Un engagement non tenu garde son explication : elle ne peut pas être vide.", "outcome"
        )


def _move(commitment: Commitment, data: dict, errors: ErrorCollector) -> dict:
    """Apply progress, status, outcome and due date from ``data`` (keys present only) and
    return what changed as ``{field: (old, new)}``. Enforces the state machine."""
    before = _position(commitment)
    wanted = _requested_position(commitment, data, errors)
    _refuse_moving_a_closed_commitment(commitment, wanted)
    wanted = _with_implied_start(commitment, wanted, data)
    if "outcome" in data:
        commitment.outcome = _plain(errors, data["outcome"], "outcome")
        errors.raise_if_any()
    _check_status(commitment, wanted.status)
    if wanted.status == CommitmentStatus.DONE:
        wanted = wanted._replace(progress=100)
    if wanted.status in states.CLOSED_STATUSES and before.status not in states.CLOSED_STATUSES:
        commitment.closed_at = timezone.now()
    commitment.status, commitment.progress, commitment.due_date = wanted
    return {name: (old, new) for name, old, new in zip(_Position._fields, before, wanted, strict=True) if old != new}


def _auto_text(changes: dict, commitment: Commitment) -> str:
    parts = []
    if "status" in changes:
        old, new = changes["status"]
        parts.append(f"Statut : {states.status_label(old)} → {states.status_label(new)}.")
        if new == CommitmentStatus.NOT_DONE:
            parts.append(f"Parce que : {commitment.outcome}")
    if "progress" in changes:
        parts.append(f"Avancement : {changes['progress'][1]} %.")
    if "due_date" in changes:
        old, new = changes["due_date"]
        parts.append(f"Échéance déplacée du {old:%d/%m/%Y} au {new:%d/%m/%Y}.")
    return " ".join(parts)


def _record_step(
    ctx: ServiceContext, commitment: Commitment, changes: dict, *, text: str, date: dt.date | None
) -> CommitmentUpdate:
    status = changes.get("status", (None, ""))
    due = changes.get("due_date", (None, None))
    return CommitmentUpdate.objects.create(
        commitment=commitment,
        date=date or timezone.localdate(),
        text=text or _auto_text(changes, commitment),
        progress=changes["progress"][1] if "progress" in changes else None,
        status=status[1] or "",
        previous_status=status[0] or "",
        due_date=due[1],
        previous_due_date=due[0],
        author_id=ctx.user_id,
        author_label=public_label(ctx.actor),
    )


def _after_change(ctx: ServiceContext, commitment: Commitment, changes: dict, fields: list[str], *, step) -> None:
    """Audit, events and notifications once a commitment has changed."""
    extra = {"fields": sorted(fields)}
    if step is not None:
        extra["update_id"] = step.pk
    changed(ctx, "commitment.updated", commitment, payload=_commitment_payload(commitment, **extra))
    if "status" in changes:
        old, new = changes["status"]
        changed(
            ctx,
            "commitment.status_changed",
            commitment,
            payload=_commitment_payload(commitment, previous_status=old),
            summary=f"{commitment.title} : {states.status_label(old)} → {states.status_label(new)}",
        )
    if "status" in changes or step is not None:
        _notify_commitment(ctx, commitment, changes, step)


def _notify_commitment(ctx: ServiceContext, commitment: Commitment, changes: dict, step) -> None:
    contributions = commitment.contributions.filter(status=ContributionStatus.PUBLISHED).order_by("id")
    if "status" in changes:
        subject = f"Engagement « {commitment.title} » : {states.status_label(commitment.status).lower()}"
    else:
        subject = f"Du nouveau sur l'engagement « {commitment.title} »"
    for contribution in contributions:
        lines = [
            f"Un engagement pris en réponse à la contribution « {contribution.title} » a avancé.",
            "",
            f"Engagement : {commitment.title}",
            f"Porté par : {commitment.owner_label}",
            f"Statut : {states.status_label(commitment.status)} — avancement {commitment.progress} %",
            f"Échéance : {commitment.due_date:%d/%m/%Y}",
        ]
        if commitment.status == CommitmentStatus.NOT_DONE:
            lines.append(f"Non fait, parce que : {commitment.outcome}")
        if step is not None:
            lines += ["", f"Le {step.date:%d/%m/%Y} : {step.text}"]
        _notify(ctx, contribution, subject, "\n".join(lines))


_DESCRIBED_FIELDS = ("title", "description", "owner_label", "phase_id", "outcome")


def update_commitment(ctx: ServiceContext, commitment: Commitment, data: dict, *, note: str = "") -> Commitment:
    """Change a commitment: its texts, owner, phase; and, while open, its due date, progress
    and status (each such change is also written in its timeline, with ``note`` or a summary)."""
    errors = ErrorCollector()
    with transaction.atomic():
        commitment = _lock(commitment)
        before = {name: getattr(commitment, name) for name in _DESCRIBED_FIELDS}
        _apply_commitment_text(commitment, data, errors)
        errors.raise_if_any()
        note = _plain(errors, note, "note", limit="update_text")
        errors.raise_if_any()
        changes = _move(commitment, data, errors)
        fields = [name for name, old in before.items() if getattr(commitment, name) != old]
        fields = [("phase" if name == "phase_id" else name) for name in fields] + list(changes)
        if not fields:
            return commitment
        commitment.save()
        step = _record_step(ctx, commitment, changes, text=note, date=None) if changes else None
        _after_change(ctx, commitment, changes, fields, step=step)
    return commitment


def add_update(ctx: ServiceContext, commitment: Commitment, data: dict) -> CommitmentUpdate:
    """Add a dated step to the timeline: ``text`` (required), ``date`` (default today, never in
    the future), and optionally a new ``progress``, ``status`` (with ``outcome`` for not done)
    or ``due_date``. A closed commitment still takes notes, but nothing else changes."""
    errors = ErrorCollector()
    text = _plain(errors, data.get("text"), "text", limit="update_text")
    if not text:
        errors.add("text", "REQUIRED", "Dites ce qui s'est passé.")
    date = data.get("date") or timezone.localdate()
    if date > timezone.localdate():
        errors.add("date", "INVALID", "Une étape ne peut pas être datée dans le futur.")
    errors.raise_if_any()
    with transaction.atomic():
        commitment = _lock(commitment)
        if date < timezone.localdate(commitment.created_at):
            raise ServiceError.single("INVALID", "Cette date précède la création de l'engagement.", "date")
        changes = _move(commitment, data, errors)
        if changes or "outcome" in data:
            commitment.save()
        else:
            commitment.save(update_fields=["updated_at"])
        step = _record_step(ctx, commitment, changes, text=text, date=date)
        _after_change(ctx, commitment, changes, ["timeline", *changes], step=step)
    return step


def _titles(contributions: Iterable[Contribution]) -> str:
    return ", ".join(f"« {c.title} »" for c in contributions)


def link_contributions(
    ctx: ServiceContext, commitment: Commitment, contributions: Iterable[Contribution]
) -> Commitment:
    """Say that this commitment answers these (published) contributions too. Idempotent."""
    with transaction.atomic():
        commitment = _lock(commitment)
        rows = _check_contributions(contributions)
        linked = set(commitment.contributions.values_list("pk", flat=True))
        added = [c for c in rows if c.pk not in linked]
        if not added:
            return commitment
        commitment.contributions.add(*added)
        commitment.save(update_fields=["updated_at"])
        added_ids = [c.pk for c in added]
        changed(
            ctx,
            "commitment.linked",
            commitment,
            payload=_commitment_payload(commitment, linked_ids=added_ids),
            summary=f"{commitment.title} ↔ {_titles(added)}",
        )
        # Receivers that follow every change of a commitment keep getting links as updates.
        changed(
            ctx,
            "commitment.updated",
            commitment,
            payload=_commitment_payload(commitment, fields=["contributions"], linked_ids=added_ids),
            audit=False,
        )
    return commitment


def unlink_contributions(
    ctx: ServiceContext, commitment: Commitment, contributions: Iterable[Contribution]
) -> Commitment:
    """Detach contributions the commitment was linked to by mistake."""
    with transaction.atomic():
        commitment = _lock(commitment)
        rows = list({c.pk: c for c in contributions}.values())
        linked = set(commitment.contributions.values_list("pk", flat=True))
        missing = [c for c in rows if c.pk not in linked]
        if missing:
            raise ServiceError.single(
                "NOT_LINKED",
                f"L'engagement ne répond pas à la contribution « {missing[0].title} ».",
                "contributions",
            )
        if not rows:
            return commitment
        commitment.contributions.remove(*rows)
        commitment.save(update_fields=["updated_at"])
        removed_ids = [c.pk for c in rows]
        changed(
            ctx,
            "commitment.unlinked",
            commitment,
            payload=_commitment_payload(commitment, unlinked_ids=removed_ids),
            summary=f"{commitment.title} ↮ {_titles(rows)}",
        )
        changed(
            ctx,
            "commitment.updated",
            commitment,
            payload=_commitment_payload(commitment, fields=["contributions"], unlinked_ids=removed_ids),
            audit=False,
        )
    return commitment
