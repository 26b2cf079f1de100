"""The right of access: ``myData`` gathers the signed-in person's data from every space they
reached, as JSON and as a French summary, at a cost that does not grow with their rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.participation.contributions import submit_contribution

from .conftest import EMAIL, NAME

MY_DATA = """{ myData {
  platform { key count }
  spaces { slug name sections { key title count } }
  data
  summaryHtml
} }"""


def test_a_person_downloads_what_every_space_holds_about_them(api, tenant_a, traces):
    data = api.gql(MY_DATA, tenant=tenant_a, token=traces["token"])["myData"]
    spaces = {space["slug"]: {s["key"]: s["count"] for s in space["sections"]} for space in data["spaces"]}
    assert set(spaces) == {"alpha", "beta"}
    for counts in spaces.values():
        assert counts["contributions"] == 1 and counts["soutiens"] == 1 and counts["signalements"] == 1
        assert counts["commentaires"] == 1 and counts["abonnements"] >= 1
    export = data["data"]
    assert export["person"]["email"] == EMAIL and export["person"]["displayName"] == NAME
    beta = next(space for space in export["spaces"] if space["slug"] == "beta")
    assert [row["title"] for row in beta["sections"]["contributions"]["rows"]] == ["Proposition d'Awa (beta)"]
    assert "password" not in str(export["platform"]["compte"]["rows"][0])
    # Léa's contributions are hers, not in Awa's export.
    assert "Constat de Léa" not in str(export["spaces"])
    summary = data["summaryHtml"]
    assert "Vos données personnelles" in summary and "Espace « Espace Bêta »" in summary
    assert "Proposition d&#x27;Awa (alpha)" in summary or "Proposition d'Awa (alpha)" in summary


def test_anonymous_callers_get_nothing(api, tenant_a, traces):
    assert api.gql(MY_DATA, tenant=tenant_a)["myData"] is None


def _queries(api, tenant, token) -> int:
    with CaptureQueriesContext(connection) as queries:
        api.gql(MY_DATA, tenant=tenant, token=token)
    return len(queries)


def test_the_cost_does_not_grow_with_the_rows(api, tenant_a, traces):
    _queries(api, tenant_a, traces["token"])  # warm: token use marked, caches filled
    few = _queries(api, tenant_a, traces["token"])
    with schema_context("alpha"):
        author = ServiceContext.for_user(traces["awa"], tenant_a, Channel.GRAPHQL)
        for n in range(15):
            submit_contribution(author, {"kind": "question", "title": f"Question {n}", "body": f"Texte {n}"})
    many = _queries(api, tenant_a, traces["token"])
    assert many == few


def test_only_the_spaces_a_person_reached_are_visited_even_after_they_left(api, tenant_a, tenant_b, make_user):
    from tenants.models import Membership
    from tests.auth.helpers import token_for

    sam = make_user("sam@privacy.test", "participant", tenant_a, display_name="Sam")
    token = token_for(sam, tenant_a)
    query = "{ myData { spaces { slug } } }"
    assert api.gql(query, tenant=tenant_a, token=token)["myData"]["spaces"] == [{"slug": "alpha"}]
    Membership.objects.create(user=sam, tenant=tenant_b, role="participant")
    Membership.objects.filter(user=sam, tenant=tenant_b).delete()  # a former member of beta
    slugs = [space["slug"] for space in api.gql(query, tenant=tenant_a, token=token)["myData"]["spaces"]]
    assert slugs == ["alpha", "beta"]
