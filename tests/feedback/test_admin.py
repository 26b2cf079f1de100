"""The top-down loop in the tenant admin, through real HTTP on a signed-in session: answering a
contribution (draft or published at once), editing, publishing and deleting drafts, creating a
commitment, moving it on (progress, done, « non fait, parce que… »), adding timeline steps,
linking and unlinking contributions. Everything goes through the feedback services (audit entry
and event on the admin channel); what a service refuses is shown on the form and changes nothing;
people who may not respond (facilitators) get no page."""

import datetime as dt

from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from imedia_core.feedback.models import Commitment, CommitmentUpdate, Response

HOST = {"HTTP_HOST": "testserver"}
RESPONSES = "/t/alpha/admin/feedback/response/"
COMMITMENTS = "/t/alpha/admin/feedback/commitment/"


def events(prefix):
    return sorted(OutboxEvent.objects.filter(type__startswith=prefix).values_list("type", flat=True))


def html(response):
    return response.content.decode()


# --- responses ------------------------------------------------------------------------------


def test_answering_a_contribution_from_the_admin(
    client, people, make_contribution, follow, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(title="Ouvrir le samedi")
    follow(contribution, people["participant"])
    client.force_login(people["professional"])
    form = client.get(f"{RESPONSES}add/?contribution={contribution.pk}", **HOST)
    assert form.status_code == 200
    assert f'<option value="{contribution.pk}" selected>' in html(form)  # the contribution comes chosen
    answer = {"contribution": contribution.pk, "decision": "declined", "text": "Le budget ne le permet pas."}

    # Declining needs a reason: the service refuses, the form says why, nothing is written.
    refused = client.post(f"{RESPONSES}add/", {**answer, "publish": "on", "_save": "1"}, **HOST)
    assert refused.status_code == 200 and "Expliquez pourquoi la contribution est refusée." in html(refused)
    with schema_context("alpha"):
        assert not Response.objects.exists() and not events("response.")
        assert not AuditEntry.objects.filter(action__startswith="response.").exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            f"{RESPONSES}add/",
            {
                **answer,
                "reason": "Pas de crédits cette année",
                "capacity": "Service jeunesse",
                "publish": "on",
                "_save": "1",
            },
            **HOST,
        )
    assert done.status_code == 302
    with schema_context("alpha"):
        response = Response.objects.get()
        assert (response.status, response.decision, response.reason) == (
            "published",
            "declined",
            "Pas de crédits cette année",
        )
        assert response.responder_label == "Professional" and response.capacity == "Service jeunesse"
        assert events("response.") == ["response.created", "response.published"]
        event = OutboxEvent.objects.get(type="response.published")
        assert event.actor_id == people["professional"].pk and event.payload["decision"] == "declined"
        entry = AuditEntry.objects.get(action="response.published")
        assert (entry.via, entry.actor_id) == ("admin", people["professional"].pk)
    assert [mail.to for mail in mailoutbox] == [[people["participant"].email]]


def test_a_draft_is_edited_then_published_and_a_published_answer_stays(client, people, make_contribution):
    contribution = make_contribution()
    client.force_login(people["decision_maker"])
    draft = {"contribution": contribution.pk, "decision": "under_study", "text": "Nous regardons.", "_save": "1"}
    assert client.post(f"{RESPONSES}add/", draft, **HOST).status_code == 302
    with schema_context("alpha"):
        response = Response.objects.get()
        assert response.status == "draft" and events("response.") == ["response.created"]
    change = f"{RESPONSES}{response.pk}/change/"
    edited = {"decision": "accepted", "text": "Accepté : ouverture en mars.", "publish": "on", "_save": "1"}
    assert client.post(change, edited, **HOST).status_code == 302
    with schema_context("alpha"):
        response.refresh_from_db()
        assert (response.status, response.decision) == ("published", "accepted")
        assert events("response.") == ["response.created", "response.published", "response.updated"]
    # Published: read-only, not deletable, not publishable again.
    shown = client.get(change, **HOST)
    assert shown.status_code == 200 and "Accepté : ouverture en mars." in html(shown)
    assert client.post(change, {**edited, "text": "Autre chose"}, **HOST).status_code == 403
    assert client.get(f"{RESPONSES}{response.pk}/delete/", **HOST).status_code == 403
    again = client.post(RESPONSES, {"action": "publish_drafts", "_selected_action": [response.pk]}, follow=True, **HOST)
    assert "Cette réponse est publiée" in html(again)
    with schema_context("alpha"):
        response.refresh_from_db()
        assert response.text.startswith("<p>Accepté") and len(events("response.")) == 3


