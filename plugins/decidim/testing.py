"""A fake Decidim for tests and benchmarks: pytest-httpserver serving ``POST /api`` (graphql-core
executing over the committed SDL fixture, resolvers over an in-memory data set) and
``POST /api/sign_in`` (API-user key/secret exchanged for a JWT), with scripted failures.

Usage::

    fake = FakeDecidim()
    process = fake.add_process("budget-2026")
    proposals = fake.add_component(process, "Proposals")
    p = fake.add_proposal(proposals, "Plus de pistes cyclables", author="Camille Martin")
    fake.add_comment(p, "D'accord !", author="Léa")
    fake.install(httpserver)                 # a pytest-httpserver HTTPServer
    base_url = httpserver.url_for("").rstrip("/")

Scripted failures: ``fake.script(status=429, headers={"Retry-After": "3"})`` answers the next
``/api`` request with that status; ``fake.expire_tokens()`` makes every issued JWT expired (401);
``fake.script(body=...)`` answers with a raw body (malformed payloads); ``fake.answers_allowed =
False`` refuses the answer mutation as a permissionless instance does.
"""

from __future__ import annotations

import base64
import itertools
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from graphql import build_schema, graphql_sync

from .queries import SDL_PATH

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _cursor(index: int) -> str:
    return base64.b64encode(str(index + 1).encode()).decode().rstrip("=")


def _index(cursor: str | None) -> int:
    if not cursor:
        return 0
    padded = cursor + "=" * (-len(cursor) % 4)
    return int(base64.b64decode(padded).decode())


def _translated(text: str | None):
    if text is None:
        return None
    return {
        "translation": lambda info, locale: text,
        "locales": ["fr"],
        "translations": [{"locale": "fr", "text": text}],
    }


def _author(name: str | None) -> dict | None:
    if name is None:
        return None
    nickname = name.lower().replace(" ", "_")
    return {
        "__typename": "User",
        "id": str(abs(hash(name)) % 100000),
        "deleted": name == "",
        "name": name,
        "nickname": nickname,
        "avatarUrl": "",
        "badge": "",
        "profilePath": f"/profiles/{nickname}",
    }


@dataclass
class Record:
    id: int
    kind: str  # process, assembly, component, proposal, debate, comment
    data: dict = field(default_factory=dict)
    children: list = field(default_factory=list)  # components of a space, items of a component, comments


@dataclass
class Scripted:
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: Any = None  # raw body (str/bytes) or a JSON-able value; None: execute normally
    mutate: Any = None  # callable(result dict) -> result dict, applied to a normal execution


