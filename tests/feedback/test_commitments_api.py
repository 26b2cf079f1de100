"""Commitments over GraphQL: creation linked to contributions, updates and the timeline,
"not done, because", links, the overdue flag (computed by PostgreSQL, moved with the clock),
filters and search, events, audit and the followers' e-mail."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from imedia_core.feedback import services
from imedia_core.feedback.models import Commitment, CommitmentUpdate

from .conftest import PAYLOAD, TEAM, gid

FIELDS = (
    "id title description ownerLabel dueDate progress status statusLabel outcome isOverdue closedAt createdByLabel "
    "contributions { id title } updates { date text progress status previousStatus dueDate previousDueDate authorLabel }"
)
CREATE = f"""mutation($input: CommitmentCreateInput!) {{
  commitmentCreate(input: $input) {{ commitment {{ {FIELDS} }} {PAYLOAD} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: CommitmentUpdateInput!, $note: String) {{
  commitmentUpdate(id: $id, input: $input, note: $note) {{ commitment {{ {FIELDS} }} {PAYLOAD} }} }}"""
STEP = f"""mutation($id: ID!, $input: CommitmentStepInput!) {{
  commitmentAddUpdate(id: $id, input: $input) {{ commitment {{ {FIELDS} }} update {{ text date }} {PAYLOAD} }} }}"""
LINK = f"""mutation($id: ID!, $ids: [ID!]!) {{
  commitmentLinkContributions(id: $id, contributions: $ids) {{ commitment {{ contributions {{ title }} }} {PAYLOAD} }} }}"""
UNLINK = f"""mutation($id: ID!, $ids: [ID!]!) {{
  commitmentUnlinkContributions(id: $id, contributions: $ids) {{ commitment {{ contributions {{ title }} }} {PAYLOAD} }} }}"""
LIST = """query($f: CommitmentFilterInput, $s: String) {
  commitments(first: 50, filter: $f, search: $s) { totalCount edges { node { title status isOverdue dueDate } } } }"""


@pytest.fixture
def events(tenant_a):
    """The events written to alpha's outbox since the test started, oldest first."""
    with schema_context("alpha"):
        start = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def written():
        with schema_context("alpha"):
            return list(OutboxEvent.objects.filter(id__gt=start).order_by("id").values_list("type", "payload"))

    return written


def errors_of(payload):
    return [(e["field"], e["code"]) for e in payload["errors"]]


def test_commitment_life(
    api, tenant_a, make_contribution, callers, make_user, follow, events, django_capture_on_commit_callbacks
):
    horaires = make_contribution(title="Le centre ferme trop tôt")
    samedi = make_contribution(title="Ouvrir le samedi")
    follower = make_user("karim@exemple.test")
    follow(horaires, follower)
    follow(samedi, follower)
    token = callers["decision_maker"]
    created = api.gql(
        CREATE,
        {
            "input": {
                "title": "Ouvrir l'espace ressources le samedi matin",
                "description": "À partir de septembre, <b>9 h – 12 h</b>.<img src=x onerror=alert(1)>",
                "ownerLabel": "Direction de l'insertion",
                "dueDate": "2030-09-01",
                "contributions": [gid("Contribution", horaires.pk), gid("Contribution", samedi.pk)],
            }
        },
        tenant=tenant_a,
        token=token,
    )["commitmentCreate"]
    assert created["errors"] == []
    commitment = created["commitment"]
    assert commitment["status"] == "PLANNED" and commitment["progress"] == 0 and commitment["isOverdue"] is False
    assert commitment["description"] == 'À partir de septembre, <b>9 h – 12 h</b>.<img src="x">'
    assert [c["title"] for c in commitment["contributions"]] == ["Le centre ferme trop tôt", "Ouvrir le samedi"]
    assert commitment["createdByLabel"] == "Decision_Maker" and commitment["updates"] == []
    kinds = [kind for kind, _ in events()]
    assert kinds == ["commitment.created"]
    assert events()[0][1]["contribution_ids"] == sorted([horaires.pk, samedi.pk])

    # Progress on a planned commitment starts it; the step is in the timeline; followers are told.
    with django_capture_on_commit_callbacks(execute=True):
        step = api.gql(
            STEP,
            {"id": commitment["id"], "input": {"text": "Recrutement d'un vacataire pour le samedi.", "progress": 40}},
            tenant=tenant_a,
            token=token,
        )["commitmentAddUpdate"]
    assert step["errors"] == [] and step["commitment"]["status"] == "IN_PROGRESS"
    assert step["commitment"]["updates"][0]["status"] == "IN_PROGRESS"
    assert step["commitment"]["updates"][0]["previousStatus"] == "PLANNED"
    assert step["commitment"]["updates"][0]["progress"] == 40
    assert len(mail.outbox) == 2 and all(m.to == ["karim@exemple.test"] for m in mail.outbox)
    assert (
        mail.outbox[0].subject == "[Espace Alpha] Engagement « Ouvrir l'espace ressources le samedi matin » : en cours"
    )
    assert "Le " in mail.outbox[0].body and "Recrutement d'un vacataire" in mail.outbox[0].body
    assert [kind for kind, _ in events()][1:] == ["commitment.updated", "commitment.status_changed"]

    # Not done needs its explanation; with it, the commitment is closed for good.
    mail.outbox.clear()
    refused = api.gql(UPDATE, {"id": commitment["id"], "input": {"status": "NOT_DONE"}}, tenant=tenant_a, token=token)
    assert errors_of(refused["commitmentUpdate"]) == [("outcome", "REQUIRED")]
    with django_capture_on_commit_callbacks(execute=True):
        closed = api.gql(
            UPDATE,
            {
                "id": commitment["id"],
                "input": {"status": "NOT_DONE", "outcome": "Le vacataire n'a pas été recruté : budget gelé."},
                "note": "Décision du comité de pilotage du 12 juin.",
            },
            tenant=tenant_a,
            token=token,
        )["commitmentUpdate"]["commitment"]
    assert closed["status"] == "NOT_DONE" and closed["closedAt"] and closed["statusLabel"] == "Non fait"
    assert closed["updates"][-1]["text"] == "Décision du comité de pilotage du 12 juin."
    assert "Non fait, parce que : Le vacataire n'a pas été recruté" in mail.outbox[0].body
    for data in ({"status": "IN_PROGRESS"}, {"progress": 10}, {"dueDate": "2031-01-01"}):
        again = api.gql(UPDATE, {"id": commitment["id"], "input": data}, tenant=tenant_a, token=token)
        assert errors_of(again["commitmentUpdate"])[0][1] == "COMMITMENT_CLOSED"
    with schema_context("alpha"):
        assert AuditEntry.objects.filter(action="commitment.status_changed").count() == 2


def test_steps_refused_and_links(api, tenant_a, make_contribution, callers, events):
    token = callers["professional"]
    one, two = make_contribution(title="Une"), make_contribution(title="Deux")
    pending = make_contribution(title="Pas encore publiée", status="pending")
    with schema_context("alpha"):
        commitment = services.create_commitment(
            TEAM,
            {
                "title": "Afficher les horaires",
                "owner_label": "Accueil",
                "due_date": dt.date(2030, 1, 31),
                "contributions": [one],
            },
        )
    cid = gid("Commitment", commitment.pk)
    before = events()
    for data, expected in (
        ({"text": ""}, [("text", "REQUIRED")]),
        ({"text": "Plus tard", "date": "2999-01-01"}, [("date", "INVALID")]),
        ({"text": "Avant", "date": "2000-01-01"}, [("date", "INVALID")]),
        ({"text": "Statut", "status": "NOT_DONE"}, [("outcome", "REQUIRED")]),
        ({"text": "Trop", "progress": 150}, [("progress", "INVALID")]),
    ):
        result = api.gql(STEP, {"id": cid, "input": data}, tenant=tenant_a, token=token)["commitmentAddUpdate"]
        assert errors_of(result) == expected, data
    assert events() == before

    linked = api.gql(
        LINK,
        {"id": cid, "ids": [gid("Contribution", two.pk), gid("Contribution", one.pk)]},
        tenant=tenant_a,
        token=token,
    )["commitmentLinkContributions"]
    assert linked["errors"] == [] and [c["title"] for c in linked["commitment"]["contributions"]] == ["Une", "Deux"]
    assert [kind for kind, _ in events()][-2:] == ["commitment.linked", "commitment.updated"]
    assert events()[-2][1]["linked_ids"] == events()[-1][1]["linked_ids"] == [two.pk]
    assert events()[-1][1]["fields"] == ["contributions"]
    refused = api.gql(LINK, {"id": cid, "ids": [gid("Contribution", pending.pk)]}, tenant=tenant_a, token=token)
    assert errors_of(refused["commitmentLinkContributions"]) == [("contributions", "CONTRIBUTION_NOT_PUBLISHED")]
    refused = api.gql(UNLINK, {"id": cid, "ids": [gid("Contribution", pending.pk)]}, tenant=tenant_a, token=token)
    assert errors_of(refused["commitmentUnlinkContributions"]) == [("contributions", "NOT_LINKED")]
    unlinked = api.gql(UNLINK, {"id": cid, "ids": [gid("Contribution", one.pk)]}, tenant=tenant_a, token=token)
    assert [c["title"] for c in unlinked["commitmentUnlinkContributions"]["commitment"]["contributions"]] == ["Deux"]
    assert [kind for kind, _ in events()][-2:] == ["commitment.unlinked", "commitment.updated"]
    assert events()[-1][1]["unlinked_ids"] == [one.pk] and events()[-1][1]["contribution_ids"] == [two.pk]
    with schema_context("alpha"):
        assert list(commitment.contributions.values_list("title", flat=True)) == ["Deux"]
        assert AuditEntry.objects.filter(action__in=["commitment.linked", "commitment.unlinked"]).count() == 2
    create = api.gql(
        CREATE, {"input": {"title": "", "ownerLabel": "", "dueDate": "2030-01-01"}}, tenant=tenant_a, token=token
    )["commitmentCreate"]
    assert errors_of(create) == [("title", "REQUIRED"), ("ownerLabel", "REQUIRED")]


def test_overdue_is_computed_by_the_database_and_follows_the_clock(api, tenant_a, make_contribution, callers):
    with time_machine.travel(dt.datetime(2030, 3, 1, 10, tzinfo=dt.UTC), tick=False), schema_context("alpha"):
        due = {
            "Due hier": dt.date(2030, 2, 28),
            "Due aujourd'hui": dt.date(2030, 3, 1),
            "Due demain": dt.date(2030, 3, 2),
        }
        for title, date in due.items():
            services.create_commitment(TEAM, {"title": title, "owner_label": "Service", "due_date": date})
        late_done = services.create_commitment(
            TEAM, {"title": "Faite en retard", "owner_label": "S", "due_date": dt.date(2030, 1, 1)}
        )
        services.update_commitment(TEAM, late_done, {"status": "done"})
        late_not_done = services.create_commitment(
            TEAM, {"title": "Abandonnée", "owner_label": "S", "due_date": dt.date(2030, 1, 1)}
        )
        services.update_commitment(TEAM, late_not_done, {"status": "not_done", "outcome": "Plus de financement."})
        started = services.create_commitment(
            TEAM, {"title": "Commencée, en retard", "owner_label": "S", "due_date": dt.date(2030, 2, 1)}
        )
        services.update_commitment(TEAM, started, {"progress": 20})

    def flags():
        edges = api.gql(LIST, {}, tenant=tenant_a)["commitments"]["edges"]
        return {e["node"]["title"]: e["node"]["isOverdue"] for e in edges}

    with time_machine.travel(dt.datetime(2030, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        assert flags() == {
            "Faite en retard": False,
            "Abandonnée": False,
            "Commencée, en retard": True,
            "Due hier": True,
            "Due aujourd'hui": False,
            "Due demain": False,
        }
        overdue = api.gql(LIST, {"f": {"overdue": True}}, tenant=tenant_a)["commitments"]
        assert [e["node"]["title"] for e in overdue["edges"]] == ["Commencée, en retard", "Due hier"]
        assert api.gql(LIST, {"f": {"overdue": False}}, tenant=tenant_a)["commitments"]["totalCount"] == 4
    # Three days later (Paris time), two more are late.
    with time_machine.travel(dt.datetime(2030, 3, 3, 23, 30, tzinfo=dt.UTC), tick=False):
        assert [t for t, late in flags().items() if late] == [
            "Commencée, en retard",
            "Due hier",
            "Due aujourd'hui",
            "Due demain",
        ]


def test_filters_and_search(api, tenant_a, callers):
    with schema_context("alpha"):
        for title, owner in (
            ("Mettre en place une permanence numérique", "Médiathèque"),
            ("Rembourser les frais de transport des participants", "Service insertion"),
            ("Former les conseillers à l'accueil", "Pôle emploi"),
        ):
            services.create_commitment(TEAM, {"title": title, "owner_label": owner, "due_date": dt.date(2031, 1, 1)})
        first = Commitment.objects.order_by("id").first()
        services.update_commitment(TEAM, first, {"status": "done"})
    found = api.gql(LIST, {"s": "numerique"}, tenant=tenant_a)["commitments"]
    assert [e["node"]["title"] for e in found["edges"]] == ["Mettre en place une permanence numérique"]
    assert api.gql(LIST, {"s": "insertion"}, tenant=tenant_a)["commitments"]["totalCount"] == 1  # the owner
    assert api.gql(LIST, {"s": "rembourser frais"}, tenant=tenant_a)["commitments"]["totalCount"] == 1
    done = api.gql(LIST, {"f": {"status": ["DONE"]}}, tenant=tenant_a)["commitments"]
    assert [e["node"]["status"] for e in done["edges"]] == ["DONE"]
    assert (
        api.gql(LIST, {"f": {"status": ["PLANNED", "IN_PROGRESS"]}}, tenant=tenant_a)["commitments"]["totalCount"] == 2
    )
    with schema_context("alpha"):
        assert CommitmentUpdate.objects.count() == 1
