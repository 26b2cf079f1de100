"""Participation in the tenant admin: who gets in, the queue first, what each person may see, and every
change (bulk moderation, rules, groups and their members) through the services, audited."""

from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from imedia_core.participation.comments import add_comment
from imedia_core.participation.models import (
    Comment,
    Contribution,
    ExpressionGroup,
    GroupMember,
    ParticipationSettings,
)
from tests.participation.conftest import as_person

ADMIN = "/t/alpha/admin/participation/contribution/"
HOST = {"HTTP_HOST": "testserver"}


def test_moderators_get_the_queue_first_and_approve_in_bulk(client, people, contribute, rules):
    rules(moderation_mode="post")
    published = contribute(title="Déjà publiée")
    rules(moderation_mode="pre")
    pending = contribute(title="À valider")
    client.force_login(people["facilitator"])
    page = client.get(ADMIN, **HOST)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("À valider") < html.index("Déjà publiée")
    response = client.post(
        ADMIN, {"action": "approve", "_selected_action": [pending.pk, published.pk]}, follow=True, **HOST
    )
    assert response.status_code == 200
    with schema_context("alpha"):
        assert Contribution.objects.get(pk=pending.pk).status == "published"
        assert OutboxEvent.objects.filter(type="contribution.published", subject_id=str(pending.pk)).exists()


def test_moderation_in_bulk_is_audited(client, people, contribute):
    pending = contribute(title="À valider")
    client.force_login(people["facilitator"])
    client.post(ADMIN, {"action": "approve", "_selected_action": [pending.pk]}, **HOST)
    with schema_context("alpha"):
        entry = AuditEntry.objects.get(action="contribution.status_changed", target_id=str(pending.pk))
    assert (entry.actor_id, entry.via, entry.summary) == (people["facilitator"].pk, "admin", "À valider : publiée")


def test_nothing_is_deleted_from_the_admin(client, people, contribute):
    contribution = contribute(title="À garder")
    with schema_context("alpha"):
        group = ExpressionGroup.objects.create(name="Atelier mobilité")
    client.force_login(people["tenant_admin"])
    assert client.get(f"{ADMIN}{contribution.pk}/delete/", **HOST).status_code == 403
    assert client.get(f"{GROUPS}{group.pk}/delete/", **HOST).status_code == 403


SETTINGS = "/t/alpha/admin/participation/participationsettings/1/change/"
RULES = {
    "moderation_mode": "post",
    "allow_pseudonymous": "on",
    "edit_window_minutes": "60",
    "anonymous_rate_limit": "5",
    "report_threshold": "3",
    "_save": "Enregistrer",
}


def test_the_rules_change_through_the_service(client, people, rules):
    rules()
    client.force_login(people["tenant_admin"])
    refused = client.post(SETTINGS, {**RULES, "report_threshold": "0"}, **HOST)
    assert refused.status_code == 200 and "La valeur doit être comprise entre 1 et 100." in refused.content.decode()
    with schema_context("alpha"):
        assert ParticipationSettings.load().moderation_mode == "pre"
        assert not OutboxEvent.objects.filter(type="participation.settings_updated").exists()
    assert client.post(SETTINGS, RULES, **HOST).status_code == 302
    with schema_context("alpha"):
        settings = ParticipationSettings.load()
        assert (settings.moderation_mode, settings.allow_anonymous, settings.edit_window_minutes) == ("post", False, 60)
        event = OutboxEvent.objects.get(type="participation.settings_updated")
        assert event.payload["moderation_mode"] == "post" and event.actor_id == people["tenant_admin"].pk
        assert AuditEntry.objects.get(action="participation.settings_updated").via == "admin"


GROUPS = "/t/alpha/admin/participation/expressiongroup/"


def group_events():
    return sorted(OutboxEvent.objects.filter(type__startswith="expression_group.").values_list("type", flat=True))


def members(*user_ids, initial=0):
    data = {"members-TOTAL_FORMS": str(len(user_ids)), "members-INITIAL_FORMS": str(initial)}
    for index, user_id in enumerate(user_ids):
        data[f"members-{index}-user_id"] = str(user_id)
    return data