class FakeDecidim:
    def __init__(self, *, api_key: str = "cle-api", api_secret: str = "secret-api", version: str = "0.31.0"):  # noqa: S107 - a fake
        self.schema = build_schema(SDL_PATH.read_text())
        self.api_key, self.api_secret, self.version = api_key, api_secret, version
        self.ids = itertools.count(1)
        self.processes: dict[str, Record] = {}
        self.assemblies: dict[str, Record] = {}
        self.components: dict[str, Record] = {}
        self.items: dict[tuple[str, str], Record] = {}  # ("proposal", id) -> record
        self.tokens: dict[str, bool] = {}  # jwt -> valid
        self.scripted: list[Scripted] = []
        self.sign_in_scripted: list[Scripted] = []
        self.answers_allowed = True
        self.comments_allowed = True
        self.requests: list[dict] = []  # every /api request: {"query", "variables", "auth"}
        self.sign_ins = 0
        self.answers: list[dict] = []
        self.added_comments: list[Record] = []

    # -- data set --------------------------------------------------------------------------

    def _space(self, registry: dict, kind: str, slug: str, title: str, steps: list[dict] | None) -> Record:
        record = Record(next(self.ids), kind, {"slug": slug, "title": title, "steps": steps or []})
        registry[slug] = record
        return record

    def add_process(self, slug: str, title: str = "Budget participatif", steps: list[dict] | None = None) -> Record:
        """steps: [{"title", "start", "end", "active"}] (datetimes)."""
        record = self._space(self.processes, "process", slug, title, None)
        record.data["steps"] = [
            {"id": str(next(self.ids)), "position": i, **step} for i, step in enumerate(steps or [])
        ]
        return record

    def add_assembly(self, slug: str, title: str = "Assemblée citoyenne") -> Record:
        return self._space(self.assemblies, "assembly", slug, title, None)

    def add_component(self, space: Record, typename: str, name: str = "") -> Record:
        record = Record(next(self.ids), "component", {"typename": typename, "name": name or typename, "space": space})
        space.children.append(record)
        self.components[str(record.id)] = record
        return record

    def add_proposal(
        self,
        component: Record,
        title: str,
        body: str = "<p>Texte</p>",
        *,
        author: str | None = "Camille Martin",
        state: str | None = None,
        withdrawn: bool = False,
        votes: int | None = 0,
        likes: int = 0,
        published: datetime | None = None,
        updated: datetime | None = None,
        hidden: bool = False,
    ) -> Record:
        published = published or T0 + timedelta(minutes=len(component.children))
        record = Record(
            next(self.ids),
            "proposal",
            {
                "title": title,
                "body": body,
                "author": author,
                "state": state,
                "withdrawn": withdrawn,
                "votes": votes,
                "likes": likes,
                "published": published,
                "updated": updated or published,
                "hidden": hidden,
                "answer": None,
                "answered_at": None,
                "component": component,
            },
        )
        component.children.append(record)
        self.items[("proposal", str(record.id))] = record
        return record

    def add_debate(
        self,
        component: Record,
        title: str,
        description: str = "<p>Débat</p>",
        *,
        author: str | None = "Camille Martin",
        created: datetime | None = None,
    ) -> Record:
        created = created or T0 + timedelta(minutes=len(component.children))
        record = Record(
            next(self.ids),
            "debate",
            {
                "title": title,
                "description": description,
                "author": author,
                "created": created,
                "updated": created,
                "hidden": False,
                "component": component,
            },
        )
        component.children.append(record)
        self.items[("debate", str(record.id))] = record
        return record

    def add_comment(
        self,
        target: Record,
        body: str,
        *,
        author: str = "Léa Durand",
        created: datetime | None = None,
        hidden: bool = False,
        up_votes: int = 0,
    ) -> Record:
        created = created or T0 + timedelta(hours=1, minutes=len(target.children))
        record = Record(
            next(self.ids),
            "comment",
            {
                "body": body,
                "author": author,
                "created": created,
                "hidden": hidden,
                "up_votes": up_votes,
            },
        )
        target.children.append(record)
        self.items[("comment", str(record.id))] = record
        return record

    # -- scripted behaviour ----------------------------------------------------------------

    def script(
        self,
        status: int = 200,
        *,
        headers: dict | None = None,
        body: Any = None,
        mutate=None,
        times: int = 1,
        sign_in: bool = False,
    ) -> None:
        queue = self.sign_in_scripted if sign_in else self.scripted
        queue.extend(Scripted(status, headers or {}, body, mutate) for _ in range(times))

    def expire_tokens(self) -> None:
        for token in self.tokens:
            self.tokens[token] = False

    # -- GraphQL values --------------------------------------------------------------------

    def _comments(self, record: Record) -> list[dict]:
        return [self._comment(c) for c in record.children if c.kind == "comment" and not c.data["hidden"]]

    def _commentable(self, record: Record, typename: str, type_name: str) -> dict:
        visible = [c for c in record.children if c.kind == "comment" and not c.data["hidden"]]
        return {
            "__typename": typename,
            "id": str(record.id),
            "type": type_name,
            "acceptsNewComments": True,
            "comments": lambda info, **kw: self._comments(record),
            "totalCommentsCount": self._count(record),
            "hasComments": bool(visible),
            "userAllowedToComment": False,
        }

    def _count(self, record: Record) -> int:
        return sum(1 + self._count(c) for c in record.children if c.kind == "comment" and not c.data["hidden"])

    def _comment(self, record: Record) -> dict:
        d = record.data
        return {
            **self._commentable(record, "Comment", "Decidim::Comments::Comment"),
            "author": _author(d["author"]),
            "sgid": f"sgid-{record.id}",
            "body": d["body"],
            "formattedBody": f"<p>{d['body']}</p>",
            "createdAt": _iso(d["created"]),
            "alignment": 0,
            "upVotes": d["up_votes"],
            "downVotes": 0,
        }

    def _proposal(self, record: Record) -> dict:
        d = record.data
        author = _author(d["author"])
        return {
            **self._commentable(record, "Proposal", "Decidim::Proposals::Proposal"),
            "title": _translated(d["title"]),
            "body": _translated(d["body"]),
            "author": author,
            "authors": [author] if author else [],
            "authorsCount": 1 if author else 0,
            "likes": [],
            "likesCount": d["likes"],
            "official": author is None,
            "state": "withdrawn" if d["withdrawn"] else d["state"],
            "withdrawn": d["withdrawn"],
            "withdrawnAt": _iso(d["updated"]) if d["withdrawn"] else None,
            "answer": _translated(d["answer"]),
            "answeredAt": _iso(d["answered_at"]),
            "publishedAt": _iso(d["published"]),
            "createdAt": _iso(d["published"]),
            "updatedAt": _iso(d["updated"]),
            "reference": f"FAKE-PROP-{record.id}",
            "voteCount": d["votes"],
        }

    def _debate(self, record: Record) -> dict:
        d = record.data
        return {
            **self._commentable(record, "Debate", "Decidim::Debates::Debate"),
            "title": _translated(d["title"]),
            "description": _translated(d["description"]),
            "author": _author(d["author"]),
            "createdAt": _iso(d["created"]),
            "updatedAt": _iso(d["updated"]),
            "reference": f"FAKE-DEB-{record.id}",
            "startTime": None,
            "endTime": None,
        }

    @staticmethod
    def _connection(records: list, build, first: int | None = None, after: str | None = None, **_) -> dict:
        """A Relay connection over ``records``; only the page's nodes are built (benchmarks)."""
        start = _index(after)
        end = len(records) if first is None else min(len(records), start + first)
        page = [build(r) for r in records[start:end]]
        return {
            "nodes": page,
            "edges": [{"cursor": _cursor(start + i), "node": n} for i, n in enumerate(page)],
            "pageInfo": {
                "endCursor": _cursor(end - 1) if page else None,
                "startCursor": _cursor(start) if page else None,
                "hasNextPage": end < len(records),
                "hasPreviousPage": start > 0,
            },
        }

    def _visible(self, component: Record, kind: str) -> list[Record]:
        return [r for r in component.children if r.kind == kind and not r.data["hidden"]]

    def _component(self, record: Record, *, mutation: bool = False) -> dict:
        d = record.data
        known = d["typename"] in ("Proposals", "Debates")  # others are plain "Component" in this subset
        typename = (d["typename"] if known else "Component") + ("Mutation" if mutation else "")
        value = {
            "__typename": typename,
            "id": str(record.id),
            "name": _translated(d["name"]),
            "publishedAt": _iso(T0),
            "weight": 0,
        }
        if d["typename"] == "Proposals" and not mutation:
            value["proposals"] = lambda info, **kw: self._connection(
                self._visible(record, "proposal"), self._proposal, **kw
            )
            value["proposal"] = lambda info, id: next(
                (self._proposal(r) for r in self._visible(record, "proposal") if str(r.id) == id), None
            )
        elif d["typename"] == "Debates":
            value["debates"] = lambda info, **kw: self._connection(self._visible(record, "debate"), self._debate, **kw)
            value["debate"] = lambda info, id: next(
                (self._debate(r) for r in self._visible(record, "debate") if str(r.id) == id), None
            )
        elif mutation:
            value["proposal"] = lambda info, id: self._proposal_mutation(record, id)
        return value

    def _space_value(self, record: Record, typename: str) -> dict:
        d = record.data
        return {
            "__typename": typename,
            "id": str(record.id),
            "slug": d["slug"],
            "type": f"Decidim::{typename}",
            "title": _translated(d["title"]),
            "publishedAt": _iso(T0),
            "createdAt": _iso(T0),
            "updatedAt": _iso(T0),
            "url": None,
            "startDate": None,
            "endDate": None,
            "components": lambda info, **kw: [self._component(c) for c in record.children],
            "steps": [
                {
                    "id": s["id"],
                    "title": _translated(s.get("title", "Phase")),
                    "description": None,
                    "startDate": _iso(s.get("start")),
                    "endDate": _iso(s.get("end")),
                    "active": bool(s.get("active")),
                    "position": s["position"],
                }
                for s in d["steps"]
            ],
        }

    # -- mutations -------------------------------------------------------------------------

    def _proposal_mutation(self, component: Record, proposal_id: str):
        record = self.items.get(("proposal", proposal_id))
        if record is None or record.data["component"] is not component:
            return None

        def answer(info, input):
            if not info.context["user"] or not self.answers_allowed:
                raise PermissionError("You are not authorized to perform this action")
            attributes = input["attributes"]
            state = attributes.get("state")
            if state not in ("accepted", "rejected", "evaluating"):
                raise ValueError("State is invalid")
            content = attributes.get("answerContent") or {}
            record.data.update(
                state=state,
                answer=content.get("fr") or next(iter(content.values()), ""),
                answered_at=T0 + timedelta(days=30),
                updated=T0 + timedelta(days=30),
            )
            self.answers.append({"proposal": proposal_id, "state": state, "content": content})
            return self._proposal(record)

        return {"answer": answer}

    def _commentable_mutation(self, info, id, type, locale, toggleTranslations):
        kinds = {
            "Decidim::Proposals::Proposal": "proposal",
            "Decidim::Debates::Debate": "debate",
            "Decidim::Comments::Comment": "comment",
        }
        record = self.items.get((kinds.get(type, ""), id))
        if record is None:
            raise LookupError(f"Couldn't find {type} with 'id'={id}")

        def add_comment(info, body, alignment=0):
            if not info.context["user"] or not self.comments_allowed:
                raise PermissionError("You are not authorized to perform this action")
            comment = self.add_comment(record, body, author="Utilisateur d'API", created=T0 + timedelta(days=31))
            self.added_comments.append(comment)
            return self._comment(comment)

        return {"id": id, "addComment": add_comment}

    def root(self) -> dict:
        return {
            "decidim": {"applicationName": "Decidim (faux)", "version": self.version},
            "participatoryProcess": lambda info, id=None, slug=None: next(
                (
                    self._space_value(r, "ParticipatoryProcess")
                    for r in self.processes.values()
                    if (slug is None or r.data["slug"] == slug) and (id is None or str(r.id) == id)
                ),
                None,
            ),
            "participatoryProcesses": lambda info: [
                self._space_value(r, "ParticipatoryProcess") for r in self.processes.values()
            ],
            "assemblies": lambda info: [self._space_value(r, "Assembly") for r in self.assemblies.values()],
            "assembly": lambda info, id=None: next(
                (self._space_value(r, "Assembly") for r in self.assemblies.values() if str(r.id) == id), None
            ),
            "component": lambda info, id: (
                self._component(self.components[id], mutation=info.operation.operation.value == "mutation")
                if id in self.components
                else None
            ),
            "commentable": self._commentable_mutation,
        }

    def execute(self, query: str, variables: dict | None, user: str | None) -> dict:
        result = graphql_sync(
            self.schema,
            query,
            root_value=self.root(),
            variable_values=variables,
            context_value={"user": user},
            type_resolver=lambda value, info, abstract: value.get("__typename") if isinstance(value, dict) else None,
        )
        out: dict = {"data": result.data}
        if result.errors:
            out["errors"] = [{"message": e.message, "path": e.path} for e in result.errors]
        return out

    # -- HTTP ------------------------------------------------------------------------------

    def install(self, httpserver) -> None:
        from werkzeug import Response

        def respond(status: int, payload: Any, headers: dict | None = None) -> Response:
            body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
            return Response(body, status=status, headers=headers or {}, content_type="application/json")

        def sign_in(request):
            self.sign_ins += 1
            if self.sign_in_scripted:
                s = self.sign_in_scripted.pop(0)
                return respond(s.status, s.body if s.body is not None else {}, s.headers)
            try:
                params = json.loads(request.get_data() or b"{}").get("api_user") or {}
            except ValueError:
                params = {}
            if params.get("key") != self.api_key or params.get("secret") != self.api_secret:
                return respond(401, {"id": None, "name": None, "nickname": None, "jwt_token": None, "avatar": None})
            token = f"jwt-{self.sign_ins}-{next(self.ids)}"
            self.tokens[token] = True
            return respond(
                200,
                {"id": 1, "name": "Utilisateur d'API", "nickname": None, "jwt_token": token, "avatar": None},
                {"Authorization": f"Bearer {token}"},
            )

        def api(request):
            auth = request.headers.get("Authorization", "")
            token = auth[7:] if auth.startswith("Bearer ") else None
            try:
                payload = json.loads(request.get_data() or b"{}")
            except ValueError:
                payload = {}
            self.requests.append(
                {"query": payload.get("query", ""), "variables": payload.get("variables"), "auth": token}
            )
            if token is not None and not self.tokens.get(token):
                return respond(401, {"error": "Signature has expired"})
            scripted = self.scripted.pop(0) if self.scripted else None
            if scripted and scripted.body is not None:
                return respond(scripted.status, scripted.body, scripted.headers)
            if scripted and scripted.status != 200:
                return respond(scripted.status, {"error": "scripted"}, scripted.headers)
            result = self.execute(payload.get("query", ""), payload.get("variables"), token)
            if scripted and scripted.mutate:
                result = scripted.mutate(result)
            return respond(200, result)

        httpserver.expect_request("/api/sign_in", method="POST").respond_with_handler(sign_in)
        httpserver.expect_request("/api", method="POST").respond_with_handler(api)
