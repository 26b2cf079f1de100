"""The space's indicators in the tenant admin (« Évaluation »), and the REST exports and charts
downloaded with the signed-in admin session: same permission as with a bearer token
(``evaluation.read``), 403 for a session without it, 401 still for nobody."""

import csv
import io

import pytest
import time_machine
from openpyxl import load_workbook

from .conftest import EXPECTED, TODAY

PAGE = "/t/alpha/admin/evaluation/indicateurs/"
HOST = {"HTTP_HOST": "testserver"}
Q1 = "?from=2026-01-01&to=2026-03-31"
DOWNLOADS = (
    "/t/alpha/api/evaluation/indicators.csv",
    "/t/alpha/api/evaluation/indicators.xlsx",
    "/t/alpha/api/evaluation/charts/commitments.svg",
)


@pytest.fixture
def staff_client(client, tenant_a, make_user):
    client.force_login(make_user("pro@eval-admin.alpha.test", "professional", tenant_a))
    return client


def test_indicators_page_with_charts_and_download_links(staff_client, programme):
    with time_machine.travel(TODAY, tick=False):
        index = staff_client.get("/t/alpha/admin/", **HOST)
        page = staff_client.get(f"{PAGE}?start=2026-01-01&end=2026-03-31", **HOST)
    assert index.status_code == 200 and PAGE in index.content.decode()
    assert "Évaluation" in index.content.decode()
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('role="img"') == 4  # the four charts, inline and accessible
    assert "Contributions par mois" in body and "Engagements par état" in body
    assert f"<td>{EXPECTED['contributions.total']}</td>" in body
    assert "75 %" in body  # share of proposals answered
    assert "mobiliser les jeunes" in body  # the top unanswered search
    assert 'href="/t/alpha/api/evaluation/indicators.csv?from=2026-01-01&amp;to=2026-03-31"' in body
    assert 'href="/t/alpha/api/evaluation/indicators.xlsx?from=2026-01-01&amp;to=2026-03-31"' in body


def test_a_bad_period_is_shown_on_the_form(staff_client, programme):
    page = staff_client.get(f"{PAGE}?start=2026-03-31&end=2026-01-01", **HOST)
    body = page.content.decode()
    assert page.status_code == 200
    assert "La date de début doit précéder ou égaler la date de fin." in body and 'role="img"' not in body


def test_the_session_downloads_the_exports(staff_client, programme):
    with time_machine.travel(TODAY, tick=False):
        csv_response = staff_client.get(f"{DOWNLOADS[0]}{Q1}", **HOST)
        xlsx_response = staff_client.get(f"{DOWNLOADS[1]}{Q1}", **HOST)
        svg_response = staff_client.get(f"{DOWNLOADS[2]}{Q1}", **HOST)
    assert csv_response.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["contributions.total", "", str(EXPECTED["contributions.total"])] in rows
    assert xlsx_response.status_code == 200
    assert "Réponses" in load_workbook(io.BytesIO(xlsx_response.content)).sheetnames
    assert svg_response.status_code == 200 and svg_response["Content-Type"] == "image/svg+xml; charset=utf-8"


def test_a_session_without_the_permission_is_refused(client, tenant_a, make_user, programme):
    client.force_login(make_user("participant@eval-admin.alpha.test", "participant", tenant_a))
    for path in DOWNLOADS:
        response = client.get(f"{path}{Q1}", **HOST)
        assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    # The admin page itself is out of reach (the admin sends them to its sign-in page).
    assert client.get(PAGE, **HOST).status_code == 302


def test_anonymous_downloads_still_answer_401(client, programme):
    for path in DOWNLOADS:
        response = client.get(f"{path}{Q1}", **HOST)
        assert response.status_code == 401 and response["WWW-Authenticate"] == 'Bearer realm="imedia"'
    assert "/login/" in client.get(PAGE, **HOST)["Location"]


def test_a_session_of_another_space_is_refused(client, tenant_b, make_user, programme):
    client.force_login(make_user("pro@eval-admin.beta.test", "professional", tenant_b))
    assert client.get(f"{DOWNLOADS[0]}{Q1}", **HOST).status_code == 403


def test_a_bad_bearer_token_is_not_rescued_by_the_session(staff_client, programme):
    response = staff_client.get(f"{DOWNLOADS[0]}{Q1}", HTTP_AUTHORIZATION="Bearer imt_faux", **HOST)
    assert response.status_code == 401
