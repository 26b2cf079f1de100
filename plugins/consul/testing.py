"""A fake Consul Democracy instance for tests and benchmarks: graphql-core executing the committed
SDL fixture over an in-memory data set, served by pytest-httpserver at ``POST /graphql``.

It answers as Consul does: relation connections of at most 25 nodes with graphql-ruby's offset
cursors, hidden records and comments on hidden records absent (``public_for_api``), authors
shown only when their activity is public, creation times rounded to the hour as strings, GraphQL
errors as ``{"errors": [...]}`` with status 200, and scripted failures (401, 403, 429 with
Retry-After, 500, non-JSON or wrongly shaped bodies). Every query it receives is validated
against the SDL; ``invalid_queries`` lists those that were not.

    fake = FakeConsul(httpserver)
    fake.add_proposal(1, title="Plus de bancs", author=fake.add_user(7, "Camille"))
    fake.add_comment(10, on=("Proposal", 1), body="D'accord")
    client = PLATFORM.client(LinkConfig(base_url=fake.base_url, space={}, credentials={}), httpx.Client())
"""

from __future__ import annotations

import base64
import json
from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

from graphql import build_schema, execute, parse, validate
from graphql.error import GraphQLError
from werkzeug import Request, Response

SDL_PATH = Path(__file__).parent / "api" / "consul-master-169a61f.graphql"
MAX_PAGE_SIZE = 25
EPOCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def load_schema():
    return build_schema(SDL_PATH.read_text(encoding="utf-8"))


