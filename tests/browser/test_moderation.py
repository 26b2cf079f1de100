"""Facilitator: reject a contribution with a reason, in the browser, checked over GraphQL."""

SUBMIT = """
mutation ($input: ContributionSubmitInput!) {
  contributionSubmit(input: $input) { contribution { id status } errors { field code message } }
}
"""
CONTRIBUTION = """
query ($id: ID!) { contribution(id: $id) { title status moderationReason history { toStatus reason } } }
"""
REASON = "Propos injurieux envers une personne nommée."


def test_reject_a_contribution_with_a_reason(space, back_office):
    author = space.person("participant")
    team = space.person("facilitator")
    submitted = space.graphql(
        SUBMIT,
        {"input": {"kind": "PROPOSAL", "title": "Fermer le centre le samedi", "body": "Texte à modérer."}},
        as_user=author,
    )["contributionSubmit"]
    assert submitted["errors"] == []
    contribution_id = submitted["contribution"]["id"]
    bo, page = back_office, back_office.page

    bo.sign_in(space.admin_url, team)
    bo.open_list("participation", "contribution")
    row = page.locator("#result_list tbody tr").filter(has_text="Fermer le centre le samedi")
    row.locator("input.action-select").check()
    page.locator("select[name='action']").select_option("reject")
    bo.click(page.locator("#changelist-form button[name='index']"))

    # The confirmation page asks for the reason: the browser refuses to confirm without one.
    bo.click(page.locator("input[name='apply']"), expect_navigation=False)
    assert page.locator("#id_reason").evaluate("field => field.validity.valueMissing")
    assert space.graphql(CONTRIBUTION, {"id": contribution_id}, as_user=team)["contribution"]["status"] != "REJECTED"
    page.locator("#id_reason").fill(REASON)
    bo.click(page.locator("input[name='apply']"))

    assert page.locator(".messagelist .success").count() == 1, bo.errors()
    for viewer in (team, author):  # the reason is the author's to read too
        data = space.graphql(CONTRIBUTION, {"id": contribution_id}, as_user=viewer)["contribution"]
        assert (data["status"], data["moderationReason"]) == ("REJECTED", REASON)
        assert data["history"][-1] == {"toStatus": "rejected", "reason": REASON}
