"""Tenant admins manage who has which role in their space, and only there."""

from tenants.models import Membership
from tests.auth.helpers import token_for

SET_ROLE = """mutation($email: String!, $role: Role!) {
  memberSetRole(email: $email, role: $role) { member { role person { email } } errors { field code } }
}"""
REMOVE = "mutation($email: String!) { memberRemove(email: $email) { removed errors { field code } } }"
MEMBERS = "{ members(first: 50) { totalCount edges { node { role person { email } } } } }"


def test_admin_gives_changes_and_removes_roles(api, tenant_a, tenant_b, make_user):
    admin = make_user("chef@alpha.test", "tenant_admin", tenant_a)
    make_user("nouvelle@exemple.test")
    token = token_for(admin, tenant_a)
    data = api.gql(SET_ROLE, {"email": "Nouvelle@exemple.test", "role": "FACILITATOR"}, tenant=tenant_a, token=token)
    assert data["memberSetRole"] == {
        "member": {"role": "FACILITATOR", "person": {"email": "nouvelle@exemple.test"}},
        "errors": [],
    }
    data = api.gql(SET_ROLE, {"email": "nouvelle@exemple.test", "role": "PROFESSIONAL"}, tenant=tenant_a, token=token)
    assert data["memberSetRole"]["member"]["role"] == "PROFESSIONAL"
    listed = api.gql(MEMBERS, tenant=tenant_a, token=token)["members"]
    assert {e["node"]["person"]["email"] for e in listed["edges"]} == {"chef@alpha.test", "nouvelle@exemple.test"}
    assert not Membership.objects.filter(tenant=tenant_b).exists()
    assert api.gql(REMOVE, {"email": "nouvelle@exemple.test"}, tenant=tenant_a, token=token)["memberRemove"] == {
        "removed": True,
        "errors": [],
    }
    assert api.gql(MEMBERS, tenant=tenant_a, token=token)["members"]["totalCount"] == 1


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
