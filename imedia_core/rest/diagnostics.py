"""A run's results over REST: an accessible SVG radar chart and a CSV export.

- ``GET /api/diagnostics/runs/<id>/radar.svg[?compare=<run id>|previous]``
- ``GET /api/diagnostics/runs/<id>/results.csv[?dialect=excel-fr|standard]``

``<id>`` is the run's primary key in the routed tenant; GraphQL gives both URLs ready-made
(``DiagnosticRun.radarUrl`` and ``resultsCsvUrl``). Callers: staff holding
``RUN_DIAGNOSTIC`` (bearer person token), or a participant of the run — signed in (bearer
token) or anonymous with the participant token in the ``X-Imedia-Participant`` header (or the
``participant_token`` query parameter, for an ``<img src>``). Anyone else gets ``404``, as
does a run of another programme. Who sees what, comparison included, is decided by
``imedia_core.diagnostics.access``, as for GraphQL. Staff signed in to the admin (session
cookie) read them as with their bearer token: the run's admin page links here.
"""

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from imedia_core.diagnostics.access import comparison_for, results_for
from imedia_core.diagnostics.models import Run
from imedia_core.diagnostics.render import DIALECTS, radar_svg, results_csv
from imedia_core.errors import ServiceError
from imedia_core.rest.context import service_context

from .evaluation import DOWNLOAD_AUTHENTICATION
from .library import FirstRenderer


def _error(status: int, code: str, message: str) -> Response:
    return Response({"error": {"code": code, "message": message}}, status=status)


def _participant_token(request) -> str | None:
    return request.META.get("HTTP_X_IMEDIA_PARTICIPANT") or request.query_params.get("participant_token") or None


def _results(ctx, request, run_id):
    run = Run.objects.select_related("diagnostic", "group").filter(pk=run_id).first()
    if run is None:
        return None, None
    return run, results_for(ctx, run, participant_token=_participant_token(request))


def _private(response):
    # Results are personal to the viewer (their own row): never cached by shared caches.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


NOT_FOUND = "Aucune passation à cette adresse, ou vous n'avez pas accès à ses résultats."
PARTICIPANT_PARAMETER = OpenApiParameter(
    "participant_token", str, description="An anonymous participant's token (prefer the X-Imedia-Participant header)."
)


class RunRadar(APIView):
    authentication_classes = DOWNLOAD_AUTHENTICATION
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="A run's results as an accessible SVG radar chart (staff and the run's participants).",
        parameters=[
            OpenApiParameter(
                "compare", str, description="ID of an earlier run of the same group and diagnostic, or `previous`."
            ),
            PARTICIPANT_PARAMETER,
        ],
        responses={
            (200, "image/svg+xml"): OpenApiResponse(OpenApiTypes.BINARY, description="The chart."),
            400: OpenApiResponse(description="`invalid_compare`"),
            404: OpenApiResponse(description="`not_found`"),
        },
    )
    def get(self, request, run_id):
        ctx = service_context(request)
        _, results = _results(ctx, request, run_id)
        if results is None:
            return _error(404, "not_found", NOT_FOUND)
        try:
            comparison = comparison_for(ctx, results, request.query_params.get("compare"))
        except ServiceError as exc:
            return _error(400, "invalid_compare", exc.message)
        compare = (comparison.caption, comparison.scores) if comparison is not None else None
        response = HttpResponse(radar_svg(results, compare), content_type="image/svg+xml; charset=utf-8")
        return _private(response)


class RunResultsCsv(APIView):
    authentication_classes = DOWNLOAD_AUTHENTICATION
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="A run's results as CSV: one row per member and dimension (pseudonymised), then the group rows.",
        parameters=[
            OpenApiParameter(
                "dialect",
                str,
                enum=list(DIALECTS),
                description="`excel-fr` (default: `;`, decimal comma, BOM) or `standard`.",
            ),
            PARTICIPANT_PARAMETER,
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="The CSV file, as an attachment."),
            400: OpenApiResponse(description="`invalid_dialect`"),
            404: OpenApiResponse(description="`not_found`"),
        },
    )
    def get(self, request, run_id):
        dialect = request.query_params.get("dialect") or "excel-fr"
        if dialect not in DIALECTS:
            return _error(400, "invalid_dialect", "« dialect » vaut « excel-fr » ou « standard ».")
        run, results = _results(service_context(request), request, run_id)
        if results is None:
            return _error(404, "not_found", NOT_FOUND)
        response = HttpResponse(results_csv(results, dialect), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="autodiagnostic-{run.pk}-{run.held_on:%Y-%m-%d}.csv"'
        return _private(response)


urlpatterns = [
    path("runs/<int:run_id>/radar.svg", RunRadar.as_view(), name="diagnostics-run-radar"),
    path("runs/<int:run_id>/results.csv", RunResultsCsv.as_view(), name="diagnostics-run-csv"),
]
