"""Sharing a practice: from a published resource, a commitment that was done, or a written
initiative; with consent, personal data removed, a licence; refusals change nothing."""

import pytest
from django_tenants.utils import schema_context
from graphql_relay import to_global_id

from imedia_core.audit.models import AuditEntry
from imedia_core.commons.models import Practice
from imedia_core.events.models import OutboxEvent
from imedia_core.feedback.models import Commitment
from imedia_core.library import services as library

from .conftest import SHARE, TEAM, codes, resource_gid, share_input


def test_share_a_published_resource_takes_a_snapshot_with_provenance(api, tenant_a, people, make_resource, share):
    resource = make_resource(
        title="Défrayer les participants",
        summary="Rembourser les frais de transport des personnes qui participent.",
        body="<p>Prévoir un <strong>budget</strong> dès le départ.</p>",
        themes=["Insertion", "Mobilité"],
    )
    practice = share(
        sourceKind="RESOURCE",
        sourceId=resource_gid(resource),
        whatWorked="Les participants sont venus plus nombreux.",
        conditions="Un budget voté en amont.",
    )
    assert practice["title"] == "Défrayer les participants"
    assert practice["summary"].startswith("Rembourser les frais")
    assert practice["body"] == "<p>Prévoir un <strong>budget</strong> dès le départ.</p>"
    assert practice["whatWorked"] == "Les participants sont venus plus nombreux."
    assert practice["themes"] == ["Insertion", "Mobilité"]
    assert (practice["licence"], practice["sourceKind"], practice["status"]) == ("CC_BY_SA_4", "RESOURCE", "PUBLISHED")
    assert practice["provenance"] == {
        "programme": "Espace Alpha",
        "territory": "",
        "policyArea": "SOCIAL_INCLUSION",
        "sourceKind": "RESOURCE",
        "sourceId": resource_gid(resource),  # the source programme's staff see the source
    }
    assert practice["consent"]["personalDataRemoved"] is True
    assert practice["consent"]["givenBy"] == "Participant·e"  # a display name, never the e-mail (person_label)
    assert practice["isOwn"] is True and practice["adaptationCount"] == 0

    # A snapshot: changing the resource later changes nothing in the commons.
    with schema_context("alpha"):
        library.update_resource(TEAM, resource, {"title": "Autre titre"})
    row = Practice.objects.get()
    assert row.title == "Défrayer les participants" and row.source_id == resource.pk
    assert row.source_tenant == tenant_a and row.consent_given and row.shared_at is not None

    # Audit entry and event in the source programme's schema.
    with schema_context("alpha"):
        assert AuditEntry.objects.filter(action="practice.shared", target_id=str(row.pk)).count() == 1
        event = OutboxEvent.objects.get(type="practice.shared")
        assert event.payload["id"] == row.pk and event.payload["sourceKind"] == "resource"
        assert event.subject_type == "Practice"
    with schema_context("beta"):
        assert not OutboxEvent.objects.filter(type="practice.shared").exists()


def test_share_an_initiative_with_its_own_text_and_licence(share):
    practice = share(
        title="Un café des parents",
        summary="Un temps convivial chaque mois.",
        body='<p>Inviter par les écoles.</p><script>alert("x")</script>',
        themes=["Parentalité", " parentalite ", "Lien social"],
        phases=["Mobiliser"],
        licence="ETALAB_2",
    )
    assert practice["body"] == "<p>Inviter par les écoles.</p>"
    assert practice["themes"] == ["Parentalité", "Lien social"]  # duplicates (case, accents) dropped
    assert practice["phases"] == ["Mobiliser"] and practice["licence"] == "ETALAB_2"
    assert practice["provenance"]["sourceId"] is None and practice["sourceKind"] == "INITIATIVE"


def test_share_a_commitment_that_was_done(api, tenant_a, people, share):
    with schema_context("alpha"):
        done = Commitment.objects.create(
            title="Ouvrir une permanence le samedi",
            description="<p>Une permanence tenue par deux conseillères.</p>",
            owner_label="Mme Martin, service insertion",
            due_date="2026-01-31",
            status="done",
            outcome="La fréquentation a doublé.",
        )
        planned = Commitment.objects.create(
            title="Traduire les courriers", owner_label="Service", due_date="2026-06-01"
        )
    practice = share(sourceKind="COMMITMENT", sourceId=_gid("Commitment", done.pk), themes=["Accueil"])
    assert practice["title"] == "Ouvrir une permanence le samedi"
    assert practice["whatWorked"] == "La fréquentation a doublé."
    assert "Martin" not in str(practice)  # the owner is not copied
    assert practice["provenance"]["sourceId"] == _gid("Commitment", done.pk)

    refused = api.gql(
        SHARE,
        {"input": share_input(sourceKind="COMMITMENT", sourceId=_gid("Commitment", planned.pk))},
        tenant=tenant_a,
        token=people["alpha_staff"],
    )["practiceShare"]
    assert codes(refused) == [("sourceId", "COMMITMENT_NOT_DONE")] and refused["practice"] is None