def _cursor(offset: int) -> str:
    # graphql-ruby's relation connections: Base64.urlsafe_encode64(offset.to_s, padding: false)
    return base64.urlsafe_b64encode(str(offset).encode()).decode().rstrip("=")


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        return int(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except ValueError:
        raise GraphQLError(f"Invalid cursor: {cursor}") from None


def _public_time(moment: datetime) -> str:
    # Graphqlable#public_created_at: created_at.change(min: 0), rendered as a Ruby Time string
    return moment.replace(minute=0, second=0, microsecond=0).strftime("%Y-%m-%d %H:%M:%S UTC")


class FakeConsul:
    def __init__(self, httpserver):
        self.server = httpserver
        self.schema = load_schema()
        self.users: dict[int, dict] = {}
        self.proposals: dict[int, dict] = {}
        self.debates: dict[int, dict] = {}
        self.comments: dict[int, dict] = {}
        self.scripted: deque = deque()
        self.requests: list[dict] = []  # every query received: {"query", "variables"}
        self.invalid_queries: list[tuple[str, list[str]]] = []
        httpserver.expect_request("/graphql", method="POST").respond_with_handler(self.handle)

    @property
    def base_url(self) -> str:
        return self.server.url_for("/").rstrip("/")

    # -- data set ------------------------------------------------------------------------------
    def add_user(self, pk: int, username: str, *, public: bool = True) -> int:
        self.users[pk] = {"id": str(pk), "username": username, "public_activity": public}
        return pk

    def add_proposal(
        self,
        pk: int,
        *,
        title: str = "",
        summary: str = "",
        description: str = "",
        author=None,
        votes: int = 0,
        hidden: bool = False,
        retired_reason: str | None = None,
        created=None,
    ):
        self.proposals[pk] = {
            "id": str(pk),
            "title": title or f"Proposition {pk}",
            "summary": summary,
            "description": description or f"<p>Texte de la proposition {pk}</p>",
            "cachedVotesUp": votes,
            "author": author,
            "hidden": hidden,
            "created": created or EPOCH + timedelta(hours=pk),
            "retiredReason": retired_reason,
            "retiredAt": (EPOCH + timedelta(days=30)).isoformat().replace("+00:00", "Z") if retired_reason else None,
        }
        return self.proposals[pk]

    def add_debate(
        self,
        pk: int,
        *,
        title: str = "",
        description: str = "",
        author=None,
        votes: int = 0,
        hidden: bool = False,
        created=None,
    ):
        self.debates[pk] = {
            "id": str(pk),
            "title": title or f"Débat {pk}",
            "description": description or f"<p>Débat {pk}</p>",
            "cachedVotesUp": votes,
            "author": author,
            "hidden": hidden,
            "created": created or EPOCH + timedelta(hours=pk),
        }
        return self.debates[pk]

    def add_comment(
        self,
        pk: int,
        *,
        on: tuple[str, int],
        body: str = "",
        parent: int | None = None,
        author=None,
        votes: int = 0,
        hidden: bool = False,
        created=None,
    ):
        ancestry = None
        if parent is not None:
            above = self.comments[parent]["ancestry"]
            ancestry = f"{above}/{parent}" if above else str(parent)
        self.comments[pk] = {
            "id": str(pk),
            "body": body or f"Commentaire {pk}",
            "commentableType": on[0],
            "commentableId": on[1],
            "ancestry": ancestry,
            "cachedVotesUp": votes,
            "author": author,
            "hidden": hidden,
            "created": created or EPOCH + timedelta(hours=pk),
        }
        return self.comments[pk]

    # -- scripted failures ---------------------------------------------------------------------
    def fail_next(
        self, status: int = 500, body: str | bytes | dict = "", *, headers: dict | None = None, times: int = 1
    ):
        """The next ``times`` requests get this answer instead of the real one."""
        payload = json.dumps(body) if isinstance(body, dict) else body
        for _ in range(times):
            self.scripted.append((status, payload, headers or {}))

    # -- public_for_api ------------------------------------------------------------------------
    def _author(self, record: dict):
        user = self.users.get(record["author"]) if record["author"] is not None else None
        if not user or not user["public_activity"]:
            return None
        return {"id": user["id"], "username": user["username"]}

    def _node(self, record: dict) -> dict:
        node = {k: v for k, v in record.items() if k not in ("author", "hidden", "created")}
        node["publicAuthor"] = self._author(record)
        node["publicCreatedAt"] = _public_time(record["created"])
        return node

    def _visible_comments(self):
        commentables = {"Proposal": self.proposals, "Debate": self.debates}
        for pk in sorted(self.comments):
            record = self.comments[pk]
            owner = commentables.get(record["commentableType"], {}).get(record["commentableId"])
            if record["hidden"] or owner is None or owner["hidden"]:
                continue
            yield record

    def _connection(self, records, first=None, after=None, last=None, before=None):
        nodes = [self._node(r) for r in records]
        start = _offset(after)
        size = min(first or MAX_PAGE_SIZE, MAX_PAGE_SIZE)
        page = nodes[start : start + size]
        return {
            "nodes": page,
            "edges": [{"cursor": _cursor(start + i + 1), "node": n} for i, n in enumerate(page)],
            "pageInfo": {
                "hasNextPage": start + size < len(nodes),
                "hasPreviousPage": start > 0,
                "startCursor": _cursor(start + 1) if page else None,
                "endCursor": _cursor(start + len(page)) if page else None,
            },
        }

    def _root(self) -> dict:
        def visible(table):
            return [table[pk] for pk in sorted(table) if not table[pk]["hidden"]]

        return {
            "proposals": lambda info, **args: self._connection(visible(self.proposals), **args),
            "debates": lambda info, **args: self._connection(visible(self.debates), **args),
            "comments": lambda info, **args: self._connection(list(self._visible_comments()), **args),
        }

    # -- HTTP ----------------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        if self.scripted:
            status, body, headers = self.scripted.popleft()
            return Response(body, status=status, headers=headers, content_type="application/json")
        try:
            payload = json.loads(request.get_data(as_text=True) or "{}")
        except ValueError:
            return self._json({"message": "Error parsing JSON"}, 400)
        query = payload.get("query")
        if not query:
            return self._json({"message": "Query string not present"}, 400)
        variables = payload.get("variables") or {}
        if isinstance(variables, str):  # Consul: JSON.parse(params[:variables])
            variables = json.loads(variables) if variables not in ("", "null") else {}
        self.requests.append({"query": query, "variables": variables})
        try:
            document = parse(query)
        except GraphQLError as exc:
            return self._json({"message": "Query string is not valid JSON", "detail": exc.message}, 400)
        errors = validate(self.schema, document)
        if errors:
            self.invalid_queries.append((query, [e.message for e in errors]))
            return self._json({"errors": [{"message": e.message} for e in errors]})
        result = execute(self.schema, document, root_value=self._root(), variable_values=variables)
        body = {"data": result.data}
        if result.errors:
            body["errors"] = [{"message": e.message} for e in result.errors]
        return self._json(body)

    @staticmethod
    def _json(body: dict, status: int = 200) -> Response:
        return Response(json.dumps(body), status=status, content_type="application/json")