def test_drafts_are_published_and_deleted_in_bulk_through_the_service(client, people, make_contribution):
    first, second = make_contribution(title="Première"), make_contribution(title="Seconde")
    client.force_login(people["tenant_admin"])
    for contribution in (first, second):
        data = {"contribution": contribution.pk, "decision": "under_study", "text": "À l'étude.", "_save": "1"}
        assert client.post(f"{RESPONSES}add/", data, **HOST).status_code == 302
    with schema_context("alpha"):
        one, two = Response.objects.order_by("id")
    client.post(RESPONSES, {"action": "publish_drafts", "_selected_action": [one.pk]}, **HOST)
    client.post(RESPONSES, {"action": "delete_drafts", "_selected_action": [one.pk, two.pk]}, **HOST)
    with schema_context("alpha"):
        assert list(Response.objects.values_list("pk", "status")) == [(one.pk, "published")]
        assert OutboxEvent.objects.get(type="response.deleted").subject_id == str(two.pk)
        assert AuditEntry.objects.get(action="response.deleted").via == "admin"


def test_facilitators_cannot_respond(client, people, make_contribution):
    contribution = make_contribution()
    client.force_login(people["facilitator"])
    assert client.get(RESPONSES, **HOST).status_code == 200  # they read the answers
    assert client.get(f"{RESPONSES}add/", **HOST).status_code == 403
    data = {"contribution": contribution.pk, "decision": "accepted", "text": "Oui.", "publish": "on", "_save": "1"}
    assert client.post(f"{RESPONSES}add/", data, **HOST).status_code == 403
    assert client.get(f"{COMMITMENTS}add/", **HOST).status_code == 403
    with schema_context("alpha"):
        assert not Response.objects.exists() and not events("response.")


def test_an_unpublished_contribution_cannot_be_answered(client, people, make_contribution):
    pending = make_contribution(status="pending", title="En attente")
    client.force_login(people["professional"])
    data = {"contribution": pending.pk, "decision": "accepted", "text": "Oui.", "_save": "1"}
    refused = client.post(f"{RESPONSES}add/", data, **HOST)
    assert refused.status_code == 200 and "errorlist" in html(refused)
    with schema_context("alpha"):
        assert not Response.objects.exists()


# --- commitments ----------------------------------------------------------------------------


