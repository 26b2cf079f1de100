"""The adhocracy+ client: reads the ideas of one module and their comments through adhocracy+'s
REST API, and answers an idea with a comment (``plugins/adhocracy/api/adhocracy-2607.4.yaml``).

- ``GET /api/modules/<module>/ideas/``: every idea of the module in one answer (not paginated),
  with its creator's username, rating counts and the content type id comments are filed under;
- ``GET /api/contenttypes/<ct>/objects/<idea>/comments/?page=n``: 20 top-level comments a page,
  newest first, each with its replies;
- ``POST`` on that same route: a comment, as the account whose credentials the link holds (a DRF
  token, or a username and password exchanged at ``/api/token/`` for a JWT).

A pass reads the ideas, then the comments of each idea that has some: the cursor carries the
ideas still to visit and the comment page reached, so a crash resumes there. Times are the
display strings adhocracy+ renders (asked in English, in the instance's Europe/Berlin time);
there is no update time, so every pass reads everything (``LinkConfig.since`` is ignored).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

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

TIME_ZONE = ZoneInfo("Europe/Berlin")  # adhocracy-plus/config/settings/base.py: TIME_ZONE
DONE = '{"done":true}'  # the cursor of a pass's last page
COMMENT_MAX = 4000  # a4 Comment.comment max_length
STATE_LABELS = {"accepted": "retenue", "rejected": "non retenue", "evaluating": "à l'étude"}
MONTHS = {
    "jan": 1,
    "feb": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "january": 1,
    "february": 2,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}  # Django's English "N" format (AP style: "Jan.", "March", "Sept.")
_DATE = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2}),\s+(\d{4})(?:,\s+(.+?))?\s*$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*([ap])\.m\.$")


class Malformed(Exception):
    pass


def parse_display(value) -> datetime | None:
    """ "March 12, 2026, 2:05 p.m." / "Jan. 5, 2026" (Django's English display) -> aware datetime."""
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    month = MONTHS.get(match.group(1).lower())
    if not month:
        return None
    hour = minute = 0
    clock = (match.group(4) or "").strip().lower()
    if clock == "noon":
        hour = 12
    elif clock and clock != "midnight":
        time_match = _TIME.match(clock)
        if not time_match:
            return None
        hour, minute = int(time_match.group(1)) % 12, int(time_match.group(2) or 0)
        if time_match.group(3) == "p":
            hour += 12
    try:
        local = datetime(int(match.group(3)), month, int(match.group(2)), hour, minute, tzinfo=TIME_ZONE)
    except ValueError:
        return None
    return local.astimezone(UTC)


def retry_after(response: httpx.Response) -> float | None:
    header = response.headers.get("Retry-After", "").strip()
    if header.isdigit():
        return float(header)
    try:
        return max(0.0, (parsedate_to_datetime(header) - datetime.now(UTC)).total_seconds()) if header else None
    except (TypeError, ValueError):
        return None


OWN_COMMENT = re.compile(r"Réf\. imedia-[0-9a-f]{12}\s*$")


def reference_of(idempotency_key: str) -> str:
    """The short reference printed under an answer: finds it again, so one answer is one comment."""
    return "imedia-" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:12]


def _get(node: dict, name: str, kind, path: str, *, nullable: bool = False):
    if name not in node:
        raise Malformed(f"champ « {path}.{name} » absent")
    value = node[name]
    if value is None and nullable:
        return None
    if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
        raise Malformed(f"champ « {path}.{name} » de type inattendu")
    return value


