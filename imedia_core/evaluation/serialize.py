"""Indicators as plain JSON-ready dicts (REST), with the period as ``from``/``to``."""

from __future__ import annotations

from dataclasses import asdict

from .indicators import Indicators
from .operator import OperatorIndicators


def _period(period) -> dict:
    return {"from": period.start, "to": period.end, "days": period.days}


def indicators_json(figures: Indicators) -> dict:
    data = asdict(figures)
    data["period"] = _period(figures.period)
    return data


def operator_json(report: OperatorIndicators) -> dict:
    return {
        "operator": {"slug": report.operator_slug, "name": report.operator_name},
        "period": _period(report.period),
        "programmes": [
            {
                "slug": p.slug,
                "name": p.name,
                "status": p.status,
                "policy_area": p.policy_area,
                "territory": p.territory,
                "indicators": indicators_json(p.indicators),
            }
            for p in report.programmes
        ],
    }