def _gid(type_name, pk, schema="alpha"):
    return to_global_id(type_name, f"{schema}:{pk}")


def test_e_mail_addresses_and_phone_numbers_are_removed(share):
    practice = share(
        title="Joindre la référente",
        summary="Écrire à jeanne.dupont@example.org ou appeler le 06 12 34 56 78.",
        body='<p>Contact : <a href="mailto:jeanne.dupont@example.org">Jeanne</a>, +33 1 45 67 89 10.</p>',
        whatWorked="Rappel au 01.23.45.67.89 sous 48 h.",
    )
    text = str(practice)
    assert "@example.org" not in text and "06 12" not in text and "45 67 89" not in text and "01.23" not in text
    assert "[adresse électronique retirée]" in practice["summary"] and "[numéro retiré]" in practice["summary"]
    assert practice["body"] == '<p>Contact : <a rel="noopener noreferrer nofollow">Jeanne</a>, [numéro retiré].</p>'
    assert practice["consent"]["scrubbedCount"] == 5
    assert "48 h" in practice["whatWorked"]  # ordinary numbers stay


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"consent": False}, [("consent", "CONSENT_REQUIRED")]),
        ({"personalDataRemoved": False}, [("personalDataRemoved", "PERSONAL_DATA_NOT_CONFIRMED")]),
        (
            {"consent": False, "personalDataRemoved": False},
            [("consent", "CONSENT_REQUIRED"), ("personalDataRemoved", "PERSONAL_DATA_NOT_CONFIRMED")],
        ),
        ({"title": "  "}, [("title", "REQUIRED")]),
        ({"summary": " ", "body": "<p> </p>"}, [("summary", "REQUIRED")]),
        ({"title": "x" * 201, "summary": "Un résumé."}, [("title", "INVALID")]),
        ({"sourceKind": "RESOURCE"}, [("sourceId", "REQUIRED")]),
        ({"sourceId": "UmVzb3VyY2U6YWxwaGE6MQ=="}, [("sourceId", "INVALID")]),
    ],
)
def test_refusals_are_typed_and_change_nothing(api, tenant_a, people, overrides, expected):
    data = {"title": "Une pratique", "summary": "Un résumé.", **overrides}
    payload = api.gql(SHARE, {"input": share_input(**data)}, tenant=tenant_a, token=people["alpha_staff"])
    payload = payload["practiceShare"]
    assert codes(payload) == expected and payload["practice"] is None and payload["scrubbedCount"] is None
    assert all(error["message"] for error in payload["errors"])
    assert not Practice.objects.exists()
    with schema_context("alpha"):
        assert not OutboxEvent.objects.filter(type="practice.shared").exists()
        assert not AuditEntry.objects.filter(action="practice.shared").exists()


def test_only_a_published_resource_can_be_shared(api, tenant_a, people, make_resource):
    draft = make_resource(title="Brouillon interne", publish=False)
    payload = api.gql(
        SHARE,
        {"input": share_input(sourceKind="RESOURCE", sourceId=resource_gid(draft))},
        tenant=tenant_a,
        token=people["alpha_staff"],
    )["practiceShare"]
    assert codes(payload) == [("sourceId", "SOURCE_NOT_PUBLISHED")]
    assert not Practice.objects.exists()


def test_a_resource_is_shared_once_at_a_time(api, tenant_a, people, make_resource, share):
    resource = make_resource(title="Fiche accueil", summary="Accueillir.")
    share(sourceKind="RESOURCE", sourceId=resource_gid(resource))
    again = api.gql(
        SHARE,
        {"input": share_input(sourceKind="RESOURCE", sourceId=resource_gid(resource))},
        tenant=tenant_a,
        token=people["alpha_staff"],
    )["practiceShare"]
    assert codes(again) == [("sourceId", "ALREADY_SHARED")]
    assert Practice.objects.count() == 1


@pytest.mark.parametrize(
    "who, code",
    [(None, "UNAUTHENTICATED"), ("alpha_participant", "PERMISSION_DENIED")],
)
def test_sharing_needs_the_share_permission(api, tenant_a, tenant_b, people, who, code):
    payload = api.gql(SHARE, {"input": share_input(title="T", summary="S")}, tenant=tenant_a, token=people.get(who))[
        "practiceShare"
    ]
    assert codes(payload) == [(None, code)]
    # A write API key edits content but does not speak for the programme in the commons.
    key = api.gql(
        SHARE, {"input": share_input(title="T", summary="S")}, tenant=tenant_b, token=people["beta_write_key"]
    )
    assert codes(key["practiceShare"]) == [(None, "PERMISSION_DENIED")]
    assert not Practice.objects.exists()
