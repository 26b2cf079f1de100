"""Adapting a practice into one's own resource centre: a draft with lineage; the source sees a
count; withdrawing keeps the copies."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.commons.models import Adaptation
from imedia_core.events.models import OutboxEvent
from imedia_core.library import services as library
from imedia_core.library.models import Resource

from .conftest import ADAPT, LIST, ONE, TEAM, UNPUBLISH, codes, resource_gid

RESOURCE = (
    """query($id: ID!) { resource(id: $id) { id title status provenance lineage { practiceId programme label } } }"""
)


@pytest.fixture
def practice(share, make_resource, tenant_b):
    with schema_context("beta"):
        library.create_theme(TEAM, {"name": "Insertion"})  # beta's own theme of the same name
    resource = make_resource(
        title="Le groupe d'entraide",
        summary="Des allocataires s'entraident chaque semaine.",
        body="<p>Un lieu, un horaire fixe.</p>",
        themes=["insertion", "Santé"],
    )
    return share(
        sourceKind="RESOURCE",
        sourceId=resource_gid(resource),
        whatWorked="La régularité.",
        conditions="Une salle gratuite.",
    )


def test_adapt_makes_a_draft_with_lineage(api, tenant_a, tenant_b, people, practice):
    payload = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practiceAdapt"]
    assert payload["errors"] == [] and payload["alreadyAdapted"] is False
    resource = payload["resource"]
    assert resource["title"] == "Le groupe d'entraide" and resource["status"] == "DRAFT"
    assert resource["provenance"] == "ADAPTED" and resource["licence"] == "CC BY-SA 4.0"
    assert resource["author"] == "Espace Alpha" and "Espace Alpha" in resource["source"]
    assert resource["body"] == (
        "<p>Un lieu, un horaire fixe.</p><h2>Ce qui a fonctionné</h2><p>La régularité.</p>"
        "<h2>Conditions de réussite</h2><p>Une salle gratuite.</p>"
    )
    assert [t["slug"] for t in resource["themes"]] == ["insertion"]  # beta's theme; « Santé » is not created
    lineage = resource["lineage"]
    assert lineage["practiceId"] == practice["id"] and lineage["programme"] == "Espace Alpha"
    assert lineage["label"].startswith("Adaptée de la pratique « Le groupe d'entraide » (Espace Alpha)")
    assert lineage["adaptedAt"]

    # The resource lives in beta's schema; the adaptation in the public schema.
    with schema_context("beta"):
        row = Resource.objects.get(slug=resource["slug"])
        assert row.adapted_from_practice_id == Adaptation.objects.get().practice_id
        assert AuditEntry.objects.filter(action="practice.adapted", target_id=str(row.pk)).count() == 1
        event = OutboxEvent.objects.get(type="practice.adapted")
        assert event.payload["resourceId"] == row.pk and event.payload["practiceId"] == row.adapted_from_practice_id
    with schema_context("alpha"):
        assert not Resource.objects.filter(provenance="adapted").exists()
        assert not OutboxEvent.objects.filter(type="practice.adapted").exists()
    adaptation = Adaptation.objects.get()
    assert adaptation.adopting_tenant == tenant_b and adaptation.resource_id == row.pk

    # Beta sees its adaptation; alpha sees a count, never who adapted it.
    seen_by_beta = api.gql(ONE, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practice"]
    assert seen_by_beta["adaptationCount"] == 1
    assert seen_by_beta["viewerAdaptation"]["resourceId"] == resource["id"]
    seen_by_alpha = api.gql(ONE, {"id": practice["id"]}, tenant=tenant_a, token=people["alpha_staff"])["practice"]
    assert seen_by_alpha["adaptationCount"] == 1 and seen_by_alpha["viewerAdaptation"] is None
    assert "beta" not in str(seen_by_alpha).lower()


def test_adapting_again_returns_the_same_resource(api, tenant_b, people, practice):
    first = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practiceAdapt"]
    again = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_write_key"])["practiceAdapt"]
    assert again["errors"] == [] and again["alreadyAdapted"] is True
    assert again["resource"]["id"] == first["resource"]["id"]
    assert Adaptation.objects.count() == 1
    with schema_context("beta"):
        assert Resource.objects.filter(provenance="adapted").count() == 1
        assert OutboxEvent.objects.filter(type="practice.adapted").count() == 1
        # Deleted since: adapting again makes a new copy, still one adaptation.
        Resource.objects.filter(provenance="adapted").delete()
    third = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practiceAdapt"]
    assert third["alreadyAdapted"] is False and third["resource"]["id"] != first["resource"]["id"]
    assert Adaptation.objects.count() == 1
    assert api.gql(ONE, {"id": practice["id"]}, tenant=tenant_b)["practice"]["adaptationCount"] == 1


def test_adapt_refusals(api, tenant_a, tenant_b, people, practice):
    own = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_a, token=people["alpha_staff"])["practiceAdapt"]
    assert codes(own) == [("id", "OWN_PRACTICE")] and own["resource"] is None
    for who, code in (
        (None, "UNAUTHENTICATED"),
        ("beta_participant", "PERMISSION_DENIED"),
        ("beta_read_key", "PERMISSION_DENIED"),
    ):
        refused = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people.get(who))["practiceAdapt"]
        assert codes(refused) == [(None, code)], who
    # An ID that is not a practice's, or a resource's ID of alpha.
    for bad in ("nope", resource_gid(Resource(pk=1))):
        missing = api.gql(ADAPT, {"id": bad}, tenant=tenant_b, token=people["beta_staff"])["practiceAdapt"]
        assert codes(missing) == [("id", "NOT_FOUND")]
    assert not Adaptation.objects.exists()
    with schema_context("beta"):
        assert not Resource.objects.filter(provenance="adapted").exists()


def test_unpublish_removes_from_the_commons_and_keeps_the_copies(api, tenant_a, tenant_b, people, practice):
    adapted = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practiceAdapt"]

    # Beta may not withdraw alpha's practice.
    refused = api.gql(UNPUBLISH, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])
    assert codes(refused["practiceUnpublish"]) == [("id", "NOT_SOURCE")]
    assert api.gql(LIST, {}, tenant=tenant_b)["practices"]["totalCount"] == 1

    done = api.gql(UNPUBLISH, {"id": practice["id"]}, tenant=tenant_a, token=people["alpha_staff"])["practiceUnpublish"]
    assert done["errors"] == [] and done["practice"]["status"] == "UNPUBLISHED" and done["practice"]["unpublishedAt"]
    again = api.gql(UNPUBLISH, {"id": practice["id"]}, tenant=tenant_a, token=people["alpha_staff"])
    assert codes(again["practiceUnpublish"]) == [("id", "NOT_PUBLISHED")]

    # Gone from the commons for beta (list, search, by ID) and for alpha's readers...
    assert api.gql(LIST, {}, tenant=tenant_b, token=people["beta_staff"])["practices"]["totalCount"] == 0
    assert api.gql(LIST, {"search": "entraide"}, tenant=tenant_b)["practices"]["totalCount"] == 0
    assert api.gql(ONE, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practice"] is None
    assert api.gql(ONE, {"id": practice["id"]}, tenant=tenant_a)["practice"] is None
    # ... while alpha's staff still find it among their own withdrawn practices.
    own = api.gql(LIST, {"filter": {"status": ["UNPUBLISHED"]}}, tenant=tenant_a, token=people["alpha_staff"])
    assert [e["node"]["id"] for e in own["practices"]["edges"]] == [practice["id"]]
    assert (
        api.gql(LIST, {"filter": {"status": ["UNPUBLISHED"]}}, tenant=tenant_b, token=people["beta_staff"])[
            "practices"
        ]["totalCount"]
        == 0
    )

    # Not adaptable any more (not even visible to beta).
    late = api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])["practiceAdapt"]
    assert codes(late) == [("id", "NOT_FOUND")]

    # Beta's copy stays, with its lineage.
    copy = api.gql(RESOURCE, {"id": adapted["resource"]["id"]}, tenant=tenant_b, token=people["beta_staff"])["resource"]
    assert copy["provenance"] == "ADAPTED" and copy["lineage"]["practiceId"] == practice["id"]
    assert copy["lineage"]["label"].startswith("Adaptée de la pratique « Le groupe d'entraide »")

    with schema_context("alpha"):
        assert OutboxEvent.objects.filter(type="practice.unpublished").count() == 1
        assert AuditEntry.objects.filter(action="practice.unpublished").count() == 1
    with schema_context("beta"):
        assert not OutboxEvent.objects.filter(type="practice.unpublished").exists()


def test_a_withdrawn_resource_can_be_shared_again(api, tenant_a, people, practice, share):
    api.gql(UNPUBLISH, {"id": practice["id"]}, tenant=tenant_a, token=people["alpha_staff"])
    source_id = practice["provenance"]["sourceId"]
    again = share(sourceKind="RESOURCE", sourceId=source_id)
    assert again["id"] != practice["id"] and again["status"] == "PUBLISHED"