def test_groups_and_their_members_change_through_the_service(client, people):
    client.force_login(people["facilitator"])
    group = {"name": "Atelier mobilité", "description": "Les habitant·es du quartier", "is_active": "on"}
    outsider = client.post(f"{GROUPS}add/", {**group, **members(people["outsider"].pk)}, **HOST)
    assert "Cette personne n&#x27;est pas membre de cet espace." in outsider.content.decode()
    created = client.post(f"{GROUPS}add/", {**group, **members(people["participant"].pk)}, **HOST)
    assert created.status_code == 302
    with schema_context("alpha"):
        row = ExpressionGroup.objects.get(name="Atelier mobilité")
        member = GroupMember.objects.get(group=row)
        assert (member.user_id, member.user_label) == (people["participant"].pk, "Participant")
        assert group_events() == [
            "expression_group.created",
            "expression_group.member_added",
        ]
    removal = {"name": "Atelier mobilité", "description": "", **members(people["participant"].pk, initial=1)}
    removal |= {"members-0-id": str(member.pk), "members-0-group": str(row.pk), "members-0-DELETE": "on"}
    assert client.post(f"{GROUPS}{row.pk}/change/", removal, **HOST).status_code == 302
    with schema_context("alpha"):
        row.refresh_from_db()
        assert not row.is_active and not GroupMember.objects.filter(group=row).exists()
        assert group_events() == [
            "expression_group.created",
            "expression_group.member_added",
            "expression_group.member_removed",
            "expression_group.updated",
        ]
        assert AuditEntry.objects.filter(action__startswith="expression_group.", via="admin").count() == 4


# --- the queue and moderation with a reason -------------------------------------------------------


def test_the_queue_comes_first_even_when_something_newer_is_published(client, people, contribute, rules):
    rules(moderation_mode="pre")
    pending = contribute(title="Ancienne en attente")
    rules(moderation_mode="post")
    contribute(title="Récente publiée")
    client.force_login(people["facilitator"])
    html = client.get(ADMIN, **HOST).content.decode()
    assert html.index("Ancienne en attente") < html.index("Récente publiée")
    # Filters by status (and kind, phase) narrow the queue.
    only_pending = client.get(f"{ADMIN}?status__exact=pending&kind__exact=proposal", **HOST).content.decode()
    assert "Ancienne en attente" in only_pending and "Récente publiée" not in only_pending
    assert client.get(f"{ADMIN}?phase__id__exact=999999", **HOST).status_code == 200
    assert pending.status == "pending"


def test_rejecting_in_bulk_asks_for_a_reason_and_goes_through_the_service(client, people, contribute):
    first, second = contribute(title="Hors sujet 1"), contribute(title="Hors sujet 2")
    client.force_login(people["facilitator"])
    selection = {"action": "reject", "_selected_action": [first.pk, second.pk]}
    confirm = client.post(ADMIN, selection, **HOST)
    assert confirm.status_code == 200 and 'name="reason"' in confirm.content.decode()
    without_reason = client.post(ADMIN, {**selection, "apply": "1", "reason": "  "}, **HOST)
    assert without_reason.status_code == 200 and "Ce champ est obligatoire." in without_reason.content.decode()
    with schema_context("alpha"):
        assert set(Contribution.objects.values_list("status", flat=True)) == {"pending"}
        assert not AuditEntry.objects.filter(action="contribution.status_changed").exists()
    done = client.post(ADMIN, {**selection, "apply": "1", "reason": "Sans rapport avec le programme"}, **HOST)
    assert done.status_code == 302
    with schema_context("alpha"):
        for contribution in (first, second):
            row = Contribution.objects.get(pk=contribution.pk)
            assert (row.status, row.moderation_reason) == ("rejected", "Sans rapport avec le programme")
            event = OutboxEvent.objects.get(type="contribution.status_changed", subject_id=str(contribution.pk))
            assert event.payload["to"] == "rejected" and event.actor_id == people["facilitator"].pk
            entry = AuditEntry.objects.get(action="contribution.status_changed", target_id=str(contribution.pk))
            assert entry.via == "admin" and entry.summary.endswith("— Sans rapport avec le programme")


