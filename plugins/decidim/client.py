"""The Decidim session: reads a participatory space's proposals, debates and comments, and answers
proposals, over Decidim's GraphQL API (``POST <base>/api``).

Plain code over the engine's ``http`` object (httpx.Client-compatible: it paces requests and
retries 429/5xx itself): no model, no sleep, no retry loop here except the one re-authentication
an expired JWT calls for. Everything that goes wrong leaves as ``PlatformError``.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

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

from . import queries

PAGE_SIZE = 25  # proposals or debates per request (their comments come with them)
SIGN_IN_PATH = "/api/sign_in"  # decidim-api/config/routes.rb: devise_for :api_users, path "/"
API_PATH = "/api"
ANSWER_STATES = ("accepted", "rejected", "evaluating")
PROPOSAL_CLASS = "Decidim::Proposals::Proposal"
DEBATE_CLASS = "Decidim::Debates::Debate"
SPACE_PATHS = {"process": "processes", "assembly": "assemblies"}
KIND_TYPENAMES = {"proposal": "Proposals", "debate": "Debates"}


def marker(idempotency_key: str) -> str:
    """The reference a fallback comment carries, so the same answer is never commented twice."""
    return "réf. imedia " + hashlib.sha256(idempotency_key.encode()).hexdigest()[:12]


# A fallback comment imedia posted itself (``_comment``): not read back as a participant's comment.
OWN_COMMENT = re.compile(r"\(réf\. imedia [0-9a-f]{12}\)")


def _malformed(what: str) -> PlatformError:
    return PlatformError("MALFORMED", f"Réponse de Decidim inattendue : {what}. Rien n'a été importé de cette page.")


def _parse_time(value: Any, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _malformed(f"date illisible pour {where}")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _malformed(f"date illisible pour {where} ({value[:40]!r})") from None


def _text(field: Any, where: str) -> str:
    """A TranslatedField selected as ``{ translation(locale: "fr") }``."""
    if field is None:
        return ""
    if not isinstance(field, dict):
        raise _malformed(f"texte traduit attendu pour {where}")
    value = field.get("translation")
    if value is not None and not isinstance(value, str):
        raise _malformed(f"texte attendu pour {where}")
    return value or ""


def _str(node: dict, key: str, where: str, *, required: bool = False) -> str:
    value = node.get(key)
    if value is None:
        if required:
            raise _malformed(f"champ « {key} » absent ({where})")
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _malformed(f"champ « {key} » de type inattendu ({where})")
    return str(value)


def _int(node: dict, key: str, where: str) -> int | None:
    value = node.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise _malformed(f"nombre attendu pour « {key} » ({where})")
    return value


def _author(value: Any, where: str) -> ExternalAuthor | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _malformed(f"auteur illisible ({where})")
    if value.get("deleted"):
        return ExternalAuthor(name="")
    name = value.get("name")
    if not isinstance(name, str):
        raise _malformed(f"nom d'auteur absent ({where})")
    nickname = value.get("nickname")
    return ExternalAuthor(name=name, external_id=nickname if isinstance(nickname, str) else "")


def _dict(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise _malformed(what)
    return value


def _list(value: Any, what: str) -> list:
    if not isinstance(value, list):
        raise _malformed(what)
    return value


def _already_answered(proposal: dict, answer: OutboundAnswer) -> bool:
    """Whether Decidim already shows this very answer (same state, same text) on the proposal."""
    shown = proposal.get("answer")
    text = shown.get("translation") if isinstance(shown, dict) else None
    return proposal.get("state") == answer.state and isinstance(text, str) and text.strip() == answer.text.strip()


class DecidimClient:
    """One session with one Decidim instance, for one link."""

    def __init__(self, config: LinkConfig, http):
        self.config = config
        self.http = http
        self.base = config.base_url.rstrip("/")
        self.space = config.space
        self.jwt: str | None = None
        self.requests = 0  # how many HTTP requests this session sent (figures, tests)

    # -- HTTP ------------------------------------------------------------------------------

    def _send(self, path: str, payload: dict, headers: dict | None = None) -> httpx.Response:
        self.requests += 1
        try:
            response = self.http.post(self.base + path, json=payload, headers=headers or {})
        except httpx.HTTPError as exc:
            raise PlatformError("UNAVAILABLE", f"Decidim injoignable ({type(exc).__name__}).") from None
        if response.status_code == 429:
            retry_after = response.headers.get("Retry-After")
            try:
                delay = float(retry_after) if retry_after else None
            except ValueError:
                delay = None
            raise PlatformError(
                "RATE_LIMITED",
                "Decidim limite le nombre de requêtes (100 par minute et par adresse IP par défaut) : "
                "nouvel essai plus tard.",
                retry_after=delay,
            )
        if response.status_code >= 500:
            raise PlatformError("UNAVAILABLE", f"Decidim répond par une erreur serveur ({response.status_code}).")
        return response

    def _sign_in(self) -> None:
        key = self.config.credentials.get("api_key", "")
        secret = self.config.credentials.get("api_secret", "")
        if not key or not secret:
            raise PlatformError(
                "AUTH", "Identifiants d'API Decidim absents : renseignez la clé et le secret de l'utilisateur d'API."
            )
        response = self._send(SIGN_IN_PATH, {"api_user": {"key": key, "secret": secret}})
        if response.status_code in (401, 403):
            raise PlatformError("AUTH", "Decidim refuse la clé ou le secret de l'utilisateur d'API.")
        if response.status_code != 200:
            raise _malformed(f"connexion de l'utilisateur d'API, statut {response.status_code}")
        token = response.headers.get("Authorization", "")
        if token.lower().startswith("bearer "):
            token = token[7:]
        if not token:  # some proxies drop the header: Decidim repeats the token in the body
            try:
                token = response.json().get("jwt_token") or ""
            except (ValueError, AttributeError):
                token = ""
        if not isinstance(token, str) or not token:
            raise _malformed("jeton JWT absent de la réponse de connexion")
        self.jwt = token

    def _has_credentials(self) -> bool:
        return bool(self.config.credentials.get("api_key") and self.config.credentials.get("api_secret"))

    def graphql(self, document: str, variables: dict | None = None, *, auth: bool = False) -> dict:
        """POST one document; returns the whole JSON body ({"data", "errors"})."""
        if (auth or self._has_credentials()) and self.jwt is None:
            self._sign_in()
        payload = {"query": document, "variables": variables or {}}
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self.jwt}"} if self.jwt else {}
            response = self._send(API_PATH, payload, headers)
            if response.status_code == 401 and attempt == 1 and self._has_credentials():
                self.jwt = None  # expired or revoked: sign in once more
                self._sign_in()
                continue
            if response.status_code in (401, 403):
                raise PlatformError("AUTH", "Decidim refuse l'accès à son API avec ces identifiants.")
            break
        if response.status_code != 200:
            raise _malformed(f"statut HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise _malformed("le corps n'est pas du JSON") from None
        if not isinstance(body, dict) or ("data" not in body and "errors" not in body):
            raise _malformed("ni « data » ni « errors » dans la réponse")
        return body

    def query(self, document: str, variables: dict | None = None) -> dict:
        body = self.graphql(document, variables)
        if body.get("errors"):
            messages = "; ".join(str(e.get("message", ""))[:200] for e in body["errors"] if isinstance(e, dict))
            raise _malformed(f"erreurs GraphQL ({messages or 'sans message'})")
        return _dict(body.get("data"), "« data » absent")

    # -- the external space ----------------------------------------------------------------

    def resolve_space(self) -> dict:
        """The space's id, slug, steps and the components to read, as a cursor-ready dict."""
        kind, slug = self.space["kind"], self.space["slug"]
        if kind == "process":
            data = self.query(queries.PROCESS, {"slug": slug})
            space = data.get("participatoryProcess")
            if space is None:
                raise PlatformError("NOT_FOUND", f"Aucun processus participatif publié « {slug} » sur ce Decidim.")
            space = _dict(space, "processus illisible")
        else:
            data = self.query(queries.ASSEMBLIES)
            found = [a for a in _list(data.get("assemblies"), "liste des assemblées") if isinstance(a, dict)]
            space = next((a for a in found if a.get("slug") == slug), None)
            if space is None:
                raise PlatformError("NOT_FOUND", f"Aucune assemblée publiée « {slug} » sur ce Decidim.")
        wanted = {str(c) for c in self.space.get("components") or ()}
        components = []
        for component in _list(space.get("components"), "liste des composants"):
            component = _dict(component, "composant illisible")
            typename = component.get("__typename")
            kind_of = {"Proposals": "proposal", "Debates": "debate"}.get(typename)
            cid = _str(component, "id", "composant", required=True)
            if kind_of and (not wanted or cid in wanted):
                components.append({"id": cid, "kind": kind_of})
        missing = wanted - {c["id"] for c in components}
        if missing:
            raise PlatformError(
                "NOT_FOUND",
                "Composant(s) introuvable(s) dans cet espace Decidim, ou ni propositions ni débats : "
                + ", ".join(sorted(missing)),
            )
        steps = []
        for step in space.get("steps") or []:
            step = _dict(step, "phase illisible")
            steps.append(
                {
                    "id": _str(step, "id", "phase", required=True),
                    "start": step.get("startDate"),
                    "end": step.get("endDate"),
                    "active": bool(step.get("active")),
                }
            )
        return {
            "space_id": _str(space, "id", "espace", required=True),
            "path": f"{SPACE_PATHS[kind]}/{slug}",
            "components": components,
            "steps": steps,
        }

    # -- fetch -----------------------------------------------------------------------------

    def fetch(self, cursor: str | None) -> Page:
        if cursor:
            try:
                state = json.loads(cursor)
                state["index"], state["after"]  # noqa: B018 - shape check
            except (ValueError, KeyError, TypeError):
                raise PlatformError(
                    "INVALID", "Curseur de reprise illisible : relancez une synchronisation complète."
                ) from None
        else:
            state = {**self.resolve_space(), "index": 0, "after": None}
        if state["index"] >= len(state["components"]):
            return Page(items=[], cursor=json.dumps(state), done=True)
        component = state["components"][state["index"]]
        document = queries.PROPOSALS_PAGE if component["kind"] == "proposal" else queries.DEBATES_PAGE
        data = self.query(document, {"component": component["id"], "first": PAGE_SIZE, "after": state["after"]})
        holder = _dict(data.get("component"), f"composant {component['id']} absent")
        connection = _dict(holder.get(component["kind"] + "s"), "liste paginée absente")
        info = _dict(connection.get("pageInfo"), "pageInfo absent")
        has_next = info.get("hasNextPage")
        if not isinstance(has_next, bool):
            raise _malformed("pageInfo.hasNextPage absent")
        nodes = _list(connection.get("nodes"), "« nodes » absent")
        items: list[ExternalItem] = []
        for node in nodes:
            items.extend(self._item(component, _dict(node, "élément illisible"), state))
        if has_next:
            end = info.get("endCursor")
            if not isinstance(end, str) or not end:
                raise _malformed("pageInfo.endCursor absent alors qu'une page suit")
            state = {**state, "after": end}
        else:
            state = {**state, "index": state["index"] + 1, "after": None}
        done = state["index"] >= len(state["components"])
        return Page(items=items, cursor=json.dumps(state), done=done)

    def _url(self, state: dict, component_id: str, kind: str, item_id: str) -> str:
        return f"{self.base}/{state['path']}/f/{component_id}/{kind}s/{item_id}"

    def _step_for(self, state: dict, published: datetime | None) -> str:
        """The process step that was running when the item was published (else the active one)."""
        steps = state.get("steps") or []
        if published is not None:
            for step in steps:
                start = _parse_time(step.get("start"), "phase")
                end = _parse_time(step.get("end"), "phase")
                if start and start.tzinfo is None:
                    start = start.replace(tzinfo=published.tzinfo)
                if end and end.tzinfo is None:
                    end = end.replace(tzinfo=published.tzinfo)
                if start and start <= published and (end is None or published <= end):
                    return step["id"]
        return next((s["id"] for s in steps if s.get("active")), "")

    def _item(self, component: dict, node: dict, state: dict) -> list[ExternalItem]:
        kind = component["kind"]
        item_id = _str(node, "id", kind, required=True)
        where = f"{kind} {item_id}"
        updated = _parse_time(node.get("updatedAt"), where)
        created = _parse_time(node.get("createdAt"), where)
        if kind == "proposal":
            published = _parse_time(node.get("publishedAt"), where) or created
            body = _text(node.get("body"), where)
            author = _author(node.get("author"), where)
            if author is None and node.get("authors"):
                authors = _list(node.get("authors"), f"auteurs illisibles ({where})")
                author = _author(authors[0], where) if authors else None
            withdrawn = node.get("withdrawn")
            if withdrawn is not None and not isinstance(withdrawn, bool):
                raise _malformed(f"« withdrawn » de type inattendu ({where})")
            platform_state = _str(node, "state", where)
            state_value = ItemState.WITHDRAWN if withdrawn or platform_state == "withdrawn" else ItemState.PUBLISHED
            supports = _int(node, "voteCount", where)
            if supports is None:
                supports = _int(node, "likesCount", where)
        else:
            published = created
            body = _text(node.get("description"), where)
            author = _author(node.get("author"), where)
            state_value = ItemState.PUBLISHED
            platform_state = ""
            supports = None
        url = self._url(state, component["id"], kind, item_id)
        external_id = f"{kind}:{item_id}"
        item = ExternalItem(
            external_id=external_id,
            kind=kind,
            title=_text(node.get("title"), where),
            body=body,
            url=url,
            author=author,
            state=state_value,
            created_at=published,
            updated_at=updated or published,
            supports=supports,
            step_id=self._step_for(state, published),
            platform_state="" if platform_state == "withdrawn" else platform_state,
        )
        items = [item]
        self._comments(node.get("comments"), external_id, url, items, depth=1)
        since = self.config.since
        if since is not None:  # incremental pass: what changed since, the rest is already stored
            items = [i for i in items if i.updated_at is None or i.updated_at >= since]
        return items

    def _comments(self, value: Any, parent: str, root_url: str, out: list, depth: int) -> None:
        if value is None:
            return
        for node in _list(value, f"commentaires illisibles ({parent})"):
            node = _dict(node, f"commentaire illisible ({parent})")
            cid = _str(node, "id", "commentaire", required=True)
            where = f"commentaire {cid}"
            body = node.get("body")
            if not isinstance(body, str):
                raise _malformed(f"texte absent ({where})")
            if OWN_COMMENT.search(body):  # imedia's own answer: replies to it attach to its parent
                self._comments(node.get("comments"), parent, root_url, out, depth + 1)
                continue
            created = _parse_time(node.get("createdAt"), where)
            external_id = f"comment:{cid}"
            out.append(
                ExternalItem(
                    external_id=external_id,
                    kind="comment",
                    title="",
                    body=body,
                    url=f"{root_url}?commentId={cid}#comment_{cid}",
                    author=_author(node.get("author"), where),
                    created_at=created,
                    updated_at=created,
                    parent_id=parent,
                    supports=_int(node, "upVotes", where),
                )
            )
            self._comments(node.get("comments"), external_id, root_url, out, depth + 1)

    # -- answer ----------------------------------------------------------------------------

    def answer(self, answer: OutboundAnswer) -> AnswerReceipt:
        kind, _, item_id = answer.external_id.partition(":")
        if kind not in ("proposal", "debate") or not item_id:
            raise PlatformError("UNSUPPORTED", "Decidim ne prend une réponse que sur une proposition ou un débat.")
        if answer.state not in ANSWER_STATES:
            raise PlatformError("INVALID", f"État de réponse inconnu : {answer.state!r}.")
        if not self._has_credentials():
            raise PlatformError(
                "AUTH", "Pour répondre sur Decidim, le lien doit porter la clé et le secret d'un utilisateur d'API."
            )
        layout = self.resolve_space()
        component_id, found = self._locate(layout, kind, item_id)
        existing = [c for c in found.get("comments") or [] if isinstance(c, dict)]
        if kind == "proposal" and _already_answered(found, answer):
            # Sent before (a retry after Decidim took it): answering again would notify its followers.
            return AnswerReceipt(reference=f"proposal:{found.get('id') or item_id}")
        if kind == "proposal":
            body = self.graphql(
                queries.ANSWER,
                {
                    "component": component_id,
                    "proposal": item_id,
                    "state": answer.state,
                    "content": {"fr": answer.text},
                },
                auth=True,
            )
            data = body.get("data") if isinstance(body.get("data"), dict) else {}
            proposal = ((data.get("component") or {}).get("proposal") or {}).get("answer")
            if not body.get("errors") and isinstance(proposal, dict) and proposal.get("id"):
                return AnswerReceipt(reference=f"proposal:{proposal['id']}")
            # Refused (version without the mutation, permissions, validation): say it in a comment.
        return self._comment(kind, item_id, answer, existing)

    def _locate(self, layout: dict, kind: str, item_id: str) -> tuple[str, dict]:
        """The component holding the item, and the item (its state, answer and first-level comments)."""
        for component in layout["components"]:
            if component["kind"] != kind:
                continue
            document = queries.FIND_PROPOSAL if kind == "proposal" else queries.DEBATE_COMMENTS
            data = self.query(document, {"component": component["id"], "id": item_id})
            holder = data.get("component") or {}
            found = holder.get(kind) if isinstance(holder, dict) else None
            if isinstance(found, dict):
                return component["id"], found
        raise PlatformError("NOT_FOUND", f"{kind} {item_id} introuvable dans l'espace Decidim lié.")

    def _comment(self, kind: str, item_id: str, answer: OutboundAnswer, existing: list) -> AnswerReceipt:
        tag = marker(answer.idempotency_key)
        for comment in existing:
            if tag in str(comment.get("body", "")):
                return AnswerReceipt(reference=f"comment:{comment.get('id')}", as_comment=True)
        labels = {"accepted": "acceptée", "rejected": "refusée", "evaluating": "à l'étude"}
        text = f"Réponse officielle ({labels[answer.state]}) :\n\n{answer.text}\n\n({tag})"
        body = self.graphql(
            queries.ADD_COMMENT,
            {"id": item_id, "type": PROPOSAL_CLASS if kind == "proposal" else DEBATE_CLASS, "body": text},
            auth=True,
        )
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        created = ((data.get("commentable") or {}).get("addComment")) or {}
        if body.get("errors") or not isinstance(created, dict) or not created.get("id"):
            raise PlatformError(
                "UNSUPPORTED",
                "Decidim refuse la réponse officielle et le commentaire de repli : vérifiez les droits de "
                "l'utilisateur d'API et que les commentaires sont ouverts.",
            )
        return AnswerReceipt(reference=f"comment:{created['id']}", as_comment=True)
