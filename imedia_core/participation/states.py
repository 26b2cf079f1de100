"""The moderation and life-cycle state machine of contributions and comments.

Every status change goes through ``next_status``: it names the transition (an *action*), who may
take it (moderator, author, or the system), and whether a reason is required. Anything not listed
is refused with ``INVALID_TRANSITION`` — there is no way to set a status directly.

Contributions::

    pending   --approve-->  published      (moderator)
    pending   --reject--->  rejected       (moderator, reason required)
    rejected  --approve-->  published      (moderator: reconsidered)
    published --hide----->  hidden         (moderator, reason required)
    hidden    --restore-->  published      (moderator)
    published --requeue-->  pending        (moderator, or the system: reports threshold, edit in pre-moderation)
    pending | published | hidden --withdraw--> withdrawn   (author)

Comments follow the same moderator transitions (no withdraw, no requeue).

What a connector imported follows its source platform (actor ``platform``, ``participation.external``):
it may hide (pending or published), restore what the platform itself hid or withdrew, and
withdraw; it never overrides a local moderator's decision (see ``external.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from imedia_core.errors import ServiceError

from .models import CommentStatus, ContributionStatus


class Action(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HIDE = "hide"
    RESTORE = "restore"
    REQUEUE = "requeue"
    WITHDRAW = "withdraw"


class Actor(StrEnum):
    MODERATOR = "moderator"
    AUTHOR = "author"
    SYSTEM = "system"
    PLATFORM = "platform"  # the external platform a contribution or comment came from


MODERATOR_ACTIONS = (Action.APPROVE, Action.REJECT, Action.HIDE, Action.RESTORE, Action.REQUEUE)


@dataclass(frozen=True)
class Transition:
    action: Action
    source: str
    target: str
    actors: frozenset[Actor]
    reason_required: bool = False


def _t(action, source, target, *actors, reason=False):
    return Transition(action, source, target, frozenset(actors), reason)


S = ContributionStatus
CONTRIBUTION_TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.APPROVE, S.PENDING, S.PUBLISHED, Actor.MODERATOR),
    _t(Action.REJECT, S.PENDING, S.REJECTED, Actor.MODERATOR, reason=True),
    _t(Action.APPROVE, S.REJECTED, S.PUBLISHED, Actor.MODERATOR),
    _t(Action.HIDE, S.PUBLISHED, S.HIDDEN, Actor.MODERATOR, Actor.PLATFORM, reason=True),
    _t(Action.RESTORE, S.HIDDEN, S.PUBLISHED, Actor.MODERATOR, Actor.PLATFORM),
    _t(Action.REQUEUE, S.PUBLISHED, S.PENDING, Actor.MODERATOR, Actor.SYSTEM),
    _t(Action.WITHDRAW, S.PENDING, S.WITHDRAWN, Actor.AUTHOR, Actor.PLATFORM),
    _t(Action.WITHDRAW, S.PUBLISHED, S.WITHDRAWN, Actor.AUTHOR, Actor.PLATFORM),
    _t(Action.WITHDRAW, S.HIDDEN, S.WITHDRAWN, Actor.AUTHOR, Actor.PLATFORM),
    _t(Action.HIDE, S.PENDING, S.HIDDEN, Actor.PLATFORM, reason=True),
    _t(Action.RESTORE, S.WITHDRAWN, S.PUBLISHED, Actor.PLATFORM),
)

C = CommentStatus
COMMENT_TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.APPROVE, C.PENDING, C.PUBLISHED, Actor.MODERATOR),
    _t(Action.REJECT, C.PENDING, C.REJECTED, Actor.MODERATOR, reason=True),
    _t(Action.APPROVE, C.REJECTED, C.PUBLISHED, Actor.MODERATOR),
    _t(Action.HIDE, C.PUBLISHED, C.HIDDEN, Actor.MODERATOR, Actor.PLATFORM, reason=True),
    _t(Action.RESTORE, C.HIDDEN, C.PUBLISHED, Actor.MODERATOR, Actor.PLATFORM),
    _t(Action.HIDE, C.PENDING, C.HIDDEN, Actor.PLATFORM, reason=True),
)

STATUS_LABELS = {**dict(ContributionStatus.choices)}
ACTION_LABELS = {
    Action.APPROVE: "valider",
    Action.REJECT: "refuser",
    Action.HIDE: "masquer",
    Action.RESTORE: "rétablir",
    Action.REQUEUE: "remettre en modération",
    Action.WITHDRAW: "retirer",
}


def find(transitions, action: str, source: str) -> Transition | None:
    for transition in transitions:
        if transition.action == action and transition.source == source:
            return transition
    return None


def next_status(transitions, action: str, source: str, actor: Actor, reason: str = "") -> str:
    """The status ``action`` leads to from ``source``; ServiceError when refused."""
    try:
        action = Action(action)
    except ValueError:
        raise ServiceError.single("INVALID", f"Action inconnue : « {action} ».", "action") from None
    transition = find(transitions, action, source)
    if transition is None or actor not in transition.actors:
        label = STATUS_LABELS.get(source, source).lower()
        raise ServiceError.single(
            "INVALID_TRANSITION",
            f"Impossible de {ACTION_LABELS[action]} : l'élément est dans l'état « {label} ».",
            "action",
        )
    if transition.reason_required and not (reason or "").strip():
        raise ServiceError.single(
            "REASON_REQUIRED", f"Indiquez la raison pour laquelle vous voulez {ACTION_LABELS[action]}.", "reason"
        )
    return transition.target


def allowed_actions(transitions, source: str, actor: Actor) -> list[Action]:
    """What ``actor`` may do from ``source`` (for interfaces that show buttons)."""
    return [t.action for t in transitions if t.source == source and actor in t.actors]
