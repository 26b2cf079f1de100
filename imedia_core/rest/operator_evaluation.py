"""An operator's indicators across its programmes (platform hosts).

``GET /api/operator/evaluation/<operator_slug>/?from=&to=&format=json|csv|xlsx&archived=1``

Only the operator's admins (``OperatorMembership``) and platform superusers, with a platform
token or signed in to the platform admin (a session: the console's « Télécharger » links; a GET
changes nothing, so no CSRF token is needed): ``401`` without credentials, ``403`` for anyone else (tenant admins included), ``404``
for an unknown operator. Figures are computed schema by schema and only aggregates leave a
schema (``imedia_core.evaluation.operator``). Archived programmes are left out unless
``archived=1``; the template schema never appears.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from imedia_core.errors import ServiceError
from imedia_core.evaluation import exports
from imedia_core.evaluation.operator import compute_for_operator
from imedia_core.evaluation.serialize import operator_json
from imedia_core.permissions import can_manage_operator_tenants
from tenants.auth.drf import ImediaAuthentication
from tenants.models import Operator

from .evaluation import (
    ERRORS,
    EXPORT_RESPONSES,
    PERIOD_PARAMETERS,
    XLSX,
    AnyRenderer,
    error,
    file_response,
    period_error,
    period_from,
)

FORMATS = ("json", "csv", "xlsx")


class OperatorIndicatorsView(APIView):
    # A bearer token first (a bad one is refused, never replaced by the session), then the
    # platform admin's session, so the console's download links work in a browser.
    authentication_classes = [ImediaAuthentication, SessionAuthentication]
    # ``format`` names the export here; DRF's own ``?format=`` renderer override must not see it.
    content_negotiation_class = AnyRenderer

    @extend_schema(
        summary="Indicators of every programme of an operator, side by side (operator admins, superusers).",
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("format", str, enum=list(FORMATS), description="`json` (default), `csv` or `xlsx`."),
            OpenApiParameter("archived", bool, description="`1` to include archived programmes."),
        ],
        responses={
            **EXPORT_RESPONSES,
            404: OpenApiResponse(description="`not_found`: no such operator"),
            **ERRORS,
        },
    )
    def get(self, request, operator_slug):
        user = request.user
        if not (user and user.is_authenticated):
            return error(
                401,
                "not_authenticated",
                "Connectez-vous à la console de la plateforme ou utilisez un jeton de la plateforme.",
                headers={"WWW-Authenticate": 'Bearer realm="imedia"'},
            )
        operator = Operator.objects.filter(slug=operator_slug).first()
        if operator is None:
            return error(404, "not_found", f"Opérateur inconnu « {operator_slug} ».")
        if not can_manage_operator_tenants(user, operator.pk):
            return error(403, "permission_denied", "Vous n'administrez pas cet opérateur.")
        fmt = request.query_params.get("format") or "json"
        if fmt not in FORMATS:
            return error(400, "invalid_format", "Format inconnu : choisissez json, csv ou xlsx.", "format")
        try:
            period = period_from(request)
        except ServiceError as exc:
            return period_error(exc)
        include_archived = request.query_params.get("archived") in ("1", "true", "oui")
        report = compute_for_operator(operator, period, include_archived=include_archived)
        stem = f"indicateurs-{operator.slug}-{period.start}-{period.end}"
        if fmt == "csv":
            return file_response(exports.operator_to_csv(report), "text/csv; charset=utf-8", f"{stem}.csv")
        if fmt == "xlsx":
            return file_response(exports.operator_to_xlsx(report), XLSX, f"{stem}.xlsx")
        return Response(operator_json(report), headers={"Cache-Control": "private, no-store"})


urlpatterns = [
    path("<slug:operator_slug>/", OperatorIndicatorsView.as_view(), name="operator-evaluation"),
]
