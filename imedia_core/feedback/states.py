"""The two state machines of the feedback domain, explicit and in one place.

**Decisions** (per contribution, from one published response to the next). The current decision
is the latest published response's:

    (none)          -> under study, accepted, partly accepted, declined
    under study     -> under study (an interim answer), accepted, partly accepted, declined
    accepted        -> partly accepted, declined              (a revision: reason required)
    partly accepted -> accepted, declined                     (a revision: reason required)
    declined        -> accepted, partly accepted              (a reconsideration: reason required)

A final decision never goes back to "under study" and is never repeated (follow-up belongs to
commitments and their timeline). Declining always needs a reason.

**Commitments**:

    planned     -> in progress, done, not done
    in progress -> done, not done
    done, not done: closed (no way out: a new promise is a new commitment)

"Not done" always needs an explanation (``outcome``): it is a first-class outcome, not a silence.
"""

from __future__ import annotations

from imedia_core.errors import ServiceError

from .models import CommitmentStatus, Decision

D = Decision
FINAL_DECISIONS = frozenset({D.ACCEPTED, D.PARTLY_ACCEPTED, D.DECLINED})

DECISION_TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset(D.values),
    D.UNDER_STUDY: frozenset(D.values),
    D.ACCEPTED: frozenset({D.PARTLY_ACCEPTED, D.DECLINED}),
    D.PARTLY_ACCEPTED: frozenset({D.ACCEPTED, D.DECLINED}),
    D.DECLINED: frozenset({D.ACCEPTED, D.PARTLY_ACCEPTED}),
}

S = CommitmentStatus
CLOSED_STATUSES = frozenset({S.DONE, S.NOT_DONE})
COMMITMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.IN_PROGRESS, S.DONE, S.NOT_DONE}),
    S.IN_PROGRESS: frozenset({S.DONE, S.NOT_DONE}),
    S.DONE: frozenset(),
    S.NOT_DONE: frozenset(),
}


def decision_label(value: str | None) -> str:
    return Decision(value).label if value else "aucune décision"


def status_label(value: str | None) -> str:
    return CommitmentStatus(value).label if value else ""


def can_decide(current: str | None, new: str) -> bool:
    return new in DECISION_TRANSITIONS.get(current, frozenset())


def reason_required(current: str | None, new: str) -> bool:
    """Declining, and revising a final decision, must be explained."""
    return new == D.DECLINED or current in FINAL_DECISIONS


def check_decision(current: str | None, new: str, reason: str, *, field: str = "decision") -> None:
    """Refuse ``current -> new`` when the machine forbids it or the reason is missing."""
    if not can_decide(current, new):
        if current in FINAL_DECISIONS and new == current:
            message = (
                f"La contribution a déjà reçu la décision « {decision_label(current)} » : "
                "suivez sa mise en œuvre avec un engagement plutôt qu'une nouvelle réponse."
            )
        else:
            message = (
                f"Impossible de passer de « {decision_label(current)} » à « {decision_label(new)} » : "
                "une décision prise ne revient pas « à l'étude »."
            )
        raise ServiceError.single("INVALID_TRANSITION", message, field)
    if reason_required(current, new) and not (reason or "").strip():
        message = (
            "Expliquez pourquoi la contribution est refusée."
            if new == D.DECLINED
            else f"Expliquez pourquoi la décision « {decision_label(current)} » est révisée."
        )
        raise ServiceError.single("REQUIRED", message, "reason")


def can_move(current: str, new: str) -> bool:
    return new in COMMITMENT_TRANSITIONS.get(current, frozenset())


def check_commitment_move(current: str, new: str, outcome: str, *, field: str = "status") -> None:
    """Refuse ``current -> new`` when the machine forbids it, or "not done" without a reason."""
    if not can_move(current, new):
        if current in CLOSED_STATUSES:
            message = f"Cet engagement est clos (« {status_label(current)} ») : son statut ne change plus."
            raise ServiceError.single("COMMITMENT_CLOSED", message, field)
        message = f"Impossible de passer de « {status_label(current)} » à « {status_label(new)} »."
        raise ServiceError.single("INVALID_TRANSITION", message, field)
    if new == S.NOT_DONE and not (outcome or "").strip():
        raise ServiceError.single(
            "REQUIRED", "Expliquez pourquoi l'engagement n'a pas été tenu (« non fait, parce que… »).", "outcome"
        )
