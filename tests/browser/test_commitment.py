"""Decision-maker: create a commitment linked to a contribution, then mark it done with a dated
step, in the browser; checked over GraphQL as the public."""

from imedia_core.participation.models import Contribution

SUBMIT = """
mutation ($input: ContributionSubmitInput!) {
  contributionSubmit(input: $input) { contribution { id } errors { code message } }
}
"""
APPROVE = """
mutation ($id: ID!) { contributionModerate(id: $id, action: APPROVE) { errors { code message } } }
"""
COMMITMENTS = """
query ($id: ID!) {
  contribution(id: $id) {
    commitments { title ownerLabel dueDate status progress closedAt updates { text status progress } }
  }
}
"""


def test_create_a_commitment_and_mark_it_done(space, back_office):
    author = space.person("participant")
    team = space.person("facilitator")
    decider = space.person("decision_maker")
    made = space.graphql(
        SUBMIT,
        {"input": {"kind": "PROPOSAL", "title": "Des bancs au parc", "body": "Pour se reposer."}},
        as_user=author,
    )["contributionSubmit"]
    assert made["errors"] == []
    contribution_id = made["contribution"]["id"]
    assert space.graphql(APPROVE, {"id": contribution_id}, as_user=team)["contributionModerate"]["errors"] == []
    with space.schema():
        pk = Contribution.objects.get(title="Des bancs au parc").pk
    bo, page = back_office, back_office.page

    bo.sign_in(space.admin_url, decider)
    bo.open_list("feedback", "commitment")
    bo.click(page.locator(".object-tools a.addlink"))
    page.locator("#id_title").fill("Installer six bancs au parc")
    page.locator("#id_owner_label").fill("Service des espaces verts")
    page.locator("#id_due_date").fill("30/06/2027")
    page.locator("#id_description").fill("Six bancs le long de l'allée principale.")
    page.locator("#id_contributions").select_option(str(pk))
    bo.click(page.locator("input[name='_continue']"))
    assert page.locator(".messagelist .success").count() == 1, bo.errors()

    bo.click(page.locator(".object-tools").get_by_role("link", name="Ajouter une étape"))
    page.locator("#id_text").fill("Les six bancs sont posés.")
    page.locator("#id_progress").fill("100")
    page.locator("#id_status").select_option("done")
    bo.click(page.locator(".submit-row input[type='submit']"))
    assert page.locator(".messagelist .success").count() == 1, bo.errors()
    assert page.locator("#commitment-timeline").get_by_text("Les six bancs sont posés.").count() == 1

    commitments = space.graphql(COMMITMENTS, {"id": contribution_id}, as_user=None)["contribution"]["commitments"]
    assert len(commitments) == 1
    commitment = commitments[0]
    assert (commitment["title"], commitment["ownerLabel"], commitment["dueDate"]) == (
        "Installer six bancs au parc",
        "Service des espaces verts",
        "2027-06-30",
    )
    assert (commitment["status"], commitment["progress"]) == ("DONE", 100)
    assert commitment["closedAt"] is not None
    assert commitment["updates"][-1] == {"text": "Les six bancs sont posés.", "status": "DONE", "progress": 100}
