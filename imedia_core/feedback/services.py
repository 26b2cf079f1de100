"""Business rules of official responses and commitments: every write goes through here.

Each function runs in one transaction: it validates (refusals raise ``ServiceError`` with codes
of ``FeedbackErrorCode`` and French messages, before anything is written), sanitises text,
saves, records an audit entry, emits its domain events in the same transaction (outbox) and
asks for the followers of the contributions concerned to be told, once committed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from imedia_core.audit.log import record
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.errors import ServiceError
from imedia_core.events import emit
from imedia_core.participation.models import Contribution, ContributionStatus

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


class _Errors:
    def __init__(self):
        self.items: list[dict] = []

    def add(self, field: str | None, code: str, message: str):
        self.items.append({"field": field, "code": code, "message": message})

    def raise_if_any(self):
        if self.items:
            raise ServiceError(self.items)


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


def _plain(errors: _Errors, value, field: str, *, limit: str | None = None, multiline: bool = True) -> str:
    text = plain_text(value, multiline=multiline)
    maximum = LIMITS[limit or field]
    if len(text) > maximum:
        errors.add(field, "INVALID", f"Ce texte ne doit pas dépasser {maximum} caractères.")
    return text


def _choice(errors: _Errors, value, choices, field: str, label: str):
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


def _notify(contribution: Contribution, subject: str, message: str, actor) -> None:
    from imedia_core.participation.notifications import notify_followers

    notify_followers(contribution, subject=subject, message=message, exclude_user_id=getattr(actor, "pk", None))


# --- responses -----------------------------------------------------------------------------


def current_decision(contribution: Contribution, *, exclude_pk=None) -> str | None:
    """The latest published decision on ``contribution`` (None when never answered)."""
    rows = Response.objects.published().filter(contribution=contribution).exclude(pk=exclude_pk)
    return rows.order_by("-published_at", "-id").values_list("decision", flat=True).first()


def _apply_response_data(response: Response, data: dict, errors: _Errors, actor) -> None:
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


def create_response(
    contribution: Contribution, data: dict, *, publish: bool = False, actor=None, via: str = ""
) -> Response:
    """Answer a published contribution: a draft, or published at once with ``publish``.
    ``data``: decision, text, and optionally reason, capacity, responder_label."""
    errors = _Errors()
    for name in ("decision", "text"):
        if not data.get(name):
            errors.add(name, "REQUIRED", "Ce champ est obligatoire.")
    errors.raise_if_any()
    with transaction.atomic():
        contribution = _lock_contribution(contribution)
        _require_published(contribution)
        response = Response(
            contribution=contribution,
            responder_id=getattr(actor, "pk", None),
            responder_label=public_label(actor),
        )
        _apply_response_data(response, data, errors, actor)
        errors.raise_if_any()
        # A draft is checked too, so that nobody writes an answer that could never be published.
        states.check_decision(current_decision(contribution), response.decision, response.reason)
        response.save()
        record(
            "response.created",
            summary=f"{contribution.title} : {response.get_decision_display()}",
            target=response,
            actor=actor,
            via=via,
        )
        if publish:
            _publish(response, contribution, actor=actor, via=via)
    return response


def _require_draft(response: Response) -> None:
    if response.status != ResponseStatus.DRAFT:
        raise ServiceError.single(
            "ALREADY_PUBLISHED",
            "Cette réponse est publiée : elle ne change plus. Publiez une nouvelle réponse pour faire évoluer "
            "la décision.",
            "id",
        )


def update_response(response: Response, data: dict, *, actor=None, via: str = "") -> Response:
    """Change a draft (published responses are part of the record and never change)."""
    errors = _Errors()
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_draft(response)
        _apply_response_data(response, data, errors, actor)
        errors.raise_if_any()
        states.check_decision(current_decision(response.contribution), response.decision, response.reason)
        response.save()
        record("response.updated", summary=response.contribution.title, target=response, actor=actor, via=via)
    return response


def publish_response(response: Response, *, actor=None, via: str = "") -> Response:
    """Publish a draft: it becomes the contribution's current decision; followers are told."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_draft(response)
        contribution = _lock_contribution(response.contribution)
        _require_published(contribution, field="id")
        _publish(response, contribution, actor=actor, via=via)
    return response


