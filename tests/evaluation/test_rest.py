"""Exports (CSV, XLSX, JSON) and SVG charts over REST, for a programme and for an operator."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from tenants.models import Operator, OperatorMembership
from tests.auth.helpers import api_key_for, token_for

from .conftest import EXPECTED, TODAY

Q1 = "?from=2026-01-01&to=2026-03-31"
SVG = "{http://www.w3.org/2000/svg}"


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")  # the byte-order mark is for spreadsheet software
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_export_long_format(api, tenant_a, programme, staff_token):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/evaluation/indicators.csv{Q1}", tenant=tenant_a, token=staff_token)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="indicateurs-alpha-2026-01-01-2026-03-31.csv"'
    rows = read_csv(response)
    assert rows[0] == ["indicator", "dimension", "value"]
    values = {(indicator, dimension): value for indicator, dimension, value in rows[1:]}
    assert values[("period.from", "")] == "2026-01-01"
    assert values[("contributions.total", "")] == str(EXPECTED["contributions.total"])
    assert values[("contributions.by_kind", "proposal")] == "5"
    assert values[("contributions.by_month", "2026-03")] == "3"
    assert values[("contributions.by_phase", "sans-phase")] == "2"
    assert values[("responses.share", "")] == "0.75"
    assert values[("responses.median_days_to_first_response", "")] == "5"
    assert values[("commitments.overdue", "")] == "2"
    assert values[("diagnostics.mean_delta", "")] == "29.6296"
    assert values[("diagnostics.progress", "Où en est notre démarche ? / A")] == "29.6296"
    assert values[("unanswered_searches.top", "mobiliser les jeunes")] == "7"
    # A searched text that looks like a formula is neutralised.
    assert values[("unanswered_searches.top", "'=cmd formule")] == "1"


def test_xlsx_export_one_sheet_per_family(api, tenant_a, programme, staff_token):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/evaluation/indicators.xlsx{Q1}", tenant=tenant_a, token=staff_token)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Période",
        "Contributions",
        "Réponses",
        "Engagements",
        "Diagnostics",
        "Recherches sans réponse",
    ]
    responses = {row[0]: row[3] for row in book["Réponses"].iter_rows(min_row=2, values_only=True)}
    assert responses["responses.share"] == 0.75 and responses["responses.proposals"] == 4
    commitments = {row[0]: row for row in book["Engagements"].iter_rows(min_row=2, values_only=True)}
    assert commitments["commitments.overdue"][1:] == ("Engagements en retard", None, 2)
    searches = [row for row in book["Recherches sans réponse"].iter_rows(min_row=2, values_only=True)]
    assert ("unanswered_searches.top", "Recherches sans réponse les plus fréquentes", "'=cmd formule", 1) in searches
    # No cell is a formula.
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


def test_json_export(api, tenant_a, programme, staff_token):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/evaluation/indicators.json{Q1}", tenant=tenant_a, token=staff_token)
    data = response.json()
    assert data["period"] == {"from": "2026-01-01", "to": "2026-03-31", "days": 90}
    assert data["responses"]["share"] == 0.75 and data["commitments"]["overdue"] == 2


@pytest.mark.parametrize(
    "name", ["contributions-by-month", "commitments", "contributions-by-kind", "contributions-by-phase"]
)
def test_svg_charts_are_well_formed_and_described(api, tenant_a, programme, staff_token, name):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/evaluation/charts/{name}.svg{Q1}", tenant=tenant_a, token=staff_token)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "du 1 janvier 2026 au 31 mars 2026" in desc.text


def test_month_chart_states_every_value(api, tenant_a, programme, staff_token):
    response = api.rest(
        "GET", f"/api/evaluation/charts/contributions-by-month.svg{Q1}", tenant=tenant_a, token=staff_token
    )
    root = ET.fromstring(response.content)
    desc = root.find(f"{SVG}desc").text
    assert "Total : 7 contributions" in desc
    assert "janvier 2026 : 2 contributions; février 2026 : 2 contributions; mars 2026 : 3 contributions" in desc
    assert len(root.findall(f".//{SVG}rect")) == 3


def test_commitment_chart_values(api, tenant_a, programme, staff_token):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/evaluation/charts/commitments.svg{Q1}", tenant=tenant_a, token=staff_token)
    desc = ET.fromstring(response.content).find(f"{SVG}desc").text
    assert "Total : 6 engagements" in desc  # overdue ones are not counted twice
    assert "Réalisés : 1 engagements" in desc and "En retard (prévus ou en cours, échéance dépassée) : 2" in desc


def test_chart_text_is_escaped(api, tenant_a, phases, staff_token):
    with schema_context("alpha"):
        phases["suivi"].title = 'Suivi <script>alert("x")</script> & co'
        phases["suivi"].save()
    response = api.rest("GET", "/api/evaluation/charts/contributions-by-phase.svg", tenant=tenant_a, token=staff_token)
    root = ET.fromstring(response.content)  # would not parse if the title were not escaped
    assert root.find(f".//{SVG}script") is None
    assert 'Suivi <script>alert("x")</script> & co : 0 contributions' in root.find(f"{SVG}desc").text


def test_unknown_chart_is_404(api, tenant_a, staff_token):
    response = api.rest("GET", "/api/evaluation/charts/camembert.svg", tenant=tenant_a, token=staff_token)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("?from=2026-03-01&to=2026-01-01", "period_reversed", "from"),
        ("?from=2019-01-01&to=2026-01-01", "period_too_long", "to"),
        ("?from=hier", "invalid_date", "from"),
    ],
)
def test_bad_period_is_400(api, tenant_a, staff_token, query, code, field):
    for path in ("/api/evaluation/indicators.csv", "/api/evaluation/charts/commitments.svg"):
        response = api.rest("GET", f"{path}{query}", tenant=tenant_a, token=staff_token)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == code and response.json()["error"]["field"] == field


def test_readers_are_refused(api, tenant_a, participant_token):
    for path in ("/api/evaluation/indicators.xlsx", "/api/evaluation/charts/commitments.svg"):
        anonymous = api.rest("GET", path, tenant=tenant_a)
        assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == 'Bearer realm="imedia"'
        assert api.rest("GET", path, tenant=tenant_a, token=participant_token).status_code == 403
        assert api.rest("GET", path, tenant=tenant_a, token=api_key_for(tenant_a, "read")).status_code == 403


def test_a_token_of_alpha_does_not_open_beta(api, tenant_b, staff_token):
    response = api.rest("GET", "/api/evaluation/indicators.csv", tenant=tenant_b, token=staff_token)
    assert response.status_code == 401 and response.json()["error"]["code"] == "wrong_tenant"


def test_beta_exports_only_beta(api, tenant_b, programme, make_user):
    token = token_for(make_user("pro@eval.beta.test", "professional", tenant_b), tenant_b)
    rows = read_csv(api.rest("GET", f"/api/evaluation/indicators.csv{Q1}", tenant=tenant_b, token=token))
    values = {(indicator, dimension): value for indicator, dimension, value in rows[1:]}
    assert values[("contributions.total", "")] == "2"
    assert [d for i, d, _ in rows if i == "unanswered_searches.top"] == ["une recherche de beta"]


# --- operator exports ------------------------------------------------------------------------------


@pytest.fixture
def platform_token(operator, make_user):
    user = make_user("ops@rest-eval.test")
    OperatorMembership.objects.create(user=user, operator=operator)
    return token_for(user, None)


def test_operator_json(api, programme, platform_token):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/operator/evaluation/op-test/{Q1}", token=platform_token)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["operator"] == {"slug": "op-test", "name": "Opérateur test"}
    programmes = {p["slug"]: p["indicators"] for p in data["programmes"]}
    assert list(programmes) == ["alpha", "beta"]
    assert programmes["alpha"]["contributions"]["total"] == 7 and programmes["beta"]["contributions"]["total"] == 2
    assert programmes["alpha"]["commitments"]["overdue"] == 2 and programmes["beta"]["commitments"]["overdue"] == 1
    assert programmes["alpha"]["unanswered_searches"] == {"distinct": 3, "searches": 11, "top": []}
    assert programmes["alpha"]["diagnostics"]["progress"] == []
    assert "mobiliser" not in response.content.decode() and '"A"' not in response.content.decode()


def test_operator_csv(api, programme, platform_token):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/operator/evaluation/op-test/{Q1}&format=csv", token=platform_token)
    rows = read_csv(response)
    assert rows[0] == ["programme", "indicator", "dimension", "value"]
    values = {(p, i, d): v for p, i, d, v in rows[1:]}
    assert values[("alpha", "responses.share", "")] == "0.75" and values[("beta", "responses.share", "")] == "1"
    assert values[("alpha", "contributions.total", "")] == "7" and values[("beta", "contributions.total", "")] == "2"
    assert not any(i == "unanswered_searches.top" for _, i, _, _ in rows)


def test_operator_xlsx_side_by_side(api, programme, platform_token):
    with time_machine.travel(TODAY, tick=False):
        response = api.rest("GET", f"/api/operator/evaluation/op-test/{Q1}&format=xlsx", token=platform_token)
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[-1] == "Programmes"
    sheet = book["Engagements"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["indicator", "Indicateur", "Dimension", "Espace Alpha", "Espace Bêta"]
    overdue = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "commitments.overdue")
    assert overdue[3:] == (2, 1)
    # Phases differ between programmes: a phase alpha has and beta lacks is empty for beta.
    phase_rows = [
        row
        for row in book["Contributions"].iter_rows(min_row=2, values_only=True)
        if row[0] == "contributions.by_phase"
    ]
    assert ("contributions.by_phase", "Contributions par phase", "propositions", 2, None) in phase_rows


@pytest.mark.parametrize("who", ["anonymous", "tenant_admin", "participant", "other_operator"])
def test_operator_export_refused(api, tenant_a, make_user, who):
    token = None
    if who in ("tenant_admin", "participant"):
        token = token_for(make_user(f"{who}@rest-op.alpha.test", who, tenant_a), None)
    elif who == "other_operator":
        other = Operator.objects.create(slug="autre-rest", name="Autre")
        user = make_user("ops@autre-rest.test")
        OperatorMembership.objects.create(user=user, operator=other)
        token = token_for(user, None)
    response = api.rest("GET", "/api/operator/evaluation/op-test/?format=csv", token=token)
    assert response.status_code == (401 if who == "anonymous" else 403)
    assert response.json()["error"]["code"] == ("not_authenticated" if who == "anonymous" else "permission_denied")


def test_a_tenant_token_is_not_a_platform_token(api, tenant_a, make_user, operator):
    user = make_user("ops-tenant-token@eval.test")
    OperatorMembership.objects.create(user=user, operator=operator)
    response = api.rest("GET", "/api/operator/evaluation/op-test/", token=token_for(user, tenant_a))
    assert response.status_code == 401


def test_superuser_and_unknown_operator(api, make_user, phases):
    root = make_user("root@eval.test", is_superuser=True, is_staff=True)
    token = token_for(root, None)
    assert api.rest("GET", "/api/operator/evaluation/op-test/", token=token).status_code == 200
    missing = api.rest("GET", "/api/operator/evaluation/inconnu/", token=token)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad = api.rest("GET", "/api/operator/evaluation/op-test/?format=pdf", token=token)
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "format"
