"""The commons examples of graphql/examples/ run over HTTP with their documented variables."""

from imedia_core.commons.models import Practice
from tests.api.test_examples_run import documented_variables, read


def test_commons_examples_run(api, tenant_a, tenant_b, people):
    shared = api.gql(
        read("commons-share.graphql"),
        documented_variables("commons-share.graphql"),
        tenant=tenant_a,
        token=people["alpha_staff"],
    )["practiceShare"]
    assert shared["errors"] == [] and shared["scrubbedCount"] == 0
    practice = shared["practice"]
    assert (practice["title"], practice["status"], practice["licence"]) == (
        "Un café des parents",
        "PUBLISHED",
        "CC_BY_SA_4",
    )

    variables = documented_variables("commons-search.graphql")
    variables["search"] = "parents"
    found = api.gql(read("commons-search.graphql"), variables, tenant=tenant_b, token=people["beta_staff"])["practices"]
    assert found["totalCount"] == 0  # the documented filters ask for SOCIAL_INCLUSION and « Insertion »
    found = api.gql(read("commons-search.graphql"), {"search": "parent"}, tenant=tenant_b, token=people["beta_staff"])[
        "practices"
    ]
    assert [e["node"]["id"] for e in found["edges"]] == [practice["id"]]
    assert found["edges"][0]["node"]["highlight"]["title"] == "Un café des <mark>parents</mark>"

    adapt = read("commons-adapt.graphql")
    assert documented_variables("commons-adapt.graphql")["id"].startswith("UHJhY3RpY2U6cHVibGljO")  # "Practice:public:"
    adapted = api.gql(adapt, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practiceAdapt"]
    assert adapted["errors"] == [] and adapted["alreadyAdapted"] is False
    assert adapted["resource"]["lineage"]["practiceId"] == practice["id"]
    assert adapted["resource"]["lineage"]["programme"] == "Espace Alpha"
    assert Practice.objects.get().adaptations.count() == 1
