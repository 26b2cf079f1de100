"""Checks on request input shared by every door (GraphQL, REST, the admin).

PostgreSQL text cannot hold NUL bytes (U+0000): a string carrying one reaches the database as a
psycopg ``DataError`` (a 500). Each door refuses it once, at its boundary, with the same message:

- GraphQL: ``imedia_core.graphql.core.input_validation`` (literals and variables, before
  execution), ``BAD_USER_INPUT``;
- every other request: ``RefuseNulMiddleware`` below (the path, the query string and the
  headers before the tenant is routed; the form body of the views that read forms, the admin's),
  and the REST JSON parser (``imedia_core.rest.parsers``), ``400 invalid_characters``.
"""

from __future__ import annotations

from django.http import UnreadablePostError
from django.utils.datastructures import MultiValueDict

from imedia_core.http import json_error

NUL = "\x00"
NUL_MESSAGE = "Les textes envoyés ne peuvent pas contenir de caractère nul (U+0000)."
NUL_CODE = "invalid_characters"


def has_nul(value) -> bool:
    """Whether ``value`` — a string, or any nesting of dicts (keys included), lists, tuples and
    Django's ``QueryDict`` — holds a NUL character somewhere."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, MultiValueDict):
            for key, values in item.lists():
                stack.append(key)
                stack.extend(values)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def _is_graphql(request) -> bool:
    return request.path_info.rstrip("/").endswith("/graphql")


def nul_in_request_line(request) -> bool:
    """A NUL in the path, a request header or (except at the GraphQL endpoint, which checks its
    ``query`` and ``variables`` itself and answers ``BAD_USER_INPUT``) the query string."""
    if NUL in request.path_info:
        return True
    if any(NUL in value for key, value in request.META.items() if key.startswith("HTTP_") and isinstance(value, str)):
        return True
    return not _is_graphql(request) and has_nul(request.GET)


class RefuseNulMiddleware:
    """``400 invalid_characters`` for a NUL byte in the request line or headers (before tenant
    routing, which looks the tenant up), and in the form body of views that read forms (views
    protected by CSRF, whose middleware reads that body anyway: the admin). API views (DRF,
    GraphQL) are CSRF-exempt: their bodies are checked by their own parsers, and an upload's body
    is never read here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if nul_in_request_line(request):
            return refused()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        try:
            form = request.POST  # what CsrfViewMiddleware reads next, with the same errors
        except UnreadablePostError:  # CsrfViewMiddleware lets the view decide, so do we
            return None
        return refused() if has_nul(form) else None


def refused():
    return json_error(400, NUL_CODE, NUL_MESSAGE)
