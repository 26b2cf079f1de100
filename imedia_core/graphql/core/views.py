"""The GraphQL endpoint, following the GraphQL-over-HTTP specification.

- ``GET`` carries queries only (a mutation over GET is 405); ``POST`` takes
  ``application/json`` (or ``application/graphql``); anything else is 415.
- ``Accept: application/graphql-response+json`` gets that media type; ``application/json`` is
  the default when no Accept header is sent.
- A well-formed request whose document cannot run (unparseable, invalid, unknown operation,
  variables of the wrong type) is a *request error*: ``errors`` without ``data``, with 200
  under ``application/json`` and 400 under ``application/graphql-response+json``.
- Requests that are not well-formed (bad JSON, no query, variables not an object) get 400;
  an oversized body 413; a bad credential 401 before anything runs.
- Once the operation is known, the response carries ``extensions.cost`` (its cost and depth
  beside the limits, ``limits.measure``), refused by validation or not.
"""

import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from graphql import GraphQLError, OperationType, execute, get_operation_ast

from tenants.auth import AuthError, resolve_principal

from ..api import get_schema
from .documents import DocumentTooLarge, parse_and_validate
from .input_validation import NUL_MESSAGE, nul_in_request
from .limits import measure

logger = logging.getLogger(__name__)

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


