"""The space's indicators in its admin (« Évaluation »): the figures of a period, their
accessible SVG charts and links to the CSV and XLSX exports.

The page reads the same ``indicators.compute`` as GraphQL and REST, and needs the same
``evaluation.read`` permission (``Perm.READ_INDICATORS``); the export links are the REST URLs,
which accept the signed-in admin session (``imedia_core.rest.evaluation.SessionAuthentication``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import admin_principal, tenant_admin_site
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from . import charts
from .indicators import compute
from .period import make_period

CHART_ORDER = ("contributions-by-month", "contributions-by-kind", "contributions-by-phase", "commitments")


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def period(self):
        """The period asked for (by default the last twelve months), or None with the form's errors."""
        if not self.is_valid():
            return None
        try:
            return make_period(self.cleaned_data.get("start"), self.cleaned_data.get("end"))
        except ServiceError as exc:
            self.add_error("start" if exc.field == "from" else "end", exc.message)
            return None


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f} %"


def indicators_view(request):
    if not admin_principal(request).has(Perm.READ_INDICATORS):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    period = form.period() if request.GET else make_period()
    context = {
        **tenant_admin_site.each_context(request),
        "title": gettext("Indicateurs de l'espace"),
        "form": form,
        "period": period,
    }
    if period is not None:
        figures = compute(period, tenant=request.tenant)
        query = urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()})
        context.update(
            figures=figures,
            response_share=percent(figures.responses.share),
            charts=[mark_safe(charts.CHARTS[name](figures)) for name in CHART_ORDER],  # noqa: S308  texts XML-escaped
            downloads=[
                (gettext("Télécharger en CSV"), f"{reverse('evaluation-export', kwargs={'fmt': 'csv'})}?{query}"),
                (gettext("Télécharger en XLSX"), f"{reverse('evaluation-export', kwargs={'fmt': 'xlsx'})}?{query}"),
            ],
        )
    return TemplateResponse(request, "admin/evaluation/indicators.html", context)


tenant_admin_site.register_view(
    "evaluation/indicateurs/",
    indicators_view,
    name="evaluation_indicators",
    section=_("Évaluation"),
    label=_("Indicateurs de l'espace"),
    permission=Perm.READ_INDICATORS,
)
