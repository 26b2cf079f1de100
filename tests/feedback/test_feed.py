"""The public "you said, we did" ledger: which contributions, in which order, and each one's
story told in order (submitted, responses, commitments, their steps, done or not done)."""

import datetime as dt

import time_machine
from django_tenants.utils import schema_context

from imedia_core.feedback import services
from imedia_core.participation.models import Contribution

from .conftest import TEAM, gid

FEED = """query($f: YouSaidWeDidFilterInput, $s: String, $n: Int) {
  youSaidWeDid(first: $n, filter: $f, search: $s) {
    totalCount
    edges { node {
      title submittedAt currentDecision lastActivityAt
      contribution { id title }
      responses { decision status text reason }
      commitments { title status progress isOverdue outcome updates { text status progress } }
      timeline { kind date title text decision status progress
                 response { decision } commitment { title } update { text } }
    } }
  }
}"""


def at(day, hour=10):
    return time_machine.travel(dt.datetime(2030, 1, day, hour, tzinfo=dt.UTC), tick=False)


def seed_story(make_contribution):
    """Three contributions with different stories, one unanswered, one with a draft only, one hidden."""
    with at(1):
        horaires = make_contribution(title="Le centre ferme trop tôt", author_label="Groupe du mardi")
        transport = make_contribution(title="Les frais de transport ne sont pas remboursés")
        cantine = make_contribution(title="Une cantine pour les stagiaires")
        make_contribution(title="Sans réponse")
        brouillon = make_contribution(title="Réponse en brouillon")
        masquee = make_contribution(title="Masquée depuis")
    with schema_context("alpha"):
        with at(2):
            services.create_response(
                TEAM, horaires, {"decision": "under_study", "text": "Nous regardons."}, publish=True
            )
            services.create_response(TEAM, brouillon, {"decision": "accepted", "text": "Pas encore publiée."})
        with at(3):
            services.create_response(
                TEAM,
                transport,
                {"decision": "declined", "text": "Non.", "reason": "Hors du champ du dispositif."},
                publish=True,
            )
            services.create_response(TEAM, masquee, {"decision": "accepted", "text": "Oui."}, publish=True)
        with at(5):
            services.create_response(
                TEAM, horaires, {"decision": "accepted", "text": "<p>Oui, dès mars.</p>"}, publish=True
            )
            samedi = services.create_commitment(
                TEAM,
                {
                    "title": "Ouvrir le samedi matin",
                    "owner_label": "Direction",
                    "due_date": dt.date(2030, 3, 1),
                    "contributions": [horaires, cantine],
                },
            )
        with at(8):
            services.add_update(TEAM, samedi, {"text": "Vacataire recruté.", "progress": 50})
        with at(9):
            affichage = services.create_commitment(
                TEAM,
                {
                    "title": "Afficher les horaires",
                    "owner_label": "Accueil",
                    "due_date": dt.date(2030, 1, 20),
                    "contributions": [horaires],
                },
            )
        with at(12):
            services.add_update(TEAM, samedi, {"text": "Ouvert depuis le 10.", "status": "done"})
        with at(12, 11):
            services.update_commitment(
                TEAM, affichage, {"status": "not_done", "outcome": "Panneau refusé par le bailleur."}
            )
        Contribution.objects.filter(pk=masquee.pk).update(status="hidden")
    return horaires, transport, cantine


