"""The contract between the connector engine (this package) and a platform adapter (a plugin).

An adapter (``plugins/decidim``, ``plugins/consul``, ``plugins/adhocracy``) knows one platform's
API and nothing of imedia's models; the engine knows imedia's models and nothing of any API.
They meet here, in plain data:

- ``Platform``: what the platform is (key, label, published request limit, whether it can take an
  answer back) and how to check a link's external-space settings; ``client()`` opens a session.
- ``PlatformClient.fetch(cursor)``: one page of ``ExternalItem`` (proposals, debates, comments...)
  and the cursor to resume from. The engine saves the cursor after each page it has stored, so a
  crash resumes where it stopped.
- ``PlatformClient.answer(answer)``: tell the platform what became of an item (an official
  response); the adapter falls back to a comment where the platform refuses answers, and raises
  ``PlatformError("UNSUPPORTED")`` where it can take nothing back (Consul's API is read-only).

Adapters talk HTTP through the ``http`` object the engine gives them (an ``httpx.Client``-like
object with ``get``/``post``/``request``): it paces requests to the platform's published limit
and retries 429 and 5xx answers with backoff, so adapters never sleep or retry by themselves.
Adapters raise ``PlatformError`` for everything that goes wrong, never a bare exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


class ItemState:
    """What an item is on its platform; the engine maps it to a contribution or comment status."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"  # withdrawn by its author
    HIDDEN = "hidden"  # hidden or moderated on the platform
    DELETED = "deleted"  # gone from the platform

    ALL = (PUBLISHED, WITHDRAWN, HIDDEN, DELETED)


@dataclass(frozen=True)
class ExternalAuthor:
    name: str  # the public name shown on the platform ("" when the platform shows none)
    external_id: str = ""  # the platform's id for the person, when it publishes one


@dataclass(frozen=True)
class ExternalItem:
    """One proposal, debate or comment, as the platform publishes it."""

    external_id: str  # unique within the link and stable across syncs, e.g. "proposal:123"
    kind: str  # the platform's kind: one of Platform.kinds, or "comment"
    title: str  # plain text ("" for comments)
    body: str  # the text; HTML is allowed, the engine reduces it to plain text
    url: str  # the item's public address on the platform
    author: ExternalAuthor | None
    state: str = ItemState.PUBLISHED  # an ItemState value
    created_at: datetime | None = None
    updated_at: datetime | None = None
    parent_id: str = ""  # comments: the external_id of the item (or comment) they answer
    supports: int | None = None  # supports / votes / likes, as a figure
    step_id: str = ""  # the platform's phase or step the item belongs to (Decidim process steps)
    platform_state: str = ""  # the platform's own answer state, if any (accepted, evaluating...)


@dataclass(frozen=True)
class Page:
    items: list[ExternalItem]
    cursor: str  # opaque: passed back to fetch() to get the next page
    done: bool  # True when this page is the last one of the pass


@dataclass(frozen=True)
class OutboundAnswer:
    """What imedia tells the platform about one of its items."""

    external_id: str  # the item answered (an ExternalItem.external_id of this link)
    state: str  # "accepted", "rejected" or "evaluating"
    text: str  # plain text, in French, as published in imedia
    idempotency_key: str  # the same answer sent twice carries the same key


@dataclass(frozen=True)
class AnswerReceipt:
    reference: str  # the platform's id of what was created or updated
    as_comment: bool = False  # True when the adapter fell back to a comment


@dataclass(frozen=True)
class LinkConfig:
    """What an adapter gets to open a session: no model, only values."""

    base_url: str  # validated https:// (or http:// in tests) address, without a trailing slash
    space: dict[str, Any]  # the external space, as Platform.validate_space returned it
    credentials: dict[str, str]  # decrypted, never logged; {} when the platform needs none
    since: datetime | None = None  # incremental pass: items updated since then; None: full pass


@dataclass(frozen=True)
class SpaceField:
    """One setting of the external space (shown in the admin and described in GraphQL)."""

    name: str
    label: str  # French
    help: str = ""  # French
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CredentialField:
    name: str
    label: str  # French
    help: str = ""


class PlatformError(Exception):
    """What went wrong with the platform, in French, with a code the engine acts on.

    AUTH: credentials refused or expired (after one re-authentication); RATE_LIMITED: still 429
    after the engine's retries; UNAVAILABLE: 5xx or network error after retries; MALFORMED: an
    answer that does not have the published shape (nothing of that page is stored); NOT_FOUND: the
    external space does not exist; UNSUPPORTED: the platform cannot do this (e.g. take an answer).
    """

    CODES = ("AUTH", "RATE_LIMITED", "UNAVAILABLE", "MALFORMED", "NOT_FOUND", "UNSUPPORTED", "INVALID")

    def __init__(self, code: str, message: str, *, retry_after: float | None = None):
        assert code in self.CODES, code
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after


class PlatformClient(Protocol):
    def fetch(self, cursor: str | None) -> Page: ...

    def answer(self, answer: OutboundAnswer) -> AnswerReceipt: ...


@dataclass(frozen=True)
class Platform:
    """A platform adapter, as a plugin returns it from ``imedia_connector_platforms``."""

    key: str  # "decidim", "consul", "adhocracy": stored on links and contributions
    label: str  # "Decidim"
    kinds: tuple[str, ...]  # the item kinds it yields, besides "comment" (mapping keys)
    requests_per_minute: int  # the platform's published default limit; the engine stays under it
    can_answer: bool
    answer_note: str  # French: what goes back to the platform, shown in the link's status
    space_fields: tuple[SpaceField, ...]
    credential_fields: tuple[CredentialField, ...]
    source_version: str  # the platform version the adapter's API fixture was derived from
    open_client: Any = field(repr=False, default=None)  # (config: LinkConfig, http) -> PlatformClient
    validate_space: Any = field(repr=False, default=None)  # (space: dict) -> dict, raises PlatformError("INVALID")

    def client(self, config: LinkConfig, http) -> PlatformClient:
        return self.open_client(config, http)
