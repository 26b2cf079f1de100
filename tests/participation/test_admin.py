"""Participation in the tenant admin: who gets in, the queue first, what each person may see, and every
change (bulk moderation, rules, groups and their members) through the services, audited."""

from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from imedia_core.participation.models import Contribution, ExpressionGroup, GroupMember, ParticipationSettings

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


def test_professionals_read_but_do_not_moderate(client, people, contribute):
    pending = contribute(title="À valider")
    client.force_login(people["professional"])
    assert client.get(ADMIN, **HOST).status_code == 200
    client.post(ADMIN, {"action": "approve", "_selected_action": [pending.pk]}, **HOST)
    with schema_context("alpha"):
        assert Contribution.objects.get(pk=pending.pk).status == "pending"
    assert client.get("/t/alpha/admin/participation/participationsettings/add/", **HOST).status_code == 403


def test_the_lists_show_what_the_person_may_see(client, people, contribute, rules):
    rules(moderation_mode="post")
    contribute(title="Déjà publiée")
    rules(moderation_mode="pre")
    contribute(title="À valider")
    client.force_login(people["professional"])
    html = client.get(ADMIN, **HOST).content.decode()
    assert "Déjà publiée" in html and "À valider" not in html  # pending ones are the moderators'


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
