"""Results over GraphQL and REST: who sees what, the SVG radar (well-formed, accessible), the
CSV export (readable by the csv module), and isolation between programmes."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django_tenants.utils import schema_context

from imedia_core.diagnostics import services
from imedia_core.diagnostics.models import Run
from tenants.models import Tenant
from tests.auth.helpers import token_for

from .conftest import CURRENT, SYSTEM, answer, make_diagnostic

RESULTS = """query($id: ID, $code: String, $token: String) {
  diagnosticRunResults(id: $id, code: $code, participantToken: $token) {
    run { title }
    scorer { key label } scorerFallback participantCount answerCount missingAnswers overallScore overallLevel { label }
    dimensions { dimension { slug phase { slug } } score spread respondents missingAnswers agreement level { label minScore } }
    members { label number isViewer answeredCount missingItems { text } scores { score answered missing } }
    disagreements(limit: 2) { item { text } spread mean respondents agreement distribution { label count } }
    weakest { dimension { slug } }
    recommendations { dimension { dimension { slug } } phase { slug } resources { title } methods { title } }
    previousRun { title heldOn participantCount overall }
    comparison { dimension { slug } previous current delta }
    history { title isCurrent scores { score } }
  }
}"""
SVG_NS = "{http://www.w3.org/2000/svg}"


def results(api, scored, bearer=None, **variables):
    return api.gql(RESULTS, variables, tenant=scored_tenant(api), token=bearer)["diagnosticRunResults"]


def scored_tenant(api):
    return Tenant.objects.get(schema_name="alpha")


def run_id(scored, name="current"):
    return scored.gid("DiagnosticRun", scored.runs[name].pk)


def test_staff_see_every_member(api, scored, staff):
    data = results(api, scored, staff, id=run_id(scored))
    assert data["run"]["title"] == "Juin"
    assert data["scorer"] == {"key": "weighted_mean", "label": "Moyenne pondérée"} and data["scorerFallback"] is False
    assert (data["participantCount"], data["answerCount"], data["missingAnswers"]) == (3, 9, 3)
    assert data["overallScore"] == pytest.approx(79.1667, abs=1e-3) and data["overallLevel"] == {"label": "Acquis"}
    a, b = data["dimensions"]
    assert (a["dimension"]["slug"], a["dimension"]["phase"]["slug"]) == ("a", "mobiliser")
    assert a["score"] == pytest.approx(66.6667, abs=1e-3) and a["spread"] == pytest.approx(23.5702, abs=1e-3)
    assert (a["agreement"], a["level"]) == ("MODERATE", {"label": "En cours", "minScore": 40.0})
    assert (b["agreement"], b["respondents"], b["missingAnswers"]) == ("STRONG", 2, 3)
    assert [m["label"] for m in data["members"]] == ["Participant·e 1", "Participant·e 2", "Participant·e 3"]
    assert not any(m["isViewer"] for m in data["members"])
    assert data["members"][2]["scores"] == [
        {"score": 100.0, "answered": 2, "missing": 0},
        {"score": None, "answered": 0, "missing": 2},
    ]
    assert [d["item"]["text"] for d in data["disagreements"]] == ["a1", "a2"]
    assert data["disagreements"][0]["agreement"] == "WEAK"
    assert [(o["label"], o["count"]) for o in data["disagreements"][0]["distribution"]] == [
        ("Pas du tout", 1),
        ("Un peu", 0),
        ("Plutôt", 0),
        ("Tout à fait", 2),
    ]
    assert [w["dimension"]["slug"] for w in data["weakest"]] == ["a", "b"]
    rec = data["recommendations"][0]
    assert rec["phase"]["slug"] == "mobiliser" and rec["methods"] == [{"title": "Porte-à-porte"}]
    assert [r["title"] for r in rec["resources"]] == ["Guide publié", "Outil en brouillon"]  # staff see drafts
    assert data["previousRun"]["title"] == "Janvier" and data["previousRun"]["participantCount"] == 2
    assert data["previousRun"]["overall"] == pytest.approx(6.25)
    assert [round(c["delta"], 3) for c in data["comparison"]] == [54.167, 91.667]
    assert [(h["title"], h["isCurrent"]) for h in data["history"]] == [("Janvier", False), ("Juin", True)]


def test_participants_see_their_own_row_and_the_group(api, scored):
    signed_in = results(api, scored, scored.tokens["member"], id=run_id(scored))
    assert [(m["label"], m["isViewer"]) for m in signed_in["members"]] == [("Participant·e 1", True)]
    assert len(signed_in["dimensions"]) == 2 and signed_in["participantCount"] == 3
    rec = signed_in["recommendations"][0]
    assert [r["title"] for r in rec["resources"]] == ["Guide publié"]  # readers: published only
    anonymous = results(api, scored, code=scored.runs["current"].code, token=scored.tokens["p3"])
    assert [(m["number"], m["isViewer"]) for m in anonymous["members"]] == [(3, True)]
    assert [i["text"] for i in anonymous["members"][0]["missingItems"]] == ["b1", "b2"]
    # The token of another run's participant, a wrong token, no token, another person: nothing.
    assert results(api, scored, code=scored.runs["current"].code, token="imp_faux") is None
    assert results(api, scored, code=scored.runs["current"].code) is None
    assert results(api, scored, id=run_id(scored)) is None
    assert results(api, scored, scored.tokens["member"], id=run_id(scored, "previous")) is None


def test_other_people_see_nothing(api, scored, tenant_a, make_user):
    stranger = token_for(make_user("autre@alpha.test", "participant", tenant_a), tenant_a)
    assert results(api, scored, stranger, id=run_id(scored)) is None
    assert api.gql(
        "query($id: ID!) { diagnosticRun(id: $id) { title } }", {"id": run_id(scored)}, tenant=tenant_a, token=stranger
    ) == {"diagnosticRun": None}
    for path in ("radar.svg", "results.csv"):
        response = api.rest(
            "get", f"/api/diagnostics/runs/{scored.runs['current'].pk}/{path}", tenant=tenant_a, token=stranger
        )
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_radar_svg(api, scored, staff, tenant_a):
    run = scored.runs["current"]
    url = api.gql(
        "query($id: ID!) { diagnosticRun(id: $id) { radarUrl resultsCsvUrl } }",
        {"id": run_id(scored)},
        tenant=tenant_a,
        token=staff,
    )
    assert url["diagnosticRun"]["radarUrl"].endswith(f"/api/diagnostics/runs/{run.pk}/radar.svg")
    response = api.rest(
        "get", f"/api/diagnostics/runs/{run.pk}/radar.svg?compare=previous", tenant=tenant_a, token=staff
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    assert response["Cache-Control"] == "private, no-store"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG_NS}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "radar-title radar-desc"
    title = root.find(f"{SVG_NS}title").text
    desc = root.find(f"{SVG_NS}desc").text
    assert "Groupe des Lilas" in title and "15/06/2025" in title
    assert "Dimension A : 66,7 sur 100 (En cours), Janvier (15/01/2025) : 12,5" in desc
    assert "Dimension B : 91,7 sur 100 (Acquis)" in desc and "3 participant·es" in desc
    assert len(root.findall(f".//{SVG_NS}polygon")) == 4 + 2  # grid rings, then the two runs
    # By explicit ID, and by an anonymous participant's token (header or query parameter).
    previous = scored.runs["previous"].pk
    explicit = api.rest(
        "get", f"/api/diagnostics/runs/{run.pk}/radar.svg?compare={previous}", tenant=tenant_a, token=staff
    )
    assert ET.fromstring(explicit.content).find(f"{SVG_NS}desc").text == desc
    header = api.rest(
        "get",
        f"/api/diagnostics/runs/{run.pk}/radar.svg",
        tenant=tenant_a,
        headers={"HTTP_X_IMEDIA_PARTICIPANT": scored.tokens["p2"]},
    )
    assert header.status_code == 200 and "Janvier" not in ET.fromstring(header.content).find(f"{SVG_NS}desc").text
    query = api.rest(
        "get", f"/api/diagnostics/runs/{run.pk}/radar.svg?participant_token={scored.tokens['p2']}", tenant=tenant_a
    )
    assert query.status_code == 200
    bad = api.rest("get", f"/api/diagnostics/runs/{run.pk}/radar.svg?compare={run.pk}", tenant=tenant_a, token=staff)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_compare"


def test_radar_escapes_text(api, scored, staff, tenant_a):
    with schema_context("alpha"):
        dimension = scored.diagnostic.dimensions.get(slug="a")
        dimension.title = 'Écoute & "confiance" <vraiment>'
        dimension.save()
    response = api.rest(
        "get", f"/api/diagnostics/runs/{scored.runs['current'].pk}/radar.svg", tenant=tenant_a, token=staff
    )
    root = ET.fromstring(response.content)
    assert 'Écoute & "confiance" <vraiment> : 66,7' in root.find(f"{SVG_NS}desc").text
    assert b"&lt;vraiment&gt;" in response.content


def test_csv_export(api, scored, staff, tenant_a):
    run = scored.runs["current"]
    response = api.rest("get", f"/api/diagnostics/runs/{run.pk}/results.csv", tenant=tenant_a, token=staff)
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="autodiagnostic-{run.pk}-2025-06-15.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    members = [r for r in rows if r["Ligne"] == "membre"]
    group = [r for r in rows if r["Ligne"] == "groupe"]
    assert len(members) == 3 * 2 and len(group) == 2
    assert {r["Participant·e"] for r in members} == {"Participant·e 1", "Participant·e 2", "Participant·e 3"}
    assert "membre@alpha.test" not in response.content.decode("utf-8-sig")
    assert members[0] | {} == {
        "Ligne": "membre",
        "Participant·e": "Participant·e 1",
        "Dimension": "Dimension A",
        "Score (sur 100)": "50,0",
        "Niveau de maturité": "En cours",
        "Items répondus": "2",
        "Items sans réponse": "0",
        "Répondant·es": "",
        "Écart-type": "",
    }
    assert [(r["Dimension"], r["Score (sur 100)"], r["Écart-type"], r["Répondant·es"]) for r in group] == [
        ("Dimension A", "66,7", "23,6", "3"),
        ("Dimension B", "91,7", "8,3", "2"),
    ]
    p3_b = next(r for r in members if r["Participant·e"] == "Participant·e 3" and r["Dimension"] == "Dimension B")
    assert (p3_b["Score (sur 100)"], p3_b["Items sans réponse"]) == ("", "2")
    # The standard dialect, for programs.
    standard = api.rest(
        "get", f"/api/diagnostics/runs/{run.pk}/results.csv?dialect=standard", tenant=tenant_a, token=staff
    )
    assert not standard.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(standard.content.decode())))
    assert rows[-2][2:4] == ["Dimension A", "66.7"]
    bad = api.rest("get", f"/api/diagnostics/runs/{run.pk}/results.csv?dialect=tsv", tenant=tenant_a, token=staff)
    assert bad.status_code == 400
    # A participant's export holds their own rows and the group's.
    own = api.rest("get", f"/api/diagnostics/runs/{run.pk}/results.csv", tenant=tenant_a, token=scored.tokens["member"])
    rows = list(csv.DictReader(io.StringIO(own.content.decode("utf-8-sig")), delimiter=";"))
    assert {r["Participant·e"] for r in rows} == {"Participant·e 1", "Groupe"}


def test_isolation_between_programmes(api, scored, tenant_b, make_user):
    """A run of alpha is unreachable from beta: by global ID, by code, by list, by mutation, by REST."""
    beta_staff = token_for(make_user("animation@beta.test", "facilitator", tenant_b), tenant_b)
    alpha_run = run_id(scored)
    code = scored.runs["current"].code
    assert api.gql(RESULTS, {"id": alpha_run}, tenant=tenant_b, token=beta_staff)["diagnosticRunResults"] is None
    assert (
        api.gql(RESULTS, {"code": code, "token": scored.tokens["p2"]}, tenant=tenant_b)["diagnosticRunResults"] is None
    )
    assert api.gql(
        "query($id: ID!) { diagnosticRun(id: $id) { title } }", {"id": alpha_run}, tenant=tenant_b, token=beta_staff
    ) == {"diagnosticRun": None}
    assert api.gql("query($c: String!) { diagnosticInvitation(code: $c) { title } }", {"c": code}, tenant=tenant_b) == {
        "diagnosticInvitation": None
    }
    assert api.gql(
        "{ diagnosticRuns { totalCount } diagnostics { totalCount } }", tenant=tenant_b, token=beta_staff
    ) == {
        "diagnosticRuns": {"totalCount": 0},
        "diagnostics": {"totalCount": 0},
    }
    closed = api.gql(
        "mutation($id: ID!) { diagnosticRunClose(id: $id) { errors { code } } }",
        {"id": alpha_run},
        tenant=tenant_b,
        token=beta_staff,
    )
    assert closed["diagnosticRunClose"]["errors"] == [{"code": "NOT_FOUND"}]
    answered = api.gql(
        "mutation($c: String!, $i: ID!) { diagnosticAnswer(code: $c, answers: [{itemId: $i, choice: 1}]) { errors { code } } }",
        {"c": code, "i": scored.gid("DiagnosticItem", scored.items["a1"].pk)},
        tenant=tenant_b,
    )
    assert answered["diagnosticAnswer"]["errors"] == [{"code": "NOT_FOUND"}]  # alpha's item ID names nothing here
    with schema_context("beta"):
        make_diagnostic("beta")  # beta has diagnostics of its own, but no run with alpha's number
        assert not Run.objects.filter(pk=scored.runs["current"].pk).exists()
    for path in ("radar.svg", "results.csv"):
        response = api.rest(
            "get", f"/api/diagnostics/runs/{scored.runs['current'].pk}/{path}", tenant=tenant_b, token=beta_staff
        )
        assert response.status_code == 404
        # alpha's credentials are refused at beta.
        response = api.rest(
            "get",
            f"/api/diagnostics/runs/{scored.runs['current'].pk}/{path}",
            tenant=tenant_b,
            token=scored.tokens["member"],
        )
        assert response.status_code == 401
    with schema_context("alpha"):
        assert Run.objects.get(pk=scored.runs["current"].pk).status == "open"


def test_csv_neutralises_formulas_in_titles(api, scored, staff, tenant_a):
    with schema_context("alpha"):
        dimension = scored.diagnostic.dimensions.get(slug="a")
        dimension.title = '=HYPERLINK("http://exemple.invalid","Cliquez")'
        dimension.save()
    run = scored.runs["current"]
    response = api.rest("get", f"/api/diagnostics/runs/{run.pk}/results.csv", tenant=tenant_a, token=staff)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    titles = {r["Dimension"] for r in rows}
    assert "'" + dimension.title in titles and dimension.title not in titles


def test_a_participant_sees_group_figures_only_from_three_respondents(api, tenant_a, staff):
    diagnostic, _, items = make_diagnostic()
    with schema_context("alpha"):
        run = services.open_run(SYSTEM, diagnostic, group_name="Petit groupe", title="Séance", held_on=None)
        tokens = [answer(run.code, items, CURRENT[name])[1] for name in ("p1", "p2")]
    mine = results(api, None, code=run.code, token=tokens[0])
    assert mine["participantCount"] == 2
    # Two respondents: the group's means would give away the other person's answers.
    assert [(d["score"], d["spread"], d["level"]) for d in mine["dimensions"]] == [(None, None, None)] * 2
    assert mine["disagreements"] == [] and mine["overallScore"] is None
    assert [m["isViewer"] for m in mine["members"]] == [True]  # their own row stays
    assert mine["members"][0]["scores"][0]["score"] == 50.0
    withheld = api.gql(
        "query($c: String!, $t: String) { diagnosticRunResults(code: $c, participantToken: $t) { groupWithheld } }",
        {"c": run.code, "t": tokens[0]},
        tenant=tenant_a,
    )["diagnosticRunResults"]
    assert withheld == {"groupWithheld": True}
    svg = api.rest(
        "get",
        f"/api/diagnostics/runs/{run.pk}/radar.svg",
        tenant=tenant_a,
        headers={"HTTP_X_IMEDIA_PARTICIPANT": tokens[0]},
    )
    root = ET.fromstring(svg.content)
    assert "à partir de 3 participant·es" in root.find(f"{SVG_NS}desc").text
    assert len(root.findall(f".//{SVG_NS}polygon")) == 4  # the grid rings only: no group shape
    # Staff always see the group's figures.
    staff_view = results(api, None, staff, code=run.code)
    assert staff_view["dimensions"][0]["score"] == 50.0
    # A third respondent: now the participant sees them too.
    with schema_context("alpha"):
        answer(run.code, items, CURRENT["p3"])
    assert results(api, None, code=run.code, token=tokens[0])["dimensions"][0]["score"] is not None


def test_a_participant_compares_only_with_runs_they_could_read(api, scored, staff, tenant_a):
    """The earlier run had two respondents: staff compare with its group scores; a participant,
    naming it by ID as by ``previous``, gets them withheld, as the run's own results do."""
    run, previous = scored.runs["current"], scored.runs["previous"]

    def compared(wanted, **who):
        response = api.rest("get", f"/api/diagnostics/runs/{run.pk}/radar.svg?compare={wanted}", tenant=tenant_a, **who)
        assert response.status_code == 200
        return ET.fromstring(response.content).find(f"{SVG_NS}desc").text

    assert "Janvier (15/01/2025) : 12,5" in compared(previous.pk, token=staff)
    participant = {"headers": {"HTTP_X_IMEDIA_PARTICIPANT": scored.tokens["p2"]}}
    for wanted in (previous.pk, "previous"):
        desc = compared(wanted, **participant)
        assert "Janvier (15/01/2025) : —" in desc and "12,5" not in desc
