"""Both state machines, exhaustively, through the services (every allowed and refused
transition, the reasons they require, and that a refusal writes nothing: no row, no event)."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent
from imedia_core.feedback import services, states
from imedia_core.feedback.models import Commitment, CommitmentStatus, CommitmentUpdate, Decision, Response

from .conftest import TEAM

DECISIONS = list(Decision.values)
STATUSES = list(CommitmentStatus.values)

ALLOWED_DECISIONS = {
    None: set(DECISIONS),
    "under_study": set(DECISIONS),
    "accepted": {"partly_accepted", "declined"},
    "partly_accepted": {"accepted", "declined"},
    "declined": {"accepted", "partly_accepted"},
}
ALLOWED_MOVES = {
    "planned": {"in_progress", "done", "not_done"},
    "in_progress": {"done", "not_done"},
    "done": set(),
    "not_done": set(),
}


def test_the_tables_are_the_documented_ones():
    assert {k: set(v) for k, v in states.DECISION_TRANSITIONS.items()} == ALLOWED_DECISIONS
    assert {k: set(v) for k, v in states.COMMITMENT_TRANSITIONS.items()} == ALLOWED_MOVES


def _answered(make_contribution, current):
    contribution = make_contribution()
    if current is not None:
        with schema_context("alpha"):
            reason = "Motif initial." if current == "declined" else ""
            services.create_response(
                TEAM, contribution, {"decision": current, "text": "Première réponse.", "reason": reason}, publish=True
            )
    return contribution


def _publish(contribution, decision, reason):
    with schema_context("alpha"):
        return services.create_response(
            TEAM, contribution, {"decision": decision, "text": "Nouvelle réponse.", "reason": reason}, publish=True
        )


def _outbox():
    with schema_context("alpha"):
        return list(OutboxEvent.objects.values_list("type", flat=True))


@pytest.mark.parametrize(("current", "new"), list(itertools.product([None, *DECISIONS], DECISIONS)))
def test_every_decision_transition(make_contribution, current, new):
    contribution = _answered(make_contribution, current)
    events = _outbox()
    with schema_context("alpha"):
        responses = Response.objects.count()
    if new not in ALLOWED_DECISIONS[current]:
        with pytest.raises(ServiceError) as refused:
            _publish(contribution, new, "Un motif.")
        assert refused.value.code == "INVALID_TRANSITION" and refused.value.field == "decision"
    else:
        needs_reason = new == "declined" or current in {"accepted", "partly_accepted", "declined"}
        if needs_reason:
            with pytest.raises(ServiceError) as refused:
                _publish(contribution, new, "   ")
            assert (refused.value.code, refused.value.field) == ("REQUIRED", "reason")
            assert _outbox() == events
        response = _publish(contribution, new, "Un motif." if needs_reason else "")
        assert response.status == "published" and response.published_at is not None
        with schema_context("alpha"):
            assert services.current_decision(contribution) == new
            event = OutboxEvent.objects.get(type="response.published", subject_id=str(response.pk))
        assert event.payload == {
            "id": response.pk,
            "contribution_id": contribution.pk,
            "decision": new,
            "previous_decision": current,
            "published_at": response.published_at.isoformat(),
        }
        return
    # Refused: nothing written.
    assert _outbox() == events
    with schema_context("alpha"):
        assert Response.objects.count() == responses


def test_a_draft_is_checked_against_the_current_decision_when_it_is_published(make_contribution):
    contribution = make_contribution()
    with schema_context("alpha"):
        draft = services.create_response(TEAM, contribution, {"decision": "under_study", "text": "On regarde."})
        services.create_response(TEAM, contribution, {"decision": "accepted", "text": "Oui."}, publish=True)
        with pytest.raises(ServiceError) as refused:
            services.publish_response(TEAM, draft)
        assert refused.value.code == "INVALID_TRANSITION"
        assert Response.objects.get(pk=draft.pk).status == "draft"


def _commitment_at(status):
    with schema_context("alpha"):
        commitment = services.create_commitment(
            TEAM, {"title": "Ouvrir le samedi", "owner_label": "Direction du centre", "due_date": dt.date(2030, 6, 30)}
        )
        if status == "in_progress":
            services.update_commitment(TEAM, commitment, {"status": "in_progress"})
        elif status in ("done", "not_done"):
            services.update_commitment(TEAM, commitment, {"status": status, "outcome": "Budget non voté."})
        return Commitment.objects.get(pk=commitment.pk)


@pytest.mark.parametrize(("current", "new"), list(itertools.product(STATUSES, STATUSES)))
def test_every_commitment_transition(db, current, new):
    commitment = _commitment_at(current)
    events = _outbox()
    with schema_context("alpha"):
        steps = CommitmentUpdate.objects.count()
        if current == new:
            services.update_commitment(TEAM, commitment, {"status": new})  # nothing to do: no step, no event
            assert CommitmentUpdate.objects.count() == steps and _outbox() == events
            return
        if new not in ALLOWED_MOVES[current]:
            with pytest.raises(ServiceError) as refused:
                services.update_commitment(TEAM, commitment, {"status": new, "outcome": "Une explication."})
            expected = "COMMITMENT_CLOSED" if current in ("done", "not_done") else "INVALID_TRANSITION"
            assert (refused.value.code, refused.value.field) == (expected, "status")
            assert Commitment.objects.get(pk=commitment.pk).status == current
            assert CommitmentUpdate.objects.count() == steps and _outbox() == events
            return
        if new == "not_done":
            with pytest.raises(ServiceError) as refused:
                services.update_commitment(TEAM, commitment, {"status": new, "outcome": " "})
            assert (refused.value.code, refused.value.field) == ("REQUIRED", "outcome")
            assert _outbox() == events
        services.update_commitment(TEAM, commitment, {"status": new, "outcome": "Le prestataire a renoncé."})
        saved = Commitment.objects.get(pk=commitment.pk)
        assert saved.status == new
        assert (saved.closed_at is not None) == (new in ("done", "not_done"))
        if new == "done":
            assert saved.progress == 100
        step = CommitmentUpdate.objects.latest("id")
        assert (step.previous_status, step.status) == (current, new)
    assert _outbox()[len(events) :] == ["commitment.updated", "commitment.status_changed"]


def test_progress_starts_a_planned_commitment_and_closed_ones_stay_closed(db):
    commitment = _commitment_at("planned")
    with schema_context("alpha"):
        services.update_commitment(TEAM, commitment, {"progress": 30})
        assert Commitment.objects.get(pk=commitment.pk).status == "in_progress"
        with pytest.raises(ServiceError) as refused:
            services.update_commitment(TEAM, commitment, {"progress": 101})
        assert (refused.value.code, refused.value.field) == ("INVALID", "progress")
    done = _commitment_at("done")
    with schema_context("alpha"):
        for data, field in (({"progress": 50}, "progress"), ({"due_date": dt.date(2031, 1, 1)}, "dueDate")):
            with pytest.raises(ServiceError) as refused:
                services.update_commitment(TEAM, done, data)
            assert (refused.value.code, refused.value.field) == ("COMMITMENT_CLOSED", field)
        # Wording stays correctable, and a closed commitment still takes notes.
        services.update_commitment(TEAM, done, {"title": "Ouvrir le samedi matin"})
        services.add_update(TEAM, done, {"text": "Bilan à trois mois : 40 personnes par samedi."})
    not_done = _commitment_at("not_done")
    with schema_context("alpha"):
        with pytest.raises(ServiceError) as refused:
            services.update_commitment(TEAM, not_done, {"outcome": ""})
        assert (refused.value.code, refused.value.field) == ("REQUIRED", "outcome")


def test_postponing_is_written_in_the_timeline(db):
    commitment = _commitment_at("planned")
    with schema_context("alpha"):
        services.update_commitment(TEAM, commitment, {"due_date": dt.date(2030, 9, 30)})
        step = CommitmentUpdate.objects.get(commitment=commitment)
        assert (step.previous_due_date, step.due_date) == (dt.date(2030, 6, 30), dt.date(2030, 9, 30))
        assert step.text == "Échéance déplacée du 30/06/2030 au 30/09/2030."
        assert step.date == timezone.localdate()
