"""The operator console's « Indicateurs des programmes » page (platform admin, ``/admin/console/indicateurs/``).

An operator's programmes side by side over a period: a table of the main figures, accessible
SVG charts (``charts.bar_chart``: title, description stating every value) and the CSV/XLSX
downloads of ``/api/operator/evaluation/<operator>/``, which accept the console's session.
Figures come from ``operator.compute_for_operator`` (aggregates only, schema by schema). Read
only: this page changes nothing.

Operator admins see their operators only; superusers every operator. The URL is wired in
``imedia_core/urls_public.py`` behind ``admin.site.admin_view`` (signed in to the console).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from imedia_core.errors import ServiceError
from tenants.models import TenantStatus
from tenants.operators import managed_operators

from .charts import COLOURS, Bar, bar_chart
from .operator import OperatorIndicators, compute_for_operator
from .period import make_period, parse_date


def _charts(report: OperatorIndicators) -> list[str]:
    period = gettext("du %(start)s au %(end)s") % {
        "start": report.period.start.strftime("%d/%m/%Y"),
        "end": report.period.end.strftime("%d/%m/%Y"),
    }

    def bars(value, colour=COLOURS["default"]):
        return [Bar(p.name[:10], p.name, value(p.indicators), colour) for p in report.programmes]

    return [
        bar_chart(
            "programmes-contributions",
            gettext("Contributions par programme"),
            gettext("Contributions reçues par programme, %(period)s.") % {"period": period},
            bars(lambda figures: figures.contributions.total),
            unit=gettext("contributions"),
        ),
        bar_chart(
            "programmes-reponses",
            gettext("Propositions ayant reçu une réponse"),
            gettext("Propositions publiées ayant reçu une réponse publiée, par programme, %(period)s.")
            % {"period": period},
            bars(lambda figures: figures.responses.answered),
            unit=gettext("propositions"),
        ),
        bar_chart(
            "programmes-engagements-realises",
            gettext("Engagements réalisés par programme"),
            gettext("Engagements réalisés dont l'échéance tombe %(period)s, par programme.") % {"period": period},
            bars(lambda figures: figures.commitments.done, COLOURS["done"]),
            unit=gettext("engagements"),
        ),
        bar_chart(
            "programmes-engagements-en-retard",
            gettext("Engagements en retard par programme"),
            gettext("Engagements prévus ou en cours dont l'échéance est dépassée, par programme, %(period)s.")
            % {"period": period},
            bars(lambda figures: figures.commitments.overdue, COLOURS["overdue"]),
            unit=gettext("engagements"),
        ),
    ]


def indicators_view(request):
    operators = list(managed_operators(request.user).order_by("name"))
    if not operators:
        raise PermissionDenied
    slug = request.GET.get("operateur") or operators[0].slug
    operator = next((item for item in operators if item.slug == slug), None)
    if operator is None:
        raise Http404(gettext("Aucun opérateur de ce nom dans votre périmètre."))
    error = None
    try:
        period = make_period(parse_date(request.GET.get("from"), "from"), parse_date(request.GET.get("to"), "to"))
    except ServiceError as exc:
        error = exc.message
        period = make_period()
    include_archived = request.GET.get("archived") == "1"
    report = compute_for_operator(operator, period, include_archived=include_archived)
    query = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    if include_archived:
        query["archived"] = "1"
    export = reverse("operator-evaluation", args=[operator.slug])
    downloads = [
        (gettext("Télécharger en XLSX (tableur)"), f"{export}?{urlencode({**query, 'format': 'xlsx'})}"),
        (gettext("Télécharger en CSV"), f"{export}?{urlencode({**query, 'format': 'csv'})}"),
    ]
    # The SVGs escape every text they show (charts.bar_chart); nothing else here is marked safe.
    charts = [mark_safe(svg) for svg in _charts(report)] if report.programmes else []  # noqa: S308
    context = {
        **admin.site.each_context(request),
        "title": gettext("Indicateurs des programmes — %(name)s") % {"name": operator.name},
        "operators": operators,
        "operator": operator,
        "report": report,
        "rows": [(programme, TenantStatus(programme.status).label) for programme in report.programmes],
        "period": period,
        "include_archived": include_archived,
        "error": error,
        "downloads": downloads,
        "charts": charts,
    }
    return TemplateResponse(request, "admin/tenants/tenant/operator_indicators.html", context)
