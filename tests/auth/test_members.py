"""Tenant admins manage who has which role in their space, and only there."""

import json

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent
from imedia_core.graphql.core.nodes import TenantGlobalIDType
from tenants import members
from tenants.models import Membership
from tests.auth.helpers import token_for

SET_ROLE = """mutation($email: String, $id: ID, $role: Role!) {
  memberSetRole(email: $email, id: $id, role: $role) { member { role person { email } } errors { field code message } }
}"""
REMOVE = """mutation($email: String, $id: ID) {
  memberRemove(email: $email, id: $id) { removed errors { field code } }
}"""
MEMBERS = "{ members(first: 50) { totalCount edges { node { id role person { email } } } } }"


def member_id(membership) -> str:
    with schema_context(membership.tenant.schema_name):
        return TenantGlobalIDType.to_global_id("Member", membership.pk)


def test_admin_changes_and_removes_roles_by_member_id(api, tenant_a, tenant_b, make_user):
    admin = make_user("chef@alpha.test", "tenant_admin", tenant_a)
    newcomer = make_user("nouvelle@exemple.test", "participant", tenant_a)
    token = token_for(admin, tenant_a)
    listed = api.gql(MEMBERS, tenant=tenant_a, token=token)["members"]
    ids = {e["node"]["person"]["email"]: e["node"]["id"] for e in listed["edges"]}
    assert set(ids) == {"chef@alpha.test", "nouvelle@exemple.test"}
    data = api.gql(SET_ROLE, {"id": ids[newcomer.email], "role": "FACILITATOR"}, tenant=tenant_a, token=token)
    assert data["memberSetRole"] == {
        "member": {"role": "FACILITATOR", "person": {"email": "nouvelle@exemple.test"}},
        "errors": [],
    }
    # The deprecated e-mail argument still designates a member of this space.
    data = api.gql(SET_ROLE, {"email": "Nouvelle@exemple.test", "role": "PROFESSIONAL"}, tenant=tenant_a, token=token)
    assert data["memberSetRole"]["member"]["role"] == "PROFESSIONAL"
    assert not Membership.objects.filter(tenant=tenant_b).exists()
    assert api.gql(REMOVE, {"id": ids[newcomer.email]}, tenant=tenant_a, token=token)["memberRemove"] == {
        "removed": True,
        "errors": [],
    }
    assert api.gql(MEMBERS, tenant=tenant_a, token=token)["members"]["totalCount"] == 1


def test_set_role_tells_nothing_about_addresses_outside_the_space(api, tenant_a, tenant_b, make_user):
    """The old probe: memberSetRole(email) added any account of the platform and answered its
    e-mail. Now every address that is not a member gets the same refusal, and nobody is added."""
    admin = make_user("chef-sonde@alpha.test", "tenant_admin", tenant_a)
    make_user("camille@exemple.test", "participant", tenant_b, display_name="Camille Secrète")
    token = token_for(admin, tenant_a)
    answers = {}
    for email in ("camille@exemple.test", "personne@exemple.test"):
        answers[email] = api.gql(SET_ROLE, {"email": email, "role": "PARTICIPANT"}, tenant=tenant_a, token=token)
    assert answers["camille@exemple.test"] == answers["personne@exemple.test"]
    assert answers["camille@exemple.test"]["memberSetRole"]["member"] is None
    [error] = answers["camille@exemple.test"]["memberSetRole"]["errors"]
    assert (error["field"], error["code"]) == ("email", "NOT_FOUND") and "invitation" in error["message"]
    assert list(Membership.objects.filter(tenant=tenant_a).values_list("user__email", flat=True)) == [admin.email]


