"""Facilitator: open a diagnostic run, share its code, read its results, in the browser; the
results on the page are the ones GraphQL gives."""

from imedia_core.diagnostics.models import Diagnostic

INSTALL = """
mutation { diagnosticInstallTemplate(key: "demarche-participative-formation") {
  diagnostic { id items { id scale { position } } } errors { code message } } }
"""
PUBLISH = "mutation ($id: ID!) { diagnosticPublish(id: $id) { errors { code message } } }"
ANSWER = """
mutation ($code: String!, $answers: [AnswerInput!]!) {
  diagnosticAnswer(code: $code, answers: $answers) { answeredCount errors { code message } }
}
"""
RESULTS = """
query ($code: String!) {
  diagnosticRunResults(code: $code) {
    participantCount groupWithheld run { title status group { name } } dimensions { dimension { title } respondents }
  }
}
"""


def test_open_a_diagnostic_run_and_read_its_results(space, back_office):
    team = space.person("facilitator")
    installed = space.graphql(INSTALL, as_user=team)["diagnosticInstallTemplate"]
    assert installed["errors"] == []
    diagnostic = installed["diagnostic"]
    assert space.graphql(PUBLISH, {"id": diagnostic["id"]}, as_user=team)["diagnosticPublish"]["errors"] == []
    with space.schema():
        diagnostic_pk = Diagnostic.objects.get(template_key="demarche-participative-formation").pk
    bo, page = back_office, back_office.page

    bo.sign_in(space.admin_url, team)
    bo.open_list("diagnostics", "run")
    bo.click(page.locator(".object-tools a.addlink"))
    page.locator("#id_diagnostic").select_option(str(diagnostic_pk))
    page.locator("#id_group_name").fill("Équipe pédagogique")
    bo.click(page.locator("input[name='_save']"))
    code = page.locator(".field-shown_code .readonly").inner_text().strip()
    assert code, "le code de la passation n'est pas affiché"
    assert any(f"code {code}" in text for text in bo.messages()), bo.messages() or bo.errors()

    # Three people answer with the code, without an account (as the shared link lets them).
    for choice in (1, 2, 3):
        answers = [{"itemId": item["id"], "choice": choice} for item in diagnostic["items"]]
        answered = space.graphql(ANSWER, {"code": code, "answers": answers}, as_user=None)["diagnosticAnswer"]
        assert answered["errors"] == [] and answered["answeredCount"] == len(diagnostic["items"])

    bo.goto(page.url)  # the facilitator reloads the run's page: results below the form
    results_box = page.locator("#run-results")
    assert results_box.count() == 1, "pas de résultats sur la page de la passation"
    assert "3 participant·es ont répondu." in results_box.inner_text()
    shown = results_box.locator("tbody th[scope='row']").all_inner_texts()

    data = space.graphql(RESULTS, {"code": code}, as_user=team)["diagnosticRunResults"]
    assert (data["participantCount"], data["groupWithheld"]) == (3, False)
    assert (data["run"]["status"], data["run"]["group"]["name"]) == ("OPEN", "Équipe pédagogique")
    assert shown == [d["dimension"]["title"] for d in data["dimensions"]]
    assert all(d["respondents"] == 3 for d in data["dimensions"])