class AdhocracyClient:
    def __init__(self, config: LinkConfig, http):
        self.config = config
        self.http = http
        self.base_url = config.base_url.rstrip("/")
        self.organisation = config.space["organisation"]
        self.module = int(config.space["module"])
        self.credentials = config.credentials or {}
        self._authorization: str | None = None

    # -- addresses -----------------------------------------------------------------------------
    def ideas_url(self) -> str:
        return f"{self.base_url}/api/modules/{self.module}/ideas/"

    def comments_url(self, content_type: int, idea: int) -> str:
        return f"{self.base_url}/api/contenttypes/{content_type}/objects/{idea}/comments/"

    def idea_page(self, reference: str) -> str:
        return f"{self.base_url}/{self.organisation}/ideas/{reference}/"

    # -- reading -------------------------------------------------------------------------------
    def fetch(self, cursor: str | None) -> Page:
        if cursor == DONE:  # the pass ended before the engine could close it: nothing left to read
            return Page(items=[], cursor=DONE, done=True)
        state = self._read_cursor(cursor)
        if state is None:
            return self._ideas_page()
        return self._comments_page(state)

    def _read_cursor(self, cursor: str | None) -> dict | None:
        if not cursor:
            return None
        try:
            state = json.loads(cursor)
            valid = (
                isinstance(state["content_type"], int)
                and isinstance(state["page"], int)
                and state["page"] >= 1
                and all(isinstance(pk, int) and isinstance(ref, str) for pk, ref in state["queue"])
                and state["queue"]
            )
        except (ValueError, TypeError, KeyError):
            valid = False
        if not valid:
            raise PlatformError("INVALID", "Le point de reprise de la synchronisation adhocracy+ est illisible.")
        return state

    def _ideas_page(self) -> Page:
        payload = self._json(self.request("GET", self.ideas_url()), what="la liste des idées")
        try:
            if not isinstance(payload, list):
                raise Malformed("la liste des idées n'est pas un tableau")
            items, queue, content_types = [], [], set()
            for index, node in enumerate(payload):
                path = f"ideas[{index}]"
                if not isinstance(node, dict):
                    raise Malformed(f"élément « {path} » de type inattendu")
                item, reference = self._idea(node, path)
                items.append(item)
                content_types.add(_get(node, "content_type", int, path))
                if _get(node, "comment_count", int, path) > 0:
                    queue.append([_get(node, "pk", int, path), reference])
            if len(content_types) > 1:
                raise Malformed("les idées n'ont pas toutes le même type de contenu")
        except Malformed as exc:
            raise self._malformed(exc) from None
        if not queue:
            return Page(items=items, cursor=DONE, done=True)
        state = {"content_type": content_types.pop(), "queue": queue, "page": 1}
        return Page(items=items, cursor=json.dumps(state, separators=(",", ":")), done=False)

    def _comments_page(self, state: dict) -> Page:
        idea, reference = state["queue"][0]
        response = self.request(
            "GET",
            self.comments_url(state["content_type"], idea),
            params={"page": state["page"], "ordering": "new"},
            allow=(404,),
        )
        if response.status_code == 404:
            payload = {"results": [], "next": None}  # the idea (or that page) is gone since: move on
        else:
            payload = self._json(response, what="les commentaires")
        try:
            if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
                raise Malformed("la page de commentaires n'a pas de « results »")
            has_next = payload.get("next")
            if has_next is not None and not isinstance(has_next, str):
                raise Malformed("champ « next » de type inattendu")
            items = []
            for index, node in enumerate(payload["results"]):
                path = f"results[{index}]"
                comment = self._comment(node, path, idea, reference, parent=f"idea:{idea}")
                children = _get(node, "child_comments", list, path)
                # imedia's own answer (posted by answer()) is not imported back; replies to it
                # attach to the idea.
                own = bool(OWN_COMMENT.search(comment.body))
                if not own:
                    items.append(comment)
                parent = f"idea:{idea}" if own else comment.external_id
                for child_index, child in enumerate(children):
                    child_path = f"{path}.child_comments[{child_index}]"
                    reply = self._comment(child, child_path, idea, reference, parent=parent)
                    if not OWN_COMMENT.search(reply.body):
                        items.append(reply)
        except Malformed as exc:
            raise self._malformed(exc) from None
        # the next page of this idea's comments, or the first page of the next idea's
        state = dict(state, page=state["page"] + 1) if has_next else dict(state, queue=state["queue"][1:], page=1)
        if not state["queue"]:
            return Page(items=items, cursor=DONE, done=True)
        return Page(items=items, cursor=json.dumps(state, separators=(",", ":")), done=False)

    def _idea(self, node: dict, path: str) -> tuple[ExternalItem, str]:
        pk = _get(node, "pk", int, path)
        reference = _get(node, "reference_number", str, path)
        if not re.fullmatch(r"\d{4}-\d+", reference):
            raise Malformed(f"champ « {path}.reference_number » illisible")
        creator = _get(node, "creator", str, path).strip()
        item = ExternalItem(
            external_id=f"idea:{pk}",
            kind="idea",
            title=_get(node, "name", str, path).strip(),
            body=_get(node, "description", str, path),
            url=self.idea_page(reference),
            author=ExternalAuthor(name=creator) if creator else None,
            created_at=parse_display(_get(node, "created", str, path)),
            supports=_get(node, "positive_rating_count", int, path),
        )
        return item, reference

    def _comment(self, node, path: str, idea: int, reference: str, *, parent: str) -> ExternalItem:
        if not isinstance(node, dict):
            raise Malformed(f"élément « {path} » de type inattendu")
        pk = _get(node, "id", int, path)
        removed = _get(node, "is_removed", bool, path)
        censored = _get(node, "is_censored", bool, path)
        blocked = _get(node, "is_blocked", bool, path)
        ratings = _get(node, "ratings", dict, path)
        if removed:
            state = ItemState.DELETED
        elif censored or blocked:
            state = ItemState.HIDDEN
        else:
            state = ItemState.PUBLISHED
        name = _get(node, "user_name", str, path).strip()
        return ExternalItem(
            external_id=f"comment:{pk}",
            kind="comment",
            title="",
            body=_get(node, "comment", str, path),
            url=f"{self.idea_page(reference)}?comment={pk}",
            author=ExternalAuthor(name=name) if state == ItemState.PUBLISHED and name else None,
            state=state,
            created_at=parse_display(_get(node, "created", str, path)),
            updated_at=parse_display(_get(node, "modified", str, path, nullable=True)),
            parent_id=parent,
            supports=_get(ratings, "positive_ratings", int, path + ".ratings"),
        )

    # -- answering -----------------------------------------------------------------------------
    def answer(self, answer: OutboundAnswer) -> AnswerReceipt:
        kind, _sep, pk = answer.external_id.partition(":")
        if kind != "idea" or not pk.isdigit():
            raise PlatformError("UNSUPPORTED", "adhocracy+ ne reçoit une réponse que sur une idée.")
        idea = int(pk)
        ideas = self._json(self.request("GET", self.ideas_url(), authenticated=True), what="la liste des idées")
        found = (
            next((n for n in ideas if isinstance(n, dict) and n.get("pk") == idea), None)
            if isinstance(ideas, list)
            else None
        )
        if found is None:
            raise PlatformError("NOT_FOUND", f"L'idée {idea} n'existe plus dans ce module d'adhocracy+.")
        content_type = found.get("content_type")
        if isinstance(content_type, bool) or not isinstance(content_type, int):
            raise self._malformed(Malformed("champ « content_type » de l'idée illisible"))
        url = self.comments_url(content_type, idea)
        marker = reference_of(answer.idempotency_key)
        # Idempotent: an answer already posted carries its reference; find it before posting.
        existing = self.request("GET", url, params={"search": marker}, authenticated=True)
        if existing.status_code == 200:
            page = self._json(existing, what="les commentaires")
            for node in page.get("results", []) if isinstance(page, dict) else []:
                if (
                    isinstance(node, dict)
                    and marker in str(node.get("comment", ""))
                    and isinstance(node.get("id"), int)
                ):
                    return AnswerReceipt(reference=f"comment:{node['id']}", as_comment=True)
        response = self.request(
            "POST", url, json={"comment": self.answer_text(answer, marker)}, authenticated=True, allow=(400,)
        )
        if response.status_code == 400:
            detail = json.dumps(self._json(response, what="le refus"), ensure_ascii=False)[:300]
            if "terms" in detail.lower():
                raise PlatformError(
                    "AUTH",
                    "Le compte adhocracy+ du lien doit d'abord accepter les conditions d'utilisation de "
                    "l'organisation (en commentant une fois depuis le site).",
                )
            raise PlatformError("INVALID", f"adhocracy+ a refusé le commentaire : {detail}")
        created = self._json(response, what="le commentaire créé")
        if (
            not isinstance(created, dict)
            or isinstance(created.get("id"), bool)
            or not isinstance(created.get("id"), int)
        ):
            raise self._malformed(Malformed("le commentaire créé n'a pas d'identifiant"))
        return AnswerReceipt(reference=f"comment:{created['id']}", as_comment=True)

    @staticmethod
    def answer_text(answer: OutboundAnswer, marker: str) -> str:
        label = STATE_LABELS.get(answer.state, answer.state)
        head = f"Réponse officielle (proposition {label}) :\n\n"
        tail = f"\n\nRéf. {marker}"
        room = COMMENT_MAX - len(head) - len(tail)
        text = answer.text.strip()
        if len(text) > room:
            text = text[: room - 1].rstrip() + "…"
        return head + text + tail

    # -- transport -------------------------------------------------------------------------------
    def _authorize(self, *, renew: bool = False) -> str:
        if self._authorization and not renew:
            return self._authorization
        token = (self.credentials.get("token") or "").strip()
        if token:
            self._authorization = f"Token {token}"
            return self._authorization
        username, password = self.credentials.get("username"), self.credentials.get("password")
        if not username or not password:
            raise PlatformError(
                "AUTH",
                "Aucun identifiant adhocracy+ enregistré sur ce lien : un jeton d'API, ou un nom "
                "d'utilisateur et un mot de passe, sont nécessaires pour répondre.",
            )
        response = self._send("POST", f"{self.base_url}/api/token/", json={"username": username, "password": password})
        if response.status_code in (400, 401):
            raise PlatformError("AUTH", "adhocracy+ refuse le nom d'utilisateur ou le mot de passe du lien.")
        self._raise_for_status(response)
        pair = self._json(response, what="le jeton")
        if not isinstance(pair, dict) or not isinstance(pair.get("access"), str):
            raise self._malformed(Malformed("la réponse de /api/token/ n'a pas de jeton « access »"))
        self._authorization = f"Bearer {pair['access']}"
        return self._authorization

    def request(self, method: str, url: str, *, authenticated: bool = False, allow=(), **kwargs) -> httpx.Response:
        """One request; statuses in ``allow`` come back to the caller, other failures raise."""
        headers = {"Accept": "application/json", "Accept-Language": "en"}  # English display dates
        use_credentials = authenticated or bool(self.credentials)
        if use_credentials:
            headers["Authorization"] = self._authorize()
        response = self._send(method, url, headers=headers, **kwargs)
        if response.status_code == 401 and use_credentials and self._authorization.startswith("Bearer "):
            headers["Authorization"] = self._authorize(renew=True)  # the JWT expired: once more
            response = self._send(method, url, headers=headers, **kwargs)
        if response.status_code not in allow:
            self._raise_for_status(response)
        return response

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            return self.http.request(method, url, **kwargs)
        except PlatformError:
            raise
        except httpx.HTTPError as exc:
            raise PlatformError("UNAVAILABLE", f"adhocracy+ ne répond pas ({type(exc).__name__}).") from None

    @staticmethod
    def _raise_for_status(response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        if status == 429:
            raise PlatformError(
                "RATE_LIMITED",
                "adhocracy+ limite le nombre de requêtes : la synchronisation reprendra plus tard.",
                retry_after=retry_after(response),
            )
        if status >= 500:
            raise PlatformError("UNAVAILABLE", f"adhocracy+ est indisponible (erreur {status}).")
        if status == 401:
            raise PlatformError("AUTH", "adhocracy+ refuse les identifiants du lien (jeton invalide ou expiré).")
        if status == 403:
            raise PlatformError(
                "AUTH",
                "adhocracy+ refuse l'accès : le projet n'est pas public, ou le compte du lien n'a pas "
                "le droit d'y commenter (faites-en un modérateur du projet).",
            )
        if status == 404:
            raise PlatformError(
                "NOT_FOUND", "Ce module n'existe pas sur adhocracy+ (ou ce n'est pas un module d'idées)."
            )
        raise PlatformError("INVALID", f"adhocracy+ a refusé la requête (erreur {status}).")

    def _json(self, response: httpx.Response, *, what: str):
        try:
            return response.json()
        except ValueError:
            raise PlatformError(
                "MALFORMED", f"adhocracy+ a renvoyé {what} dans un format illisible (pas du JSON)."
            ) from None

    @staticmethod
    def _malformed(exc: Exception) -> PlatformError:
        return PlatformError(
            "MALFORMED",
            f"La réponse d'adhocracy+ n'a pas la forme publiée de son API ({exc}) : rien n'a été importé de cette page.",
        )