class RequestError(Exception):
    """The HTTP request itself is unusable (not JSON, wrong method, too large...): 4xx always."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


class GraphQLRequestError(Exception):
    """A well-formed HTTP request whose GraphQL document cannot run (unparseable, no such
    operation): 200 under ``application/json``, 400 under ``application/graphql-response+json``."""

    def __init__(self, code: str, message: str, extensions: dict | None = None):
        self.code, self.message, self.extensions = code, message, extensions or {}


def _request_error_status(media: str) -> int:
    return 400 if media == GRAPHQL_RESPONSE else 200


def _accepted_media(request) -> str | None:
    """The response media type to use, or None when the client accepts neither."""
    header = request.headers.get("Accept", "").strip()
    if not header:
        return JSON
    ranked = []
    for position, part in enumerate(header.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.lower()))
    for _q, _pos, media in sorted(ranked):
        if _q == 0:
            continue
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "application/*", "*/*"):
            return JSON
    return None


def _wants_graphiql(request) -> bool:
    return (
        settings.IMEDIA_GRAPHIQL
        and request.method == "GET"
        and "text/html" in request.headers.get("Accept", "")
        and "query" not in request.GET
    )


def graphiql_page(request):
    """GraphiQL from the project's static files (no CDN), started by a static script, so it works
    offline and under the Content-Security-Policy; it queries the URL it was served from."""
    tenant = getattr(request, "tenant", None)
    context = {"endpoint": request.path, "tenant_name": getattr(tenant, "name", "imedia")}
    return render(request, "graphiql/index.html", context)


def _error_body(code: str, message: str, extensions: dict | None = None) -> dict:
    return {"errors": [{"message": message, "extensions": {**(extensions or {}), "code": code}}]}


@method_decorator(csrf_exempt, name="dispatch")
class ImediaGraphQLView(View):
    """Serves the schema assembled by ``imedia_core.graphql.api``."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return self._serve(request)

    def post(self, request, *args, **kwargs):
        return self._serve(request)

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = self._respond(JSON, 405, _error_body("METHOD_NOT_ALLOWED", "Utilisez GET ou POST."))
        response["Allow"] = "GET, POST"
        return response

    def _serve(self, request):
        schema = get_schema()
        if _wants_graphiql(request):
            return graphiql_page(request)
        media = _accepted_media(request)
        if media is None:
            return self._respond(
                JSON, 406, _error_body("NOT_ACCEPTABLE", f"Réponses disponibles : {GRAPHQL_RESPONSE}, {JSON}.")
            )
        try:
            request.principal = resolve_principal(request)
            query, variables, operation_name = self._params(request)
            document, errors = self._parse(schema.graphql_schema, query)
            operation = get_operation_ast(document, operation_name)
            if operation is None:
                raise GraphQLRequestError(
                    "OPERATION_NOT_FOUND", "Opération introuvable ou ambiguë : précisez operationName."
                )
            if nul_in_request(document, variables):
                raise GraphQLRequestError("BAD_USER_INPUT", NUL_MESSAGE)
            if request.method == "GET" and operation.operation != OperationType.QUERY:
                raise RequestError(405, "METHOD_NOT_ALLOWED", "Les mutations passent par POST.", {"Allow": "POST"})
        except AuthError as exc:
            headers = {"WWW-Authenticate": 'Bearer realm="imedia"'}
            if exc.retry_after:
                headers["Retry-After"] = str(exc.retry_after)
            return self._respond(media, exc.status, _error_body(exc.code.value.upper(), exc.message), headers)
        except RequestError as exc:
            return self._respond(media, exc.status, _error_body(exc.code, exc.message), exc.headers)
        except GraphQLRequestError as exc:
            body = _error_body(exc.code, exc.message, exc.extensions)
            return self._respond(media, _request_error_status(media), body)

        # What the operation costs beside the limits, so a client can tune before it is refused.
        extensions = {"cost": measure(document, operation)}
        if errors:
            status = _request_error_status(media)
            body = {"errors": [self._format(e, "GRAPHQL_VALIDATION_FAILED") for e in errors], "extensions": extensions}
            return self._respond(media, status, body)

        result = execute(
            schema.graphql_schema,
            document,
            context_value=request,
            variable_values=variables,
            operation_name=operation_name,
        )
        if result.errors and result.data is None and not any(e.path for e in result.errors):
            # Variable coercion failed: a request error, execution never started, so no "data".
            body = {"errors": [self._format(e, "BAD_USER_INPUT") for e in result.errors], "extensions": extensions}
            return self._respond(media, _request_error_status(media), body)
        body: dict = {"data": result.data}
        if result.errors:
            body["errors"] = [self._format(e, "INTERNAL_ERROR") for e in result.errors]
        body["extensions"] = extensions
        return self._respond(media, 200, body)

    def _params(self, request):
        limit = settings.IMEDIA_GRAPHQL_MAX_BYTES
        too_large = RequestError(
            413, "PAYLOAD_TOO_LARGE", f"Requête GraphQL trop volumineuse (maximum {limit} octets)."
        )
        if request.method == "GET":
            if len(request.META.get("QUERY_STRING", "")) > limit:
                raise too_large
            data = request.GET
            variables = data.get("variables")
        else:
            content_type = request.content_type.lower()
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit:
                raise too_large
            try:
                raw = request.body
            except RequestDataTooBig as exc:
                raise RequestError(
                    413,
                    "PAYLOAD_TOO_LARGE",
                    f"Corps de requête trop volumineux (maximum {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} octets).",
                ) from exc
            if len(raw) > limit:
                raise too_large
            if content_type == "application/graphql":
                data = {"query": raw.decode("utf-8", "replace")}
            elif content_type == JSON:
                try:
                    data = json.loads(raw or b"")
                except RecursionError as exc:
                    raise RequestError(400, "BAD_REQUEST", "Le corps JSON est trop profondément imbriqué.") from exc
                except (ValueError, UnicodeDecodeError) as exc:
                    raise RequestError(400, "BAD_REQUEST", "Le corps n'est pas du JSON valide.") from exc
                if not isinstance(data, dict):
                    raise RequestError(
                        400, "BAD_REQUEST", "Le corps doit être un objet JSON (les lots ne sont pas acceptés)."
                    )
            else:
                raise RequestError(
                    415, "UNSUPPORTED_MEDIA_TYPE", "Envoyez la requête en application/json.", {"Accept-Post": JSON}
                )
            variables = data.get("variables")
        query = data.get("query")
        if not isinstance(query, str) or not query.strip():
            raise RequestError(400, "BAD_REQUEST", "Le paramètre « query » (chaîne) est obligatoire.")
        if isinstance(variables, str) and variables:
            try:
                variables = json.loads(variables)
            except RecursionError as exc:
                raise RequestError(400, "BAD_REQUEST", "« variables » est trop profondément imbriqué.") from exc
            except ValueError as exc:
                raise RequestError(400, "BAD_REQUEST", "« variables » n'est pas du JSON valide.") from exc
        if variables in ("", None):
            variables = None
        elif not isinstance(variables, dict):
            raise RequestError(400, "BAD_REQUEST", "« variables » doit être un objet JSON.")
        extensions = data.get("extensions")
        if request.method == "GET" and isinstance(extensions, str):
            try:
                extensions = json.loads(extensions) if extensions else None
            except (ValueError, RecursionError) as exc:
                raise RequestError(400, "BAD_REQUEST", "« extensions » n'est pas du JSON valide.") from exc
        if extensions is not None and not isinstance(extensions, dict):
            raise RequestError(400, "BAD_REQUEST", "« extensions » doit être un objet JSON.")
        operation_name = data.get("operationName")
        if operation_name == "":
            operation_name = None
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestError(400, "BAD_REQUEST", "« operationName » doit être une chaîne.")
        return query, variables, operation_name

    @staticmethod
    def _parse(graphql_schema, query: str):
        try:
            return parse_and_validate(graphql_schema, query)
        except DocumentTooLarge as exc:
            raise GraphQLRequestError("QUERY_TOO_LARGE", exc.message, exc.extensions) from exc
        except GraphQLError as exc:
            raise GraphQLRequestError("GRAPHQL_PARSE_FAILED", f"Requête GraphQL illisible : {exc.message}") from exc

    @staticmethod
    def _format(error: GraphQLError, default_code: str) -> dict:
        """Every error gets ``extensions.code``; unexpected exceptions are logged, not shown."""
        formatted = error.formatted
        extensions = dict(formatted.get("extensions") or {})
        original = error.original_error
        if isinstance(original, AssertionError):
            # A library's argument check (graphene-django's connections): its English text is
            # not for users, but the request was refused for what the client sent.
            logger.warning("GraphQL argument check failed: %s", original, exc_info=original)
            field = next((part for part in reversed(error.path or ()) if isinstance(part, str)), None)
            where = f" sur « {field} »" if field else ""
            formatted["message"] = f"Combinaison d'arguments invalide{where}."
            extensions.setdefault("code", "BAD_USER_INPUT")
        elif original is not None and not isinstance(original, GraphQLError) and default_code == "INTERNAL_ERROR":
            # Only during execution: in validation and variable coercion, the original error is a
            # scalar refusing the client's value (a malformed UUID, JSONString, date...).
            logger.exception("GraphQL resolver failed", exc_info=original)
            extensions["code"] = "INTERNAL_SERVER_ERROR"
            if not settings.DEBUG:
                formatted["message"] = "Erreur interne du serveur."
        elif default_code == "INTERNAL_ERROR":
            extensions.setdefault("code", "BAD_USER_INPUT")
        else:
            extensions.setdefault("code", default_code)
        formatted["extensions"] = extensions
        return formatted

    @staticmethod
    def _respond(media: str, status: int, body: dict, headers: dict | None = None) -> HttpResponse:
        content_type = f"{media}; charset=utf-8"
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")), status=status, content_type=content_type
        )
        for name, value in (headers or {}).items():
            response[name] = value
        return response