def test_member_designation_and_the_deprecated_argument(api, tenant_a, tenant_b, make_user):
    admin = make_user("chef-arg@alpha.test", "tenant_admin", tenant_a)
    other = make_user("membre@beta.test", "participant", tenant_b)
    token = token_for(admin, tenant_a)
    membership = Membership.objects.get(user=admin)
    cases = [
        ({"role": "PARTICIPANT"}, [("id", "REQUIRED")]),
        ({"id": member_id(membership), "email": admin.email, "role": "PARTICIPANT"}, [("email", "INVALID")]),
        # Another space's member, by its id (decoded in alpha: not found).
        (
            {"id": member_id(Membership.objects.get(user=other)), "role": "PARTICIPANT"},
            [("id", "NOT_FOUND")],
        ),
        ({"id": member_id(membership), "role": "PARTICIPANT"}, [("role", "LAST_ADMIN")]),
    ]
    for variables, expected in cases:
        result = api.gql(SET_ROLE, variables, tenant=tenant_a, token=token)["memberSetRole"]
        assert [(e["field"], e["code"]) for e in result["errors"]] == expected, variables
    removed = api.gql(REMOVE, {"id": member_id(membership)}, tenant=tenant_a, token=token)["memberRemove"]
    assert removed["errors"] == [{"field": "id", "code": "LAST_ADMIN"}]
    args = api.gql(
        '{ __type(name: "Mutation") { fields { name args(includeDeprecated: true) { name isDeprecated } } } }',
        tenant=tenant_a,
    )["__type"]["fields"]
    by_name = {field["name"]: {a["name"]: a["isDeprecated"] for a in field["args"]} for field in args}
    assert by_name["memberSetRole"] == {"id": False, "email": True, "role": False}
    assert by_name["memberRemove"] == {"id": False, "email": True}
    assert Membership.objects.get(user=admin).role == "tenant_admin"
    assert Membership.objects.get(user=other).role == "participant"


def test_bad_member_input_changes_nothing(api, tenant_a, make_user):
    admin = make_user("chef2@alpha.test", "tenant_admin", tenant_a)
    token = token_for(admin, tenant_a)
    cases = [
        (SET_ROLE, {"email": "personne@nulle.part", "role": "PARTICIPANT"}, "memberSetRole", "NOT_FOUND"),
        (SET_ROLE, {"email": "chef2@alpha.test", "role": "OPERATOR_ADMIN"}, "memberSetRole", "INVALID"),
        (SET_ROLE, {"email": "chef2@alpha.test", "role": "PARTICIPANT"}, "memberSetRole", "LAST_ADMIN"),
        (REMOVE, {"email": "chef2@alpha.test"}, "memberRemove", "LAST_ADMIN"),
        (REMOVE, {"email": "inconnu@alpha.test"}, "memberRemove", "NOT_FOUND"),
    ]
    for query, variables, field, code in cases:
        result = api.gql(query, variables, tenant=tenant_a, token=token)[field]
        assert result["errors"][0]["code"] == code, (variables, result)
    assert list(Membership.objects.filter(tenant=tenant_a).values_list("user__email", "role")) == [
        ("chef2@alpha.test", "tenant_admin")
    ]


def test_members_of_another_space_are_out_of_reach(api, tenant_a, tenant_b, make_user):
    admin_a = make_user("chef3@alpha.test", "tenant_admin", tenant_a)
    make_user("membre@beta.test", "participant", tenant_b)
    token = token_for(admin_a, tenant_a)
    result = api.gql(REMOVE, {"email": "membre@beta.test"}, tenant=tenant_a, token=token)["memberRemove"]
    assert result["errors"] == [{"field": "email", "code": "NOT_FOUND"}]
    assert Membership.objects.filter(tenant=tenant_b, user__email="membre@beta.test").exists()
    participant = make_user("p3@alpha.test", "participant", tenant_a)
    data = api.gql(
        SET_ROLE,
        {"email": "p3@alpha.test", "role": "TENANT_ADMIN"},
        tenant=tenant_a,
        token=token_for(participant, tenant_a),
    )
    assert data["memberSetRole"]["errors"][0]["code"] == "PERMISSION_DENIED"


def _written_since(last_entry: int, last_event: int):
    with schema_context("alpha"):
        entries = AuditEntry.objects.filter(id__gt=last_entry).order_by("id")
        events = OutboxEvent.objects.filter(id__gt=last_event).order_by("id")
        return (
            list(entries.values_list("action", "via", "actor_id")),
            list(events.values_list("type", "payload", "actor_id")),
        )


def _marks() -> tuple[int, int]:
    with schema_context("alpha"):
        return (
            AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0,
            OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0,
        )


