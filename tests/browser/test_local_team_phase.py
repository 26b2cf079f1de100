"""Local team: rename a phase and add a vigilance point, in the browser, checked over GraphQL."""

from imedia_core.cycle.models import Phase

PHASE = """
query ($slug: String!) {
  phase(slug: $slug) { title isCurrent vigilancePoints { title position } }
}
"""


def test_rename_a_phase_and_add_a_vigilance_point(space, back_office):
    team = space.person("facilitator")
    with space.schema():
        phase = Phase.objects.filter(cycle__is_active=True).order_by("position").first()
        points_before = list(phase.items.filter(kind="vigilance").order_by("position").values_list("title", flat=True))
    bo, page = back_office, back_office.page

    bo.sign_in(space.admin_url, team)
    bo.open_list("cycle", "phase")
    bo.click(page.locator("#result_list").get_by_role("link", name=phase.title, exact=True))

    page.locator("#id_title").fill("Repérer les besoins du territoire")
    vigilance = page.locator(".inline-group").filter(has=page.get_by_role("heading", name="Points de vigilance"))
    vigilance.locator(".add-row a").click()
    new_row = vigilance.locator(".inline-related.dynamic-" + vigilance.get_attribute("id").removesuffix("-group")).last
    new_row.locator("input[name$='-title']").fill("Ne pas oublier les personnes sans voiture")
    bo.click(page.locator("input[name='_save']"))

    assert page.locator(".messagelist .success").count() == 1, bo.errors()
    data = space.graphql(PHASE, {"slug": phase.slug}, as_user=team)["phase"]
    assert data["title"] == "Repérer les besoins du territoire"
    assert [p["title"] for p in data["vigilancePoints"]] == [
        *points_before,
        "Ne pas oublier les personnes sans voiture",
    ]