def _publish(response: Response, contribution: Contribution, *, actor, via: str) -> None:
    previous = current_decision(contribution, exclude_pk=response.pk)
    states.check_decision(previous, response.decision, response.reason)
    response.status = ResponseStatus.PUBLISHED
    response.published_at = timezone.now()
    response.save(update_fields=["status", "published_at", "updated_at"])
    record(
        "response.published",
        summary=f"{contribution.title} : {response.get_decision_display()}",
        target=response,
        actor=actor,
        via=via,
    )
    emit(
        "response.published",
        {
            "contribution_id": contribution.pk,
            "decision": response.decision,
            "previous_decision": previous,
            "published_at": response.published_at.isoformat(),
        },
        subject=response,
        actor=actor,
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
    _notify(contribution, f"Réponse officielle : « {contribution.title} »", "\n".join(lines), actor)


def delete_response(response: Response, *, actor=None, via: str = "") -> None:
    """Delete a draft (a published response stays on the record)."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        _require_draft(response)
        record("response.deleted", summary=response.contribution.title, target=response, actor=actor, via=via)
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


def _apply_commitment_text(commitment: Commitment, data: dict, errors: _Errors) -> None:
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


def create_commitment(data: dict, *, actor=None, via: str = "") -> Commitment:
    """Commit to something: ``data`` has title, owner_label, due_date, and optionally
    description, phase (a Phase) and contributions (published Contribution objects)."""
    errors = _Errors()
    for name in ("title", "owner_label", "due_date"):
        if not data.get(name):
            errors.add(name, "REQUIRED", "Ce champ est obligatoire.")
    errors.raise_if_any()
    commitment = Commitment(
        due_date=data["due_date"], created_by_id=getattr(actor, "pk", None), created_by_label=public_label(actor)
    )
    _apply_commitment_text(commitment, data, errors)
    errors.raise_if_any()
    with transaction.atomic():
        contributions = _check_contributions(data.get("contributions") or [])
        commitment.save()
        if contributions:
            commitment.contributions.set(contributions)
        record("commitment.created", summary=commitment.title, target=commitment, actor=actor, via=via)
        emit("commitment.created", _commitment_payload(commitment), subject=commitment, actor=actor)
    return commitment


def _lock(commitment: Commitment) -> Commitment:
    return Commitment.objects.select_for_update().get(pk=commitment.pk)


def _move(commitment: Commitment, data: dict, errors: _Errors) -> dict:
    """Apply progress, status, outcome and due date from ``data`` (keys present only) and
    return what changed as ``{field: (old, new)}``. Enforces the state machine."""
    old_status, old_progress, old_due = commitment.status, commitment.progress, commitment.due_date
    closed = commitment.status in states.CLOSED_STATUSES
    status = old_status
    if data.get("status") is not None:
        status = _choice(errors, data["status"], CommitmentStatus, "status", "Statut") or old_status
    progress = old_progress
    if data.get("progress") is not None:
        progress = data["progress"]
        if not 0 <= progress <= 100:
            errors.add("progress", "INVALID", "L'avancement est un pourcentage, de 0 à 100.")
            progress = old_progress
    due_date = data["due_date"] if data.get("due_date") is not None else old_due
    errors.raise_if_any()

    if closed and (status != old_status or progress != old_progress or due_date != old_due):
        field = "status" if status != old_status else ("progress" if progress != old_progress else "dueDate")
        raise ServiceError.single(
            "COMMITMENT_CLOSED",
            f"Cet engagement est clos (« {states.status_label(old_status)} ») : son statut, son avancement "
            "et son échéance ne changent plus.",
            field,
        )
    # Reporting progress on a planned commitment means the work has started.
    if status == old_status == CommitmentStatus.PLANNED and progress > 0 and data.get("status") is None:
        status = CommitmentStatus.IN_PROGRESS
    if "outcome" in data:
        commitment.outcome = _plain(errors, data["outcome"], "outcome")
        errors.raise_if_any()
    if status != old_status:
        states.check_commitment_move(old_status, status, commitment.outcome)
    elif status == CommitmentStatus.NOT_DONE and not commitment.outcome:
        raise ServiceError.single(
            "REQUIRED", "Un engagement non tenu garde son explication : elle ne peut pas être vide.", "outcome"
        )
    if status == CommitmentStatus.DONE:
        progress = 100
    commitment.status, commitment.progress, commitment.due_date = status, progress, due_date
    if status in states.CLOSED_STATUSES and old_status not in states.CLOSED_STATUSES:
        commitment.closed_at = timezone.now()
    changes = {}
    for name, old, new in (
        ("status", old_status, status),
        ("progress", old_progress, progress),
        ("due_date", old_due, due_date),
    ):
        if old != new:
            changes[name] = (old, new)
    return changes


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


def _record_step(commitment: Commitment, changes: dict, *, text: str, date: dt.date | None, actor) -> CommitmentUpdate:
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
        author_id=getattr(actor, "pk", None),
        author_label=public_label(actor),
    )


def _after_change(commitment: Commitment, changes: dict, fields: list[str], *, step, actor, via: str) -> None:
    """Events, audit and notifications once a commitment has changed."""
    extra = {"fields": sorted(fields)}
    if step is not None:
        extra["update_id"] = step.pk
    emit("commitment.updated", _commitment_payload(commitment, **extra), subject=commitment, actor=actor)
    record("commitment.updated", summary=commitment.title, target=commitment, actor=actor, via=via)
    if "status" in changes:
        old, new = changes["status"]
        emit(
            "commitment.status_changed",
            _commitment_payload(commitment, previous_status=old),
            subject=commitment,
            actor=actor,
        )
        record(
            "commitment.status_changed",
            summary=f"{commitment.title} : {states.status_label(old)} → {states.status_label(new)}",
            target=commitment,
            actor=actor,
            via=via,
        )
    if "status" in changes or step is not None:
        _notify_commitment(commitment, changes, step, actor)


def _notify_commitment(commitment: Commitment, changes: dict, step, actor) -> None:
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
        _notify(contribution, subject, "\n".join(lines), actor)


def update_commitment(commitment: Commitment, data: dict, *, note: str = "", actor=None, via: str = "") -> Commitment:
    """Change a commitment: its texts, owner, phase; and, while open, its due date, progress
    and status (each such change is also written in its timeline, with ``note`` or a summary)."""
    errors = _Errors()
    with transaction.atomic():
        commitment = _lock(commitment)
        before = {
            name: getattr(commitment, name) for name in ("title", "description", "owner_label", "phase_id", "outcome")
        }
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
        step = _record_step(commitment, changes, text=note, date=None, actor=actor) if changes else None
        _after_change(commitment, changes, fields, step=step, actor=actor, via=via)
    return commitment


def add_update(commitment: Commitment, data: dict, *, actor=None, via: str = "") -> CommitmentUpdate:
    """Add a dated step to the timeline: ``text`` (required), ``date`` (default today, never in
    the future), and optionally a new ``progress``, ``status`` (with ``outcome`` for not done)
    or ``due_date``. A closed commitment still takes notes, but nothing else changes."""
    errors = _Errors()
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
        step = _record_step(commitment, changes, text=text, date=date, actor=actor)
        _after_change(commitment, changes, ["timeline", *changes], step=step, actor=actor, via=via)
    return step


def link_contributions(
    commitment: Commitment, contributions: Iterable[Contribution], *, actor=None, via: str = ""
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
        titles = ", ".join(f"« {c.title} »" for c in added)
        record(
            "commitment.linked", summary=f"{commitment.title} ↔ {titles}"[:500], target=commitment, actor=actor, via=via
        )
        emit(
            "commitment.updated",
            _commitment_payload(commitment, fields=["contributions"], linked_ids=[c.pk for c in added]),
            subject=commitment,
            actor=actor,
        )
    return commitment


def unlink_contributions(
    commitment: Commitment, contributions: Iterable[Contribution], *, actor=None, via: str = ""
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
        titles = ", ".join(f"« {c.title} »" for c in rows)
        record(
            "commitment.unlinked",
            summary=f"{commitment.title} ↮ {titles}"[:500],
            target=commitment,
            actor=actor,
            via=via,
        )
        emit(
            "commitment.updated",
            _commitment_payload(commitment, fields=["contributions"], unlinked_ids=[c.pk for c in rows]),
            subject=commitment,
            actor=actor,
        )
    return commitment