def test_the_ledger_tells_each_story_in_order(api, tenant_a, make_contribution):
    horaires, transport, cantine = seed_story(make_contribution)
    with at(15):
        feed = api.gql(FEED, {"n": 10}, tenant=tenant_a)["youSaidWeDid"]
    assert feed["totalCount"] == 3
    nodes = [edge["node"] for edge in feed["edges"]]
    # Most recently active first: horaires and cantine moved on day 12 (horaires' commitment later).
    assert [n["title"] for n in nodes] == [
        "Le centre ferme trop tôt",
        "Une cantine pour les stagiaires",
        "Les frais de transport ne sont pas remboursés",
    ]
    first = nodes[0]
    assert first["contribution"] == {"id": gid("Contribution", horaires.pk), "title": "Le centre ferme trop tôt"}
    assert first["currentDecision"] == "ACCEPTED"
    assert [r["decision"] for r in first["responses"]] == ["UNDER_STUDY", "ACCEPTED"]
    assert [c["title"] for c in first["commitments"]] == ["Ouvrir le samedi matin", "Afficher les horaires"]
    assert first["commitments"][0]["status"] == "DONE" and first["commitments"][0]["progress"] == 100
    assert first["commitments"][1]["outcome"] == "Panneau refusé par le bailleur."
    assert [(e["kind"], e["date"]) for e in first["timeline"]] == [
        ("SUBMITTED", "2030-01-01"),
        ("RESPONSE", "2030-01-02"),
        ("RESPONSE", "2030-01-05"),
        ("COMMITMENT_CREATED", "2030-01-05"),
        ("COMMITMENT_UPDATE", "2030-01-08"),
        ("COMMITMENT_CREATED", "2030-01-09"),
        ("COMMITMENT_DONE", "2030-01-12"),
        ("COMMITMENT_NOT_DONE", "2030-01-12"),
    ]
    timeline = first["timeline"]
    assert timeline[0]["title"] == "Contribution publiée : « Le centre ferme trop tôt »"
    assert timeline[0]["text"] == "Groupe du mardi"
    assert timeline[2]["decision"] == "ACCEPTED" and timeline[2]["text"] == "Oui, dès mars."
    assert timeline[2]["title"] == "Réponse : acceptée (Équipe du programme)"
    assert timeline[4]["progress"] == 50 and timeline[4]["update"] == {"text": "Vacataire recruté."}
    assert timeline[6]["title"] == "Fait : Ouvrir le samedi matin" and timeline[6]["status"] == "DONE"
    assert timeline[7]["commitment"] == {"title": "Afficher les horaires"}
    assert "Panneau refusé par le bailleur." in timeline[7]["text"]

    cantine_node, transport_node = nodes[1], nodes[2]
    assert cantine_node["currentDecision"] is None and cantine_node["responses"] == []
    assert [e["kind"] for e in cantine_node["timeline"]] == [
        "SUBMITTED",
        "COMMITMENT_CREATED",
        "COMMITMENT_UPDATE",
        "COMMITMENT_DONE",
    ]
    assert transport_node["currentDecision"] == "DECLINED"
    assert transport_node["timeline"][1]["text"] == "Non.\n\nMotif : Hors du champ du dispositif."


def test_ledger_filters(api, tenant_a, make_contribution):
    seed_story(make_contribution)

    def titles(variables):
        with at(15):
            edges = api.gql(FEED, {"n": 10, **variables}, tenant=tenant_a)["youSaidWeDid"]["edges"]
        return [e["node"]["title"] for e in edges]

    assert titles({"f": {"decision": ["DECLINED"]}}) == ["Les frais de transport ne sont pas remboursés"]
    assert titles({"f": {"commitmentStatus": ["NOT_DONE"]}}) == ["Le centre ferme trop tôt"]
    assert titles({"f": {"overdue": True}}) == []
    assert titles({"s": "cantine"}) == ["Une cantine pour les stagiaires"]
    with schema_context("alpha"):
        services.create_commitment(
            TEAM,
            {
                "title": "Étudier un tarif réduit",
                "owner_label": "Région",
                "due_date": dt.date(2030, 1, 10),
                "contributions": [Contribution.objects.get(title__startswith="Les frais")],
            },
        )
    assert titles({"f": {"overdue": True}}) == ["Les frais de transport ne sont pas remboursés"]


def test_a_contribution_shows_its_responses_and_commitments(api, tenant_a, make_contribution, callers):
    """The participation domain's Contribution type answers with this domain's types."""
    horaires, _transport, _cantine = seed_story(make_contribution)
    query = """query($id: ID!) { node(id: $id) { ... on Contribution {
      responses { decision status } commitments { title status isOverdue } } } }"""
    cid = gid("Contribution", horaires.pk)
    with schema_context("alpha"):
        services.create_response(TEAM, horaires, {"decision": "declined", "text": "Brouillon.", "reason": "Motif."})
    public = api.gql(query, {"id": cid}, tenant=tenant_a)["node"]
    assert [r["decision"] for r in public["responses"]] == ["UNDER_STUDY", "ACCEPTED"]
    assert {c["title"]: (c["status"], c["isOverdue"]) for c in public["commitments"]} == {
        "Ouvrir le samedi matin": ("DONE", False),
        "Afficher les horaires": ("NOT_DONE", False),
    }
    staff = api.gql(query, {"id": cid}, tenant=tenant_a, token=callers["professional"])["node"]
    assert sorted(r["status"] for r in staff["responses"]) == ["DRAFT", "PUBLISHED", "PUBLISHED"]