def test_role_changes_write_their_journal_entry_and_event_without_e_mails(api, tenant_a, make_user):
    admin = make_user("chef4@alpha.test", "tenant_admin", tenant_a)
    person = make_user("recrue@exemple.test")
    token = token_for(admin, tenant_a)
    members.set_role(ServiceContext.for_user(admin, tenant_a, Channel.ADMIN), person, "participant")
    marks = _marks()
    for role in ("FACILITATOR", "FACILITATOR", "PROFESSIONAL"):  # the repeated role is no change
        api.gql(SET_ROLE, {"email": person.email, "role": role}, tenant=tenant_a, token=token)
    api.gql(REMOVE, {"email": person.email}, tenant=tenant_a, token=token)
    entries, events = _written_since(*marks)
    assert entries == [
        ("member.role_set", "graphql", admin.pk),
        ("member.role_set", "graphql", admin.pk),
        ("member.removed", "graphql", admin.pk),
    ]
    assert [(kind, {k: v for k, v in payload.items() if k != "id"}, actor) for kind, payload, actor in events] == [
        ("member.role_set", {"person": person.pk, "role": "facilitator", "previous_role": "participant"}, admin.pk),
        ("member.role_set", {"person": person.pk, "role": "professional", "previous_role": "facilitator"}, admin.pk),
        ("member.removed", {"person": person.pk, "role": "professional"}, admin.pk),
    ]
    assert "@" not in json.dumps([payload for _, payload, _ in events])
    with schema_context("alpha"):
        summaries = list(
            AuditEntry.objects.filter(action__startswith="member.", pk__gt=marks[0]).values_list("summary", flat=True)
        )
    assert summaries and not any("@" in summary for summary in summaries)  # the journal names, never e-mails


def test_every_door_obeys_the_members_rules(tenant_a, make_user):
    chief = make_user("chef5@alpha.test", "tenant_admin", tenant_a)
    facilitator = make_user("anim5@alpha.test", "facilitator", tenant_a)
    marks = _marks()
    admin_ctx = ServiceContext.for_user(chief, tenant_a, Channel.ADMIN)
    refusals = [
        (lambda: members.set_role(admin_ctx, chief, "participant"), "LAST_ADMIN"),
        (lambda: members.remove(admin_ctx, Membership.objects.get(user=chief)), "LAST_ADMIN"),
        (lambda: members.set_role(admin_ctx, facilitator, "operator_admin"), "INVALID"),
        (
            lambda: members.set_role(
                ServiceContext.for_user(facilitator, tenant_a, Channel.ADMIN), facilitator, "tenant_admin"
            ),
            "PERMISSION_DENIED",
        ),
    ]
    for call, code in refusals:
        with pytest.raises(ServiceError) as excinfo:
            call()
        assert excinfo.value.code == code
    assert _written_since(*marks) == ([], [])
    # With a second admin in place, the first may step down.
    members.set_role(admin_ctx, facilitator, "tenant_admin")
    members.set_role(admin_ctx, chief, "decision_maker")
    assert dict(Membership.objects.filter(tenant=tenant_a).values_list("user_id", "role")) == {
        chief.pk: "decision_maker",
        facilitator.pk: "tenant_admin",
    }


def test_members_are_found_by_the_normalised_address_only(api, tenant_a, make_user):
    admin = make_user("chef-unicode@alpha.test", "tenant_admin", tenant_a)
    make_user("participant-unicode@alpha.test", "participant", tenant_a)
    token = token_for(admin, tenant_a)
    # Upper case is the same address; a dotless ı is another one (PostgreSQL's UPPER() would fold it).
    found = api.gql(
        SET_ROLE, {"email": " PARTICIPANT-unicode@alpha.test ", "role": "PARTICIPANT"}, tenant=tenant_a, token=token
    )
    assert found["memberSetRole"]["errors"] == []
    variant = api.gql(
        SET_ROLE, {"email": "partıcipant-unicode@alpha.test", "role": "FACILITATOR"}, tenant=tenant_a, token=token
    )
    assert [(e["field"], e["code"]) for e in variant["memberSetRole"]["errors"]] == [("email", "NOT_FOUND")]
    assert Membership.objects.get(tenant=tenant_a, user__email="participant-unicode@alpha.test").role == "participant"
