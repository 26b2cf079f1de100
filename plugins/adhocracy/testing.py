"""A fake adhocracy+ instance for tests and benchmarks, served by pytest-httpserver, and a checker
of requests and responses against the committed OpenAPI fixture (``api/adhocracy-2607.4.yaml``).

The fake answers as adhocracy+ does: the module's ideas in one JSON array, comments 20 top-level
a page (newest first, replies nested, ``next`` as an absolute address, 404 past the last page),
English display dates in Europe/Berlin time, removed/censored/blocked comments with an empty text
and "unknown user", token (``Token <key>``) and JWT (``/api/token/``, ``Bearer``) authentication,
moderators who may always comment, organisation terms of use, and scripted failures. Every
request it receives and every answer it gives is checked against the fixture: ``violations``
lists what was not.

    fake = FakeAdhocracy(httpserver)
    fake.add_idea(1, name="Un jardin partagé", creator="camille")
    fake.add_comment(10, idea=1, text="Oui !")
"""

from __future__ import annotations

import json
import re
from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import yaml
from jsonschema import Draft202012Validator
from werkzeug import Request, Response

SPEC_PATH = Path(__file__).parent / "api" / "adhocracy-2607.4.yaml"
TIME_ZONE = ZoneInfo("Europe/Berlin")
EPOCH = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
IDEA_CONTENT_TYPE = 42
COMMENT_CONTENT_TYPE = 17
COMMENT_PAGE = 20
_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def display_date(moment: datetime) -> str:
    """Django's English DATE_FORMAT "N j, Y"."""
    local = moment.astimezone(TIME_ZONE)
    return f"{_MONTHS[local.month - 1]} {local.day}, {local.year}"


def display_datetime(moment: datetime) -> str:
    """adhocracy4.api.dates.get_datetime_display: "<date>, <time>" with TIME_FORMAT "P"."""
    local = moment.astimezone(TIME_ZONE)
    if (local.hour, local.minute) == (0, 0):
        clock = "midnight"
    elif (local.hour, local.minute) == (12, 0):
        clock = "noon"
    else:
        hour = local.hour % 12 or 12
        clock = f"{hour}:{local.minute:02d}" if local.minute else str(hour)
        clock += " a.m." if local.hour < 12 else " p.m."
    return f"{display_date(moment)}, {clock}"