def commitment_form(**changes):
    data = {
        "title": "Ouvrir le centre le samedi",
        "owner_label": "Service jeunesse",
        "due_date": (timezone.localdate() + dt.timedelta(days=60)).strftime("%d/%m/%Y"),
        "description": "Dès le printemps.",
        "_save": "1",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def change_form(commitment, **changes):
    """The change page's fields as they stand, with ``changes``."""
    data = {
        "title": commitment.title,
        "owner_label": commitment.owner_label,
        "due_date": commitment.due_date.strftime("%d/%m/%Y"),
        "description": commitment.description,
        "contributions": [c.pk for c in commitment.contributions.all()],
        "status": commitment.status,
        "progress": str(commitment.progress),
        "outcome": commitment.outcome,
        "_save": "1",
    }
    data.update(changes)
    return data


def test_creating_a_commitment_linked_to_contributions(client, people, make_contribution):
    asked = make_contribution(title="Ouvrir le samedi")
    client.force_login(people["professional"])
    assert client.get(f"{COMMITMENTS}add/", **HOST).status_code == 200
    missing = client.post(f"{COMMITMENTS}add/", commitment_form(owner_label=""), **HOST)
    assert missing.status_code == 200 and "errorlist" in html(missing)
    assert client.post(f"{COMMITMENTS}add/", commitment_form(contributions=[asked.pk]), **HOST).status_code == 302
    with schema_context("alpha"):
        commitment = Commitment.objects.get()
        assert (commitment.status, commitment.progress, commitment.created_by_label) == ("planned", 0, "Professional")
        assert list(commitment.contributions.values_list("pk", flat=True)) == [asked.pk]
        event = OutboxEvent.objects.get(type="commitment.created")
        assert event.payload["contribution_ids"] == [asked.pk] and event.actor_id == people["professional"].pk
        assert AuditEntry.objects.get(action="commitment.created").via == "admin"


def test_progress_then_done_and_the_timeline(client, people, make_contribution):
    client.force_login(people["decision_maker"])
    client.post(f"{COMMITMENTS}add/", commitment_form(), **HOST)
    with schema_context("alpha"):
        commitment = Commitment.objects.get()
    change = f"{COMMITMENTS}{commitment.pk}/change/"
    with schema_context("alpha"):
        data = change_form(commitment, progress="40", note="Recrutement d'un animateur")
    assert client.post(change, data, **HOST).status_code == 302
    with schema_context("alpha"):
        commitment.refresh_from_db()
        assert (commitment.status, commitment.progress) == ("in_progress", 40)  # progress starts it
        assert CommitmentUpdate.objects.get().text == "Recrutement d'un animateur"
        data = change_form(commitment, status="done")
    assert client.post(change, data, **HOST).status_code == 302
    with schema_context("alpha"):
        commitment.refresh_from_db()
        assert (commitment.status, commitment.progress) == ("done", 100) and commitment.closed_at
        status_events = OutboxEvent.objects.filter(type="commitment.status_changed").order_by("id")
        assert [e.payload["status"] for e in status_events] == ["in_progress", "done"]
        assert AuditEntry.objects.filter(action="commitment.status_changed", via="admin").count() == 2
    page = html(client.get(change, **HOST))
    assert "Chronologie" in page and "Recrutement d&#x27;un animateur" in page and "Fait" in page
    # Closed: its status no longer moves, and the refusal is shown.
    with schema_context("alpha"):
        data = change_form(commitment, status="in_progress")
    refused = client.post(change, data, **HOST)
    assert refused.status_code == 200 and "Cet engagement est clos" in html(refused)
    with schema_context("alpha"):
        commitment.refresh_from_db()
        assert commitment.status == "done" and CommitmentUpdate.objects.count() == 2
    # Those who may not respond read it, timeline included, and change nothing.
    client.force_login(people["facilitator"])
    shown = client.get(change, **HOST)
    assert shown.status_code == 200 and "Recrutement d&#x27;un animateur" in html(shown)
    assert "/etape/" not in html(shown)
    assert client.post(change, data, **HOST).status_code == 403


def test_not_done_needs_its_because(client, people):
    client.force_login(people["professional"])
    client.post(f"{COMMITMENTS}add/", commitment_form(), **HOST)
    with schema_context("alpha"):
        commitment = Commitment.objects.get()
        data = change_form(commitment, status="not_done", outcome="")
    change = f"{COMMITMENTS}{commitment.pk}/change/"
    refused = client.post(change, data, **HOST)
    assert refused.status_code == 200 and "non fait, parce que…" in html(refused)
    with schema_context("alpha"):
        commitment.refresh_from_db()
        assert commitment.status == "planned" and not events("commitment.status_changed")
    data["outcome"] = "Le local n'a pas été libéré"
    assert client.post(change, data, **HOST).status_code == 302
    with schema_context("alpha"):
        commitment.refresh_from_db()
        assert (commitment.status, commitment.outcome) == ("not_done", "Le local n'a pas été libéré")
        assert "Parce que : Le local n'a pas été libéré" in CommitmentUpdate.objects.get().text


def test_adding_a_timeline_step(client, people):
    client.force_login(people["professional"])
    client.post(f"{COMMITMENTS}add/", commitment_form(), **HOST)
    with schema_context("alpha"):
        commitment = Commitment.objects.get()
    step = f"{COMMITMENTS}{commitment.pk}/etape/"
    assert step in html(client.get(f"{COMMITMENTS}{commitment.pk}/change/", **HOST))
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    refused = client.post(step, {"text": "Réunion avec le bailleur", "date": tomorrow}, **HOST)
    assert refused.status_code == 200 and "Une étape ne peut pas être datée dans le futur." in html(refused)
    with schema_context("alpha"):
        assert not CommitmentUpdate.objects.exists() and not events("commitment.")[1:]
    done = client.post(step, {"text": "Réunion avec le bailleur", "progress": "20"}, **HOST)
    assert done.status_code == 302
    with schema_context("alpha"):
        update = CommitmentUpdate.objects.get()
        assert (update.text, update.progress, update.status, update.author_label) == (
            "Réunion avec le bailleur",
            20,
            "in_progress",
            "Professional",
        )
        assert OutboxEvent.objects.get(type="commitment.updated").payload["update_id"] == update.pk
    client.force_login(people["facilitator"])
    assert client.get(step, **HOST).status_code == 403
    assert client.post(step, {"text": "Pas le droit"}, **HOST).status_code == 403
    with schema_context("alpha"):
        assert CommitmentUpdate.objects.count() == 1


def test_linking_and_unlinking_contributions(client, people, make_contribution):
    first, second = make_contribution(title="Première"), make_contribution(title="Seconde")
    client.force_login(people["tenant_admin"])
    client.post(f"{COMMITMENTS}add/", commitment_form(contributions=[first.pk]), **HOST)
    with schema_context("alpha"):
        commitment = Commitment.objects.get()
        data = change_form(commitment, contributions=[second.pk])
    assert client.post(f"{COMMITMENTS}{commitment.pk}/change/", data, **HOST).status_code == 302
    with schema_context("alpha"):
        assert list(commitment.contributions.values_list("pk", flat=True)) == [second.pk]
        linked = OutboxEvent.objects.get(type="commitment.linked")
        unlinked = OutboxEvent.objects.get(type="commitment.unlinked")
        assert (linked.payload["linked_ids"], unlinked.payload["unlinked_ids"]) == ([second.pk], [first.pk])
        assert (
            AuditEntry.objects.filter(action__in=["commitment.linked", "commitment.unlinked"], via="admin").count() == 2
        )