def test_hiding_one_contribution_from_its_page(client, people, contribute, rules):
    rules(moderation_mode="post")
    published = contribute(title="Propos blessants")
    client.force_login(people["facilitator"])
    page = client.get(f"{ADMIN}{published.pk}/change/", **HOST).content.decode()
    hide_url = f"{ADMIN}{published.pk}/moderer/hide/"
    assert hide_url in page and f"{ADMIN}{published.pk}/moderer/reject/" not in page  # only what its state allows
    assert "Répondre" not in page  # facilitators moderate; they do not answer
    assert client.get(hide_url, **HOST).status_code == 200
    refused = client.post(hide_url, {"apply": "1", "reason": ""}, **HOST)
    assert refused.status_code == 200 and "Ce champ est obligatoire." in refused.content.decode()
    # A transition the state machine refuses is shown, and changes nothing.
    wrong = client.post(f"{ADMIN}{published.pk}/moderer/approve/", {"apply": "1"}, follow=True, **HOST)
    assert "Impossible de valider" in wrong.content.decode()
    with schema_context("alpha"):
        assert Contribution.objects.get(pk=published.pk).status == "published"
        assert not OutboxEvent.objects.filter(type="contribution.status_changed").exists()
    done = client.post(hide_url, {"apply": "1", "reason": "Propos injurieux"}, **HOST)
    assert done.status_code == 302 and done["Location"].endswith(f"{published.pk}/change/")
    with schema_context("alpha"):
        row = Contribution.objects.get(pk=published.pk)
        assert (row.status, row.moderation_reason, row.moderated_by_label) == (
            "hidden",
            "Propos injurieux",
            "Facilitator",
        )
        assert AuditEntry.objects.get(action="contribution.status_changed").actor_id == people["facilitator"].pk


def test_professionals_and_decision_makers_get_no_queue_and_cannot_moderate(client, people, contribute, rules):
    rules(moderation_mode="post")
    published = contribute(title="Publiée")
    rules(moderation_mode="pre")
    pending = contribute(title="En attente")
    for role in ("professional", "decision_maker"):
        client.force_login(people[role])
        # As GraphQL's moderationQueue: not theirs (they answer from « Réponses »).
        assert client.get(ADMIN, **HOST).status_code == 403
        assert client.get(f"{ADMIN}{pending.pk}/change/", **HOST).status_code == 403
        assert client.get(f"{ADMIN}{pending.pk}/moderer/reject/", **HOST).status_code == 403
        assert (
            client.post(f"{ADMIN}{pending.pk}/moderer/reject/", {"apply": "1", "reason": "Non"}, **HOST).status_code
            == 403
        )
        selection = {"action": "reject", "_selected_action": [pending.pk], "apply": "1", "reason": "Non"}
        assert client.post(ADMIN, selection, **HOST).status_code == 403
        index = client.get("/t/alpha/admin/", **HOST).content.decode()
        assert "/admin/participation/contribution/" not in index
    with schema_context("alpha"):
        assert Contribution.objects.get(pk=pending.pk).status == "pending"
        assert not AuditEntry.objects.filter(action="contribution.status_changed").exists()
    # A moderator who may also respond (the space's admin) answers from the contribution's page.
    client.force_login(people["tenant_admin"])
    page = client.get(f"{ADMIN}{published.pk}/change/", **HOST).content.decode()
    assert f"/t/alpha/admin/feedback/response/add/?contribution={published.pk}" in page
    assert "response/add/?contribution" not in client.get(f"{ADMIN}{pending.pk}/change/", **HOST).content.decode()


COMMENTS = "/t/alpha/admin/participation/comment/"


def test_comments_are_moderated_with_a_reason(client, people, contribute, rules, tenant_a):
    rules(moderation_mode="post")
    contribution = contribute(title="Publiée")
    rules(moderation_mode="pre")
    commenter = people["participant"]
    with schema_context("alpha"):
        comment = add_comment(as_person(commenter, tenant_a), contribution, {"body": "Un avis à valider"})
    client.force_login(people["facilitator"])
    assert "Un avis à valider" in client.get(COMMENTS, **HOST).content.decode()
    selection = {"action": "reject", "_selected_action": [comment.pk], "apply": "1"}
    assert client.post(COMMENTS, {**selection, "reason": ""}, **HOST).status_code == 200
    with schema_context("alpha"):
        assert Comment.objects.get(pk=comment.pk).status == "pending"
    assert client.post(COMMENTS, {**selection, "reason": "Hors charte"}, **HOST).status_code == 302
    with schema_context("alpha"):
        row = Comment.objects.get(pk=comment.pk)
        assert (row.status, row.moderation_reason) == ("rejected", "Hors charte")
        assert AuditEntry.objects.get(action="comment.status_changed", target_id=str(comment.pk)).via == "admin"
        assert OutboxEvent.objects.filter(type="comment.status_changed", subject_id=str(comment.pk)).exists()
    client.force_login(people["professional"])
    assert client.get(COMMENTS, **HOST).status_code == 403
    assert client.get(f"{COMMENTS}{comment.pk}/moderer/approve/", **HOST).status_code == 403
