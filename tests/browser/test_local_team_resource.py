"""Local team: publish a resource with a file, in the browser, checked over GraphQL (public view)."""

RESOURCE = """
query ($slug: String!) {
  resource(slug: $slug) { title kind status isVisible summary files { name contentType size } }
}
"""
# The smallest PDF the upload check recognises by its content (not by its name).
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_publish_a_resource_with_a_file(space, back_office):
    team = space.person("facilitator")
    bo, page = back_office, back_office.page

    bo.sign_in(space.admin_url, team)
    bo.open_list("library", "resource")
    bo.click(page.locator(".object-tools a.addlink"))

    page.locator("#id_kind").select_option("guide")
    page.locator("#id_title").fill("Guide de l'accueil sans rendez-vous")
    page.locator("#id_summary").fill("Comment accueillir une personne qui arrive sans rendez-vous.")
    page.locator("#id_upload").set_input_files({"name": "accueil.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.locator("#id_status").select_option("published")
    bo.click(page.locator("input[name='_save']"))

    assert page.locator(".messagelist .success").count() == 1, bo.errors()
    assert page.locator("#result_list").get_by_role("link", name="Guide de l'accueil sans rendez-vous").count() == 1
    data = space.graphql(RESOURCE, {"slug": "guide-de-laccueil-sans-rendez-vous"}, as_user=None)["resource"]
    assert data is not None, "la ressource publiée n'est pas visible du public"
    assert (data["title"], data["kind"], data["status"], data["isVisible"]) == (
        "Guide de l'accueil sans rendez-vous",
        "GUIDE",
        "PUBLISHED",
        True,
    )
    assert data["files"] == [{"name": "accueil.pdf", "contentType": "application/pdf", "size": len(PDF)}]