class OpenApiContract:
    """Checks a request or a response against the OpenAPI fixture; returns the problems found."""

    def __init__(self, path: Path = SPEC_PATH):
        self.document = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.routes = []
        for template in self.document["paths"]:
            pattern = re.sub(
                r"\{(\w+)\}", r"(?P<\1>[^/]+)", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
            )
            self.routes.append((re.compile(f"^{pattern}$"), template))

    def _validator(self, schema: dict) -> Draft202012Validator:
        return Draft202012Validator({**schema, "components": self.document["components"]})

    def _schema_problems(self, schema: dict, instance, where: str) -> list[str]:
        return [f"{where}: {error.message}" for error in self._validator(schema).iter_errors(instance)]

    def _parameter(self, parameter: dict) -> dict:
        if "$ref" in parameter:
            return self.document["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        return parameter

    @staticmethod
    def _coerce(value: str, schema: dict):
        if schema.get("type") == "integer":
            return int(value) if re.fullmatch(r"-?\d+", value) else value
        return value

    def operation(self, method: str, path: str):
        for pattern, template in self.routes:
            match = pattern.match(path)
            if match:
                operation = self.document["paths"][template].get(method.lower())
                if operation is None:
                    return template, None, match.groupdict()
                return template, operation, match.groupdict()
        return None, None, {}

    def check_request(self, method: str, url: str, *, headers: dict, body) -> list[str]:
        parts = urlsplit(url)
        template, operation, path_values = self.operation(method, parts.path)
        if template is None:
            return [f"{method} {parts.path}: chemin absent de l'API publiée"]
        if operation is None:
            return [f"{method} {template}: méthode absente de l'API publiée"]
        problems = []
        declared = [self._parameter(p) for p in self.document["paths"][template].get("parameters", [])]
        declared += [self._parameter(p) for p in operation.get("parameters", [])]
        for parameter in declared:
            if parameter["in"] == "path":
                value = self._coerce(path_values.get(parameter["name"], ""), parameter["schema"])
                problems += self._schema_problems(parameter["schema"], value, f"{template} {parameter['name']}")
        query = parse_qs(parts.query, keep_blank_values=True)
        known = {p["name"]: p for p in declared if p["in"] == "query"}
        for name, values in query.items():
            if name not in known:
                problems.append(f"{method} {template}: paramètre « {name} » non publié")
                continue
            for value in values:
                problems += self._schema_problems(
                    known[name]["schema"], self._coerce(value, known[name]["schema"]), name
                )
        for name, parameter in known.items():
            if parameter.get("required") and name not in query:
                problems.append(f"{method} {template}: paramètre « {name} » requis")
        security = operation.get("security", [])
        if security and {} not in security and not headers.get("Authorization"):
            problems.append(f"{method} {template}: authentification requise")
        authorization = headers.get("Authorization", "")
        if authorization and not re.fullmatch(r"(Token|Bearer) \S+", authorization):
            problems.append(f"{method} {template}: en-tête Authorization non publié")
        request_body = operation.get("requestBody")
        if request_body:
            if body is None:
                problems.append(f"{method} {template}: corps JSON requis")
            else:
                schema = request_body["content"]["application/json"]["schema"]
                problems += self._schema_problems(schema, body, f"{method} {template} corps")
        elif body is not None:
            problems.append(f"{method} {template}: corps non publié")
        return problems

    def check_response(self, method: str, path: str, status: int, body) -> list[str]:
        template, operation, _values = self.operation(method, path)
        if operation is None:
            return []
        response = operation["responses"].get(str(status))
        if response is None:
            return [f"{method} {template}: statut {status} non publié"]
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        return self._schema_problems(schema, body, f"{method} {template} → {status}") if schema else []


class FakeAdhocracy:
    def __init__(self, httpserver, *, module: int = 5, organisation: str = "ma-ville"):
        self.server = httpserver
        self.contract = OpenApiContract()
        self.module = module
        self.organisation = organisation
        self.ideas: dict[int, dict] = {}
        self.comments: dict[int, dict] = {}
        self.tokens = {"jeton-modo": "equipe-imedia"}
        self.passwords = {"equipe-imedia": "mot-de-passe"}
        self.moderators = {"equipe-imedia"}
        self.jwts: dict[str, str] = {}
        self.public = True
        self.terms_required = False
        self.scripted: deque = deque()
        self.requests: list[dict] = []  # method, path, query, body, authorization
        self.violations: list[str] = []
        httpserver.expect_request(re.compile(r"^/api/.*$")).respond_with_handler(self.handle)

    @property
    def base_url(self) -> str:
        return self.server.url_for("/").rstrip("/")

    # -- data set ------------------------------------------------------------------------------
    def add_idea(
        self,
        pk: int,
        *,
        name: str = "",
        description: str = "",
        creator: str = "camille",
        likes: int = 0,
        dislikes: int = 0,
        created: datetime | None = None,
    ) -> dict:
        self.ideas[pk] = {
            "pk": pk,
            "name": name or f"Idée {pk}",
            "description": description or f"Texte de l'idée {pk}",
            "creator": creator,
            "likes": likes,
            "dislikes": dislikes,
            "created": created or EPOCH + timedelta(days=pk),
        }
        return self.ideas[pk]

    def add_comment(
        self,
        pk: int,
        *,
        idea: int,
        text: str = "",
        parent: int | None = None,
        user: str = "dominique",
        likes: int = 0,
        removed: bool = False,
        censored: bool = False,
        blocked: bool = False,
        created: datetime | None = None,
        modified: datetime | None = None,
    ) -> dict:
        self.comments[pk] = {
            "id": pk,
            "idea": idea,
            "parent": parent,
            "text": "" if removed or censored else (text or f"Commentaire {pk}"),
            "user": user,
            "likes": likes,
            "removed": removed,
            "censored": censored,
            "blocked": blocked,
            "created": created or EPOCH + timedelta(hours=pk),
            "modified": modified,
        }
        return self.comments[pk]

    def expire_tokens(self) -> None:
        self.jwts.clear()

    def fail_next(
        self, status: int = 500, body: str | dict | list = "", *, headers: dict | None = None, times: int = 1
    ) -> None:
        payload = body if isinstance(body, str) else json.dumps(body)
        for _ in range(times):
            self.scripted.append((status, payload, headers or {}))

    # -- serializers ---------------------------------------------------------------------------
    def _idea_json(self, idea: dict) -> dict:
        comment_count = sum(1 for c in self.comments.values() if c["idea"] == idea["pk"] and c["parent"] is None)
        return {
            "pk": idea["pk"],
            "name": idea["name"],
            "description": idea["description"],
            "creator": idea["creator"],
            "created": display_date(idea["created"]),
            "reference_number": f"{idea['created'].year}-{idea['pk']:05d}",
            "image": None,
            "comment_count": comment_count,
            "positive_rating_count": idea["likes"],
            "negative_rating_count": idea["dislikes"],
            "labels": [],
            "category": None,
            "content_type": IDEA_CONTENT_TYPE,
            "user_rating": None,
            "has_rating_permission": False,
            "has_commenting_permission": False,
            "has_changing_permission": False,
            "has_deleting_permission": False,
        }

    def _comment_json(self, comment: dict, *, thread: bool) -> dict:
        gone = comment["removed"] or comment["censored"] or comment["blocked"]
        data = {
            "id": comment["id"],
            "content_type": COMMENT_CONTENT_TYPE if comment["parent"] else IDEA_CONTENT_TYPE,
            "object_pk": comment["parent"] or comment["idea"],
            "comment": "" if gone else comment["text"],
            "comment_categories": {},
            "is_removed": comment["removed"],
            "is_censored": comment["censored"],
            "is_blocked": comment["blocked"],
            "is_moderator_marked": False,
            "is_reviewed": False,
            "last_discussed": None,
            "project": 3,
            "created": display_datetime(comment["created"]),
            "modified": display_datetime(comment["modified"]) if comment["modified"] else None,
            "user_name": "unknown user" if gone else comment["user"],
            "user_profile_url": "",
            "user_image": None,
            "user_image_fallback": None,
            "is_deleted": gone,
            "ratings": {
                "positive_ratings": comment["likes"],
                "negative_ratings": 0,
                "current_user_rating_value": None,
                "current_user_rating_id": None,
            },
            "author_is_moderator": comment["user"] in self.moderators,
            "comment_content_type": COMMENT_CONTENT_TYPE,
            "user_info": {},
            "moderator_feedback": None,
        }
        if thread:
            children = sorted(
                (c for c in self.comments.values() if c["parent"] == comment["id"]), key=lambda c: c["created"]
            )
            data["child_comments"] = [self._comment_json(c, thread=False) for c in children]
        return data

    # -- HTTP ----------------------------------------------------------------------------------
    def _user(self, request: Request) -> str | None:
        header = request.headers.get("Authorization", "")
        kind, _sep, value = header.partition(" ")
        if kind == "Token":
            return self.tokens.get(value, "")
        if kind == "Bearer":
            return self.jwts.get(value, "")
        return None  # anonymous ("" = bad credentials)

    def handle(self, request: Request) -> Response:
        body = None
        if request.get_data():
            try:
                body = json.loads(request.get_data(as_text=True))
            except ValueError:
                body = request.get_data(as_text=True)
        url = request.full_path if request.query_string else request.path
        self.requests.append(
            {
                "method": request.method,
                "path": request.path,
                "query": request.args.to_dict(),
                "body": body,
                "authorization": request.headers.get("Authorization", ""),
            }
        )
        self.violations += self.contract.check_request(request.method, url, headers=dict(request.headers), body=body)
        if self.scripted:
            status, payload, headers = self.scripted.popleft()
            return Response(payload, status=status, headers=headers, content_type="application/json")
        status, data = self._route(request, body)
        self.violations += self.contract.check_response(request.method, request.path, status, data)
        return Response(json.dumps(data), status=status, content_type="application/json")

    def _route(self, request: Request, body) -> tuple[int, object]:
        path = request.path
        if path == "/api/token/" and request.method == "POST":
            if isinstance(body, dict) and self.passwords.get(body.get("username")) == body.get("password"):
                access = f"jwt-{len(self.requests)}"
                self.jwts[access] = body["username"]
                return 200, {"access": access, "refresh": f"refresh-{access}"}
            return 401, {"detail": "No active account found with the given credentials", "code": "no_active_account"}
        user = self._user(request)
        if user == "":
            return 401, {"detail": "Invalid token.", "code": "token_not_valid"}
        match = re.fullmatch(r"/api/modules/(\d+)/ideas/", path)
        if match and request.method == "GET":
            if int(match.group(1)) != self.module:
                return 404, {"detail": "No Module matches the given query."}
            if not self.public and user is None:
                return 403, {"detail": "You do not have permission to perform this action."}
            return 200, [self._idea_json(self.ideas[pk]) for pk in sorted(self.ideas)]
        match = re.fullmatch(r"/api/contenttypes/(\d+)/objects/(\d+)/comments/", path)
        if match:
            if int(match.group(1)) != IDEA_CONTENT_TYPE or int(match.group(2)) not in self.ideas:
                return 404, {"detail": "Not found."}
            idea = int(match.group(2))
            if request.method == "GET":
                return self._comment_page(request, idea, user)
            if request.method == "POST":
                return self._create_comment(idea, user, body)
        return 404, {"detail": "Not found."}

    def _comment_page(self, request: Request, idea: int, user) -> tuple[int, object]:
        if not self.public and user is None:
            return 403, {"detail": "You do not have permission to perform this action."}
        threads = [c for c in self.comments.values() if c["idea"] == idea and c["parent"] is None]
        search = request.args.get("search", "")
        if search:
            threads = [c for c in threads if search.lower() in c["text"].lower() and not c["blocked"]]
        threads.sort(key=lambda c: c["created"], reverse=True)
        page = int(request.args.get("page", "1"))
        chunk = threads[(page - 1) * COMMENT_PAGE : page * COMMENT_PAGE]
        if page > 1 and not chunk:
            return 404, {"detail": "Invalid page."}
        more = page * COMMENT_PAGE < len(threads)
        base = f"{self.base_url}{request.path}"
        return 200, {
            "count": len(threads),
            "next": f"{base}?page={page + 1}" if more else None,
            "previous": (f"{base}?page={page - 1}" if page > 2 else base) if page > 1 else None,
            "results": [self._comment_json(c, thread=True) for c in chunk],
            "comment_count": sum(1 for c in self.comments.values() if c["idea"] == idea),
            "has_commenting_permission": user in self.moderators,
            "would_have_commenting_permission": True,
            "project_is_public": self.public,
            "use_org_terms_of_use": self.terms_required,
        }

    def _create_comment(self, idea: int, user, body) -> tuple[int, object]:
        if user is None:
            return 401, {"detail": "Authentication credentials were not provided."}
        if user not in self.moderators:
            return 403, {"detail": "You do not have permission to perform this action."}
        if not isinstance(body, dict) or not str(body.get("comment", "")).strip():
            return 400, {"comment": ["This field may not be blank."]}
        if self.terms_required and not body.get("agreed_terms_of_use"):
            return 400, {"comment": ["Please agree to the organisation's terms of use."]}
        pk = max(self.comments, default=1000) + 1
        comment = self.add_comment(pk, idea=idea, text=body["comment"], user=user, created=datetime.now(UTC))
        return 201, self._comment_json(comment, thread=True)
