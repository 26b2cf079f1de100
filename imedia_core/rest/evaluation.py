"""A programme's indicators over REST: exports and SVG charts (tenant hosts).

- ``GET /api/evaluation/indicators.json|.csv|.xlsx?from=&to=``: every indicator of the period;
  CSV in long format (``indicator;dimension;value``), XLSX with one sheet per family.
- ``GET /api/evaluation/charts/<name>.svg?from=&to=``: an accessible bar chart
  (``contributions-by-month``, ``contributions-by-kind``, ``contributions-by-phase``,
  ``commitments``).

All need ``evaluation.read`` (staff roles): ``401`` without credentials, ``403`` for others
(participants, API keys). A person signed in to the admin (session cookie) downloads with the
same checks as with a bearer token (``SessionAuthentication``), so the admin's links work. Dates are ``YYYY-MM-DD``; a bad period is ``400`` with ``field``.
Definitions are in docs/evaluation.md.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path, re_path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.authentication import SessionAuthentication as DrfSessionAuthentication
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from imedia_core.errors import ServiceError
from imedia_core.evaluation import charts, exports
from imedia_core.evaluation.indicators import compute
from imedia_core.evaluation.period import make_period, parse_date
from imedia_core.evaluation.serialize import indicators_json
from imedia_core.permissions import Perm, principal_for_user
from imedia_core.rest.context import request_principal
from tenants.auth.drf import ImediaAuthentication

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERIOD_PARAMETERS = [
    OpenApiParameter(
        "from", OpenApiTypes.DATE, description="First day, YYYY-MM-DD (default: 1st day of the month, 11 months ago)."
    ),
    OpenApiParameter(
        "to", OpenApiTypes.DATE, description="Last day, YYYY-MM-DD (default: today). At most 5 years after `from`."
    ),
]
#: The three answers of an export, by the format asked for.
EXPORT_RESPONSES = {
    (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="The figures (format `json`)."),
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV, as an attachment (format `csv`)."),
    (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="A workbook, as an attachment (format `xlsx`)."),
}
FORMAT_PARAMETER = OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["json", "csv", "xlsx"])
ERRORS = {
    400: OpenApiResponse(description="`period_reversed`, `period_too_long`, `invalid_date` (with `field`)"),
    401: OpenApiResponse(description="`not_authenticated` or a credential error"),
    403: OpenApiResponse(description="`permission_denied`: needs `evaluation.read` (staff roles)"),
}


class SessionAuthentication(DrfSessionAuthentication):
    """The person signed in to the admin, by their session cookie, as the same principal a
    bearer token of theirs would give (their role in this tenant): downloads and charts linked
    from the admin then pass the very permission checks API callers pass.

    Listed after ``ImediaAuthentication``: a request carrying a bearer token or an API key is
    judged by that credential alone. CSRF is DRF's: enforced on unsafe methods (these views
    only answer GET, which changes nothing)."""

    def authenticate(self, request):
        user = getattr(request._request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        self.enforce_csrf(request)
        return user, principal_for_user(user, getattr(request._request, "tenant", None))

    def authenticate_header(self, request):
        return 'Bearer realm="imedia"'


#: Bearer token or API key first, then the admin session.
DOWNLOAD_AUTHENTICATION = [ImediaAuthentication, SessionAuthentication]


def error(status: int, code: str, message: str, field: str | None = None, headers: dict | None = None) -> Response:
    body = {"code": code, "message": message}
    if field:
        body["field"] = field
    return Response({"error": body}, status=status, headers=headers)


def check_principal(request, perm: Perm) -> Response | None:
    """``None`` when the caller holds ``perm``, else the 401/403 answer."""
    principal = request_principal(request)
    if not principal.is_authenticated:
        return error(
            401,
            "not_authenticated",
            "Connectez-vous ou fournissez une clé d'API.",
            headers={"WWW-Authenticate": 'Bearer realm="imedia"'},
        )
    if not principal.has(perm):
        return error(403, "permission_denied", "Vous n'avez pas le droit de consulter les indicateurs de cet espace.")
    return None


def period_from(request):
    """The requested period, or raises ``ServiceError`` (codes lower-cased by ``period_error``)."""
    start = parse_date(request.query_params.get("from"), "from")
    end = parse_date(request.query_params.get("to"), "to")
    return make_period(start, end)


def period_error(exc: ServiceError) -> Response:
    return error(400, exc.code.lower(), exc.message, exc.field)


class AnyRenderer(BaseContentNegotiation):
    """Exports answer whatever the client accepts; the URL names the format (errors are JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def file_response(content: bytes | str, content_type: str, filename: str | None) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class IndicatorsExport(APIView):
    authentication_classes = DOWNLOAD_AUTHENTICATION
    content_negotiation_class = AnyRenderer

    @extend_schema(
        summary="This programme's indicators over a period, as JSON, CSV (long format) or XLSX.",
        parameters=[*PERIOD_PARAMETERS, FORMAT_PARAMETER],
        responses={**EXPORT_RESPONSES, **ERRORS},
    )
    def get(self, request, fmt):
        refused = check_principal(request, Perm.READ_INDICATORS)
        if refused is not None:
            return refused
        try:
            period = period_from(request)
        except ServiceError as exc:
            return period_error(exc)
        figures = compute(period, tenant=request.tenant)
        stem = f"indicateurs-{request.tenant.schema_name}-{period.start}-{period.end}"
        if fmt == "json":
            return Response(indicators_json(figures), headers={"Cache-Control": "private, no-store"})
        if fmt == "csv":
            return file_response(exports.to_csv(figures), "text/csv; charset=utf-8", f"{stem}.csv")
        return file_response(exports.to_xlsx(figures), XLSX, f"{stem}.xlsx")


class IndicatorChart(APIView):
    authentication_classes = DOWNLOAD_AUTHENTICATION
    content_negotiation_class = AnyRenderer

    @extend_schema(
        summary="An accessible SVG bar chart of this programme's indicators (role=img, title, desc with values).",
        parameters=PERIOD_PARAMETERS,
        responses={
            (200, "image/svg+xml"): OpenApiResponse(OpenApiTypes.BINARY, description="The chart."),
            404: OpenApiResponse(description="`not_found`: no chart of that name"),
            **ERRORS,
        },
    )
    def get(self, request, name):
        refused = check_principal(request, Perm.READ_INDICATORS)
        if refused is not None:
            return refused
        render = charts.CHARTS.get(name)
        if render is None:
            names = ", ".join(sorted(charts.CHARTS))
            return error(404, "not_found", f"Aucun graphique « {name} » (graphiques : {names}).")
        try:
            period = period_from(request)
        except ServiceError as exc:
            return period_error(exc)
        response = file_response(render(compute(period, tenant=request.tenant)), "image/svg+xml; charset=utf-8", None)
        # An SVG is a document: never let it run anything if opened directly.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        return response


urlpatterns = [
    re_path(r"^indicators\.(?P<fmt>json|csv|xlsx)$", IndicatorsExport.as_view(), name="evaluation-export"),
    path("charts/<slug:name>.svg", IndicatorChart.as_view(), name="evaluation-chart"),
]
