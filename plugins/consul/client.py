"""The Consul Democracy client: reads proposals, debates and comments from a Consul instance's
public GraphQL API (``POST <instance>/graphql``), one page per ``fetch()``.

Consul's API is public and read only (``plugins/consul/api/consul-master-169a61f.graphql``):
no credentials, no mutation, at most 25 nodes a page, hidden (moderated) records absent, authors
shown only when they made their activity public, creation times rounded to the hour and no update
time. So every pass is a full pass (``LinkConfig.since`` is ignored): proposals, then debates,
then comments (parents before the comments that answer them), each walked with the connection's
``first``/``after`` cursor; the engine notices what vanished (hidden or deleted on Consul) at the
end of a full pass.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from imedia_core.plugin_api import (
    AnswerReceipt,
    ExternalAuthor,
    ExternalItem,
    ItemState,
    LinkConfig,
    OutboundAnswer,
    Page,
    PlatformError,
)

DONE = '{"done":true}'  # the cursor of a pass's last page
PAGE_SIZE = 25  # ConsulSchema: default_max_page_size 25
NOBODY = "Personne sur Consul"  # an author who keeps their activity private
READ_ONLY = (
    "L'API de Consul est en lecture seule : elle ne permet ni de répondre à une proposition ni de "
    "la commenter. Publiez la réponse sur Consul vous-même (un administrateur de Consul peut "
    "reprendre le texte de la réponse officielle publiée dans imedia)."
)

_AUTHOR = "publicAuthor { id username }"
QUERIES = {
    "proposals": (
        "query ImediaConsulProposals($first: Int, $after: String) {"
        " proposals(first: $first, after: $after) {"
        " pageInfo { hasNextPage endCursor }"
        " nodes { id title summary description cachedVotesUp publicCreatedAt"
        f" retiredAt retiredReason {_AUTHOR} }} }} }}"
    ),
    "debates": (
        "query ImediaConsulDebates($first: Int, $after: String) {"
        " debates(first: $first, after: $after) {"
        " pageInfo { hasNextPage endCursor }"
        f" nodes {{ id title description cachedVotesUp publicCreatedAt {_AUTHOR} }} }} }}"
    ),
    "comments": (
        "query ImediaConsulComments($first: Int, $after: String) {"
        " comments(first: $first, after: $after) {"
        " pageInfo { hasNextPage endCursor }"
        " nodes { id body ancestry commentableId commentableType cachedVotesUp publicCreatedAt"
        f" {_AUTHOR} }} }} }}"
    ),
}

# The space setting "content" -> the collections read, in order (comments last: parents first).
CONTENT_PHASES = {
    "all": ("proposals", "debates", "comments"),
    "proposals": ("proposals", "comments"),
    "debates": ("debates", "comments"),
}
# Consul's commentableType -> our kind, for the commentables imported.
COMMENTABLE_KINDS = {"Proposal": "proposal", "Debate": "debate"}


class Malformed(Exception):
    """A value that does not have the published shape (path, what was expected)."""


def _field(node: dict, name: str, kind, path: str, *, required: bool = False):
    if name not in node:
        raise Malformed(f"champ « {path}.{name} » absent")
    value = node[name]
    if value is None:
        if required:
            raise Malformed(f"champ « {path}.{name} » vide")
        return None
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise Malformed(f"champ « {path}.{name} » de type inattendu")
    return value


def _id(node: dict, path: str) -> str:
    value = node.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip().isdigit():
        raise Malformed(f"identifiant « {path}.id » absent ou invalide")
    return str(value).strip()


def parse_time(value: str | None) -> datetime | None:
    """Consul's times: "2026-05-04 16:00:00 UTC" (publicCreatedAt) or ISO 8601 (retiredAt)."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(" UTC"):
        text = text[:-4] + "+00:00"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None  # an unexpected format is not worth refusing the page: the date stays empty
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _author(node: dict, path: str) -> ExternalAuthor:
    author = node.get("publicAuthor", ...)
    if author is ...:
        raise Malformed(f"champ « {path}.publicAuthor » absent")
    if author is None:
        return ExternalAuthor(name=NOBODY)
    if not isinstance(author, dict):
        raise Malformed(f"champ « {path}.publicAuthor » de type inattendu")
    name = _field(author, "username", str, f"{path}.publicAuthor") or ""
    return ExternalAuthor(name=name.strip() or NOBODY, external_id=f"user:{_id(author, path + '.publicAuthor')}")


