"""Automatic moderation checks, contributed by plugins through ``imedia_tenant_contribution_check``
(contributions, on submission and on edit) and ``imedia_tenant_comment_check`` (comments).

A check returns a ``ModerationVerdict`` (or None when it has nothing to say). ``hold`` keeps the
contribution out of public view until a moderator decides, even when the programme moderates
after publication; ``reject`` refuses the text outright (the author gets the reason and may
rephrase; nothing is saved). The strictest verdict wins.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from imedia_core.pluginhost import manager

logger = logging.getLogger(__name__)

HOLD = "hold"
REJECT = "reject"
_SEVERITY = {HOLD: 1, REJECT: 2}


@dataclass(frozen=True)
class ModerationVerdict:
    """What an automatic check decided about a contribution.

    ``action``: ``"hold"`` (needs a moderator) or ``"reject"`` (refused outright).
    ``reason``: shown to moderators (and, for a rejection, to the author), in French.
    ``checker``: the name of the check, e.g. the plugin's name.
    """

    action: Literal["hold", "reject"]
    reason: str
    checker: str

    def __post_init__(self):
        if self.action not in _SEVERITY:
            raise ValueError(f"ModerationVerdict.action must be 'hold' or 'reject', not {self.action!r}")


def strictest(verdicts) -> ModerationVerdict | None:
    kept = [v for v in verdicts if isinstance(v, ModerationVerdict)]
    if not kept:
        return None
    return max(kept, key=lambda v: _SEVERITY[v.action])


def run_checks(tenant, contribution) -> ModerationVerdict | None:
    """Ask every check the tenant has enabled; the strictest verdict (None: nothing to say)."""
    return _ask(tenant, "imedia_tenant_contribution_check", contribution=contribution)


def run_comment_checks(tenant, comment) -> ModerationVerdict | None:
    """The same for a comment (not saved yet: checks read ``comment.body``)."""
    return _ask(tenant, "imedia_tenant_comment_check", comment=comment)


def _ask(tenant, hook: str, **kwargs) -> ModerationVerdict | None:
    if tenant is None:
        return None
    results = manager.hook_for_tenant(tenant, hook)(tenant=tenant, **kwargs)
    for result in results:
        if result is not None and not isinstance(result, ModerationVerdict):
            logger.warning("%s returned %r, not a ModerationVerdict: ignored", hook, result)
    return strictest(results)
