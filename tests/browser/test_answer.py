"""Professional: answer a contribution (decision, text, published), checked over GraphQL as the public."""

from imedia_core.participation.models import Contribution

SUBMIT = """
mutation ($input: ContributionSubmitInput!) {
  contributionSubmit(input: $input) { contribution { id } errors { code message } }
}
"""
APPROVE = """
mutation ($id: ID!) { contributionModerate(id: $id, action: APPROVE) { errors { code message } } }
"""
RESPONSES = """
query ($id: ID!) {
  contribution(id: $id) { status responses { decision text status responderLabel capacity } }
}
"""
ANSWER = "La navette du samedi sera testée de mars à juin."


def test_answer_a_contribution(space, back_office):
    author = space.person("participant")
    team = space.person("facilitator")
    responder = space.person("professional")
    made = space.graphql(
        SUBMIT,
        {"input": {"kind": "PROPOSAL", "title": "Une navette le samedi", "body": "Pour aller au centre."}},
        as_user=author,
    )["contributionSubmit"]
    assert made["errors"] == []
    contribution_id = made["contribution"]["id"]
    assert space.graphql(APPROVE, {"id": contribution_id}, as_user=team)["contributionModerate"]["errors"] == []
    with space.schema():
        pk = Contribution.objects.get(title="Une navette le samedi").pk
    bo, page = back_office, back_office.page

    bo.sign_in(space.admin_url, responder)
    bo.open_list("feedback", "response")
    bo.click(page.locator(".object-tools a.addlink"))
    page.locator("#id_contribution").select_option(str(pk))
    page.locator("#id_decision").select_option("accepted")
    page.locator("#id_text").fill(ANSWER)
    page.locator("#id_capacity").fill("Chargée de mission mobilité")
    page.locator("#id_publish").check()
    bo.click(page.locator("input[name='_save']"))

    assert page.locator(".messagelist .success").count() == 1, bo.errors()
    data = space.graphql(RESPONSES, {"id": contribution_id}, as_user=None)["contribution"]
    assert data["status"] == "PUBLISHED"
    assert len(data["responses"]) == 1
    response = data["responses"][0]
    assert (response["decision"], response["status"], response["capacity"]) == (
        "ACCEPTED",
        "PUBLISHED",
        "Chargée de mission mobilité",
    )
    assert ANSWER in response["text"]