def retry_after(response: httpx.Response) -> float | None:
    header = response.headers.get("Retry-After", "").strip()
    if not header:
        return None
    if header.isdigit():
        return float(header)
    try:
        return max(0.0, (parsedate_to_datetime(header) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


class ConsulClient:
    """A session with one Consul instance (see the module docstring)."""

    def __init__(self, config: LinkConfig, http):
        self.config = config
        self.http = http
        self.base_url = config.base_url.rstrip("/")
        self.phases = CONTENT_PHASES[config.space.get("content") or "all"]
        self.kinds = {kind for kind in COMMENTABLE_KINDS.values() if kind + "s" in self.phases}

    # -- the cursor: which collection, and where in it --------------------------------------
    def _read_cursor(self, cursor: str | None) -> tuple[str, str | None]:
        if not cursor:
            return self.phases[0], None
        try:
            state = json.loads(cursor)
            phase, after = state["phase"], state.get("after")
        except (ValueError, TypeError, KeyError):
            raise PlatformError("INVALID", "Le point de reprise de la synchronisation Consul est illisible.") from None
        if phase not in self.phases or not (after is None or isinstance(after, str)):
            raise PlatformError("INVALID", "Le point de reprise de la synchronisation Consul est illisible.")
        return phase, after

    @staticmethod
    def _cursor(phase: str, after: str | None) -> str:
        return json.dumps({"phase": phase, "after": after}, separators=(",", ":"))

    # -- PlatformClient ----------------------------------------------------------------------
    def fetch(self, cursor: str | None) -> Page:
        if cursor == DONE:  # the pass ended before the engine could close it: nothing left to read
            return Page(items=[], cursor=DONE, done=True)
        phase, after = self._read_cursor(cursor)
        data = self.query(QUERIES[phase], {"first": PAGE_SIZE, "after": after})
        try:
            connection = data.get(phase) if isinstance(data, dict) else None
            if not isinstance(connection, dict):
                raise Malformed(f"champ « {phase} » absent")
            info = connection.get("pageInfo")
            if not isinstance(info, dict):
                raise Malformed(f"champ « {phase}.pageInfo » absent")
            has_next = _field(info, "hasNextPage", bool, f"{phase}.pageInfo", required=True)
            end_cursor = _field(info, "endCursor", str, f"{phase}.pageInfo", required=has_next)
            nodes = connection.get("nodes")
            if not isinstance(nodes, list):
                raise Malformed(f"champ « {phase}.nodes » absent")
            items = []
            for index, node in enumerate(nodes):
                path = f"{phase}.nodes[{index}]"
                if not isinstance(node, dict):
                    raise Malformed(f"élément « {path} » de type inattendu")
                item = getattr(self, "_" + phase[:-1])(node, path)
                if item is not None:
                    items.append(item)
        except Malformed as exc:
            raise PlatformError(
                "MALFORMED",
                f"La réponse de Consul n'a pas la forme publiée de son API ({exc}) : rien n'a été importé de cette page.",
            ) from None
        if has_next:
            return Page(items=items, cursor=self._cursor(phase, end_cursor), done=False)
        position = self.phases.index(phase)
        if position + 1 < len(self.phases):
            return Page(items=items, cursor=self._cursor(self.phases[position + 1], None), done=False)
        return Page(items=items, cursor=DONE, done=True)

    def answer(self, answer: OutboundAnswer) -> AnswerReceipt:
        raise PlatformError("UNSUPPORTED", READ_ONLY)

    # -- one node -> one item ------------------------------------------------------------------
    def _proposal(self, node: dict, path: str) -> ExternalItem:
        pk = _id(node, path)
        summary = _field(node, "summary", str, path) or ""
        description = _field(node, "description", str, path) or ""
        retired_at = _field(node, "retiredAt", str, path)
        return ExternalItem(
            external_id=f"proposal:{pk}",
            kind="proposal",
            title=(_field(node, "title", str, path) or "").strip(),
            body=(f"<p>{summary}</p>\n" if summary.strip() else "") + description,
            url=f"{self.base_url}/proposals/{pk}",
            author=_author(node, path),
            state=ItemState.WITHDRAWN if retired_at else ItemState.PUBLISHED,
            created_at=parse_time(_field(node, "publicCreatedAt", str, path)),
            supports=_field(node, "cachedVotesUp", int, path),
            platform_state=(_field(node, "retiredReason", str, path) or "") if retired_at else "",
        )

    def _debate(self, node: dict, path: str) -> ExternalItem:
        pk = _id(node, path)
        return ExternalItem(
            external_id=f"debate:{pk}",
            kind="debate",
            title=(_field(node, "title", str, path) or "").strip(),
            body=_field(node, "description", str, path) or "",
            url=f"{self.base_url}/debates/{pk}",
            author=_author(node, path),
            created_at=parse_time(_field(node, "publicCreatedAt", str, path)),
            supports=_field(node, "cachedVotesUp", int, path),
        )

    def _comment(self, node: dict, path: str) -> ExternalItem | None:
        pk = _id(node, path)
        commentable_type = _field(node, "commentableType", str, path)
        kind = COMMENTABLE_KINDS.get(commentable_type or "")
        if kind not in self.kinds:
            return None  # a comment on a poll, a budget investment, or a kind this link skips
        commentable_id = _field(node, "commentableId", int, path, required=True)
        ancestry = (_field(node, "ancestry", str, path) or "").strip()
        if ancestry:
            parent = ancestry.rsplit("/", 1)[-1]
            if not parent.isdigit():
                raise Malformed(f"champ « {path}.ancestry » illisible")
            parent_id = f"comment:{parent}"
        else:
            parent_id = f"{kind}:{commentable_id}"
        return ExternalItem(
            external_id=f"comment:{pk}",
            kind="comment",
            title="",
            body=_field(node, "body", str, path) or "",
            url=f"{self.base_url}/comments/{pk}",
            author=_author(node, path),
            created_at=parse_time(_field(node, "publicCreatedAt", str, path)),
            parent_id=parent_id,
            supports=_field(node, "cachedVotesUp", int, path),
        )

    # -- transport -------------------------------------------------------------------------------
    def query(self, query: str, variables: dict) -> dict:
        """POST one query to ``/graphql``; the ``data`` object, or a PlatformError.

        ``variables`` travel as a JSON string: Consul's controller has parsed them with
        ``JSON.parse(params[:variables])`` for years and still accepts a string today.
        """
        try:
            response = self.http.post(
                f"{self.base_url}/graphql",
                json={"query": query, "variables": json.dumps(variables)},
                headers={"Accept": "application/json"},
            )
        except PlatformError:
            raise
        except httpx.HTTPError as exc:
            raise PlatformError("UNAVAILABLE", f"Consul ne répond pas ({type(exc).__name__}).") from None
        status = response.status_code
        if status == 429:
            raise PlatformError(
                "RATE_LIMITED",
                "Consul limite le nombre de requêtes (300 par tranche de 5 minutes et par adresse, "
                "par défaut) : la synchronisation reprendra plus tard.",
                retry_after=retry_after(response),
            )
        if status >= 500:
            raise PlatformError("UNAVAILABLE", f"Consul est indisponible (erreur {status}).")
        if status == 401:
            raise PlatformError("AUTH", "Consul demande une authentification : son API devrait être publique.")
        if status == 403:
            raise PlatformError(
                "NOT_FOUND",
                "L'API de Consul est désactivée sur cette instance : un administrateur de Consul "
                "doit activer la fonctionnalité « API » (Paramètres › Fonctionnalités).",
            )
        if status == 404:
            raise PlatformError("NOT_FOUND", "Aucune API Consul à cette adresse (/graphql introuvable).")
        if status != 200:
            raise PlatformError("MALFORMED", f"Consul a refusé la requête (erreur {status}).")
        try:
            payload = response.json()
        except ValueError:
            raise PlatformError("MALFORMED", "La réponse de Consul n'est pas du JSON : rien n'a été importé.") from None
        if not isinstance(payload, dict):
            raise PlatformError("MALFORMED", "La réponse de Consul n'a pas la forme d'une réponse GraphQL.")
        errors = payload.get("errors")
        if errors:
            first = errors[0] if isinstance(errors, list) and errors else {}
            message = first.get("message", "") if isinstance(first, dict) else ""
            raise PlatformError(
                "MALFORMED",
                f"Consul a refusé la requête (version de Consul différente ?) : {str(message)[:200]}",
            )
        data = payload.get("data")
        if not isinstance(data, dict):
            raise PlatformError("MALFORMED", "La réponse de Consul ne contient pas de données.")
        return data
