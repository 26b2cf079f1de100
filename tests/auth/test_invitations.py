"""People join a space by accepting an invitation: inviting says nothing of who has an account,
the e-mail carries a single-use, expiring token stored hashed, and every bad token is a typed
error that changes nothing."""

import json
import re
from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from tenants.models import Invitation, Membership, User, hash_secret
from tests.auth.helpers import api_key_for, token_for

INVITE = """mutation($email: String!, $role: Role!) {
  memberInvite(email: $email, role: $role) {
    invitation { id email role status sendCount sentAt expiresAt createdAt }
    errors { field code message }
  }
}"""
ACCEPT = """mutation($token: String!, $name: String, $password: String) {
  invitationAccept(token: $token, displayName: $name, password: $password) {
    role person { email displayName } errors { field code message }
  }
}"""
RESEND = "mutation($id: ID!) { invitationResend(id: $id) { invitation { status sendCount } errors { field code } } }"
REVOKE = "mutation($id: ID!) { invitationRevoke(id: $id) { invitation { status } errors { field code } } }"
LIST = "{ invitations(first: 20) { totalCount edges { node { id email role status } } } }"
PASSWORD = "un-mot-de-passe-solide-42"
TOKEN_RE = re.compile(r"imi_[A-Za-z0-9_-]{40,}")


def token_in(message) -> str:
    tokens = set(TOKEN_RE.findall(message.body))
    assert len(tokens) == 1, message.body
    return tokens.pop()


def invite(api, token, email, role="FACILITATOR", tenant=None):
    return api.gql(INVITE, {"email": email, "role": role}, tenant=tenant, token=token)["memberInvite"]


def state(tenant):
    """Everything an invitation could change: memberships, people, invitations, journal, outbox."""
    with schema_context(tenant.schema_name):
        journal = list(AuditEntry.objects.values_list("pk", flat=True))
        events = list(OutboxEvent.objects.values_list("pk", flat=True))
    return (
        sorted(Membership.objects.filter(tenant=tenant).values_list("user_id", "role")),
        sorted(User.objects.values_list("pk", "email", "display_name")),
        sorted(Invitation.objects.values_list("pk", "token_hash", "accepted_at", "revoked_at", "send_count")),
        journal,
        events,
    )


def test_inviting_answers_the_same_whether_or_not_the_address_has_an_account(
    api, tenant_a, tenant_b, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    admin = make_user("cheffe@alpha.test", "tenant_admin", tenant_a)
    make_user("camille@exemple.test", "participant", tenant_b, display_name="Camille Secrète")
    token = token_for(admin, tenant_a)
    answers, queries = [], []
    for email in ("camille@exemple.test", "personne@exemple.test"):
        with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as captured:
            answer = invite(api, token, email, tenant=tenant_a)
        queries.append([q["sql"] for q in captured.captured_queries if "tenants_user" in q["sql"]])
        assert answer["errors"] == []
        node = answer["invitation"]
        assert node["email"] == email and node["status"] == "PENDING" and node["sendCount"] == 1
        answers.append({k: v for k, v in node.items() if k not in ("id", "email", "sentAt", "expiresAt", "createdAt")})
    assert answers[0] == answers[1]
    assert "Camille" not in json.dumps(answers)
    # The same queries for both, and the address is looked up among this space's members only.
    assert len(queries[0]) == len(queries[1])
    for email, sqls in zip(("camille@exemple.test", "personne@exemple.test"), queries, strict=True):
        assert all("tenants_membership" in sql for sql in sqls if email in sql)
    # The same e-mail, in French, to both; nobody has joined yet.
    bodies = [TOKEN_RE.sub("<jeton>", message.body).replace(message.to[0], "<adresse>") for message in mailoutbox]
    assert [message.to for message in mailoutbox] == [["camille@exemple.test"], ["personne@exemple.test"]]
    assert bodies[0] == bodies[1]
    assert "Espace Alpha" in mailoutbox[0].subject and "Animateur·rice" in mailoutbox[0].body
    assert "valable jusqu'au" in mailoutbox[0].body
    assert not Membership.objects.filter(tenant=tenant_a, user__email="camille@exemple.test").exists()


def test_the_token_is_single_use_and_stored_hashed(
    api, tenant_a, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    admin = make_user("cheffe2@alpha.test", "tenant_admin", tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        invite(api, token_for(admin, tenant_a), " Nina@Exemple.test ", role="PROFESSIONAL", tenant=tenant_a)
    raw = token_in(mailoutbox[0])
    invitation = Invitation.objects.get(tenant=tenant_a)
    assert invitation.email == "nina@exemple.test"
    assert invitation.token_hash == hash_secret(raw)
    assert raw not in json.dumps(list(Invitation.objects.values()), default=str)

    accepted = api.gql(ACCEPT, {"token": raw, "name": "Nina <b>N.</b>", "password": PASSWORD}, tenant=tenant_a)
    assert accepted["invitationAccept"] == {
        "role": "PROFESSIONAL",
        "person": {"email": "nina@exemple.test", "displayName": "Nina N."},
        "errors": [],
    }
    nina = User.objects.get(email="nina@exemple.test")
    assert nina.check_password(PASSWORD)
    assert Membership.objects.get(tenant=tenant_a, user=nina).role == "professional"
    signed_in = api.gql(
        'mutation($p: String!) { tokenCreate(email: "nina@exemple.test", password: $p) { token errors { code } } }',
        {"p": PASSWORD},
        tenant=tenant_a,
    )
    assert signed_in["tokenCreate"]["errors"] == []

    before = state(tenant_a)
    again = api.gql(ACCEPT, {"token": raw, "name": "Autre", "password": PASSWORD}, tenant=tenant_a)
    assert again["invitationAccept"]["errors"][0]["code"] == "INVITATION_USED"
    assert again["invitationAccept"]["role"] is None
    assert state(tenant_a) == before
    with schema_context("alpha"):
        events = list(OutboxEvent.objects.order_by("id").values_list("type", "payload", "actor_id"))
        entries = list(AuditEntry.objects.order_by("id").values_list("action", "via", "actor_id"))
    assert [(kind, actor) for kind, _, actor in events] == [
        ("invitation.created", admin.pk),
        ("member.role_set", nina.pk),
        ("invitation.accepted", nina.pk),
    ]
    assert [entry for entry in entries if entry[0].startswith(("invitation.", "member."))] == [
        ("invitation.created", "graphql", admin.pk),
        ("member.role_set", "graphql", nina.pk),
        ("invitation.accepted", "graphql", nina.pk),
    ]
    assert "@" not in json.dumps([payload for _, payload, _ in events])
    assert events[2][1] == {"id": invitation.pk, "role": "professional", "person": nina.pk}


def test_a_signed_in_person_accepts_only_an_invitation_to_their_address(
    api, tenant_a, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    admin = make_user("cheffe3@alpha.test", "tenant_admin", tenant_a)
    invited = make_user("Invitee@exemple.test")
    other = make_user("autre@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        invite(api, token_for(admin, tenant_a), "INVITEE@exemple.test", role="DECISION_MAKER", tenant=tenant_a)
    raw = token_in(mailoutbox[0])
    before = state(tenant_a)
    refusals = [
        ({"token": raw}, token_for(other, tenant_a), "EMAIL_MISMATCH"),
        # The address has an account: its owner signs in first (no second account, no takeover).
        ({"token": raw, "name": "Intrus", "password": PASSWORD}, None, "ACCOUNT_EXISTS"),
        ({"token": raw}, api_key_for(tenant_a, "read", "write"), "PERMISSION_DENIED"),
    ]
    for variables, token, code in refusals:
        result = api.gql(ACCEPT, variables, tenant=tenant_a, token=token)["invitationAccept"]
        assert [error["code"] for error in result["errors"]] == [code]
    assert state(tenant_a) == before
    result = api.gql(ACCEPT, {"token": raw}, tenant=tenant_a, token=token_for(invited, tenant_a))["invitationAccept"]
    assert result["errors"] == [] and result["role"] == "DECISION_MAKER"
    assert Membership.objects.get(tenant=tenant_a, user=invited).role == "decision_maker"
    assert not Membership.objects.filter(user=other).exists()


def test_expired_revoked_and_foreign_tokens_are_typed_errors_that_change_nothing(
    api, tenant_a, tenant_b, make_user, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.IMEDIA_INVITATION_TTL_DAYS = 2
    admin = make_user("cheffe4@alpha.test", "tenant_admin", tenant_a)
    admin_b = make_user("cheffe4@beta.test", "tenant_admin", tenant_b)
    token = token_for(admin, tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        invite(api, token, "tardif@exemple.test", tenant=tenant_a)
        cancelled = invite(api, token, "annule@exemple.test", tenant=tenant_a)["invitation"]
        invite(api, token_for(admin_b, tenant_b), "beta@exemple.test", tenant=tenant_b)
    late_token, cancelled_token, beta_token = (token_in(message) for message in mailoutbox)
    expiry = Invitation.objects.get(email="tardif@exemple.test").expires_at
    assert timedelta(days=2) - timedelta(minutes=1) < expiry - timezone.now() <= timedelta(days=2)
    assert api.gql(REVOKE, {"id": cancelled["id"]}, tenant=tenant_a, token=token)["invitationRevoke"] == {
        "invitation": {"status": "REVOKED"},
        "errors": [],
    }
    new_account = {"name": "Quelqu'un", "password": PASSWORD}
    cases = [
        (cancelled_token, "INVITATION_REVOKED"),
        (beta_token, "NOT_FOUND"),  # beta's invitation, used in alpha
        ("imi_nimporte-quoi", "NOT_FOUND"),
        ("", "NOT_FOUND"),
    ]
    before = state(tenant_a)
    for raw, code in cases:
        result = api.gql(ACCEPT, {"token": raw, **new_account}, tenant=tenant_a)["invitationAccept"]
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("token", code)], raw
    with time_machine.travel(timezone.now() + timedelta(days=2, seconds=1)):
        result = api.gql(ACCEPT, {"token": late_token, **new_account}, tenant=tenant_a)["invitationAccept"]
        assert [e["code"] for e in result["errors"]] == ["INVITATION_EXPIRED"]
        listed = api.gql(LIST, tenant=tenant_a, token=token)["invitations"]
        assert {edge["node"]["email"]: edge["node"]["status"] for edge in listed["edges"]} == {
            "tardif@exemple.test": "EXPIRED"
        }
    assert state(tenant_a) == before
    assert not User.objects.filter(display_name="Quelqu'un").exists()


def test_new_accounts_need_a_name_and_a_sound_password(
    api, tenant_a, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    admin = make_user("cheffe5@alpha.test", "tenant_admin", tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        invite(api, token_for(admin, tenant_a), "lea@exemple.test", tenant=tenant_a)
    raw = token_in(mailoutbox[0])
    before = state(tenant_a)
    result = api.gql(ACCEPT, {"token": raw, "name": "  ", "password": "court"}, tenant=tenant_a)["invitationAccept"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("displayName", "REQUIRED"), ("password", "INVALID")]
    result = api.gql(ACCEPT, {"token": raw, "name": "Léa"}, tenant=tenant_a)["invitationAccept"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("password", "REQUIRED")]
    assert state(tenant_a) == before
    assert not User.objects.filter(email="lea@exemple.test").exists()


def test_resending_renews_the_link_and_the_former_one_stops_working(
    api, tenant_a, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    admin = make_user("cheffe6@alpha.test", "tenant_admin", tenant_a)
    token = token_for(admin, tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        sent = invite(api, token, "sam@exemple.test", tenant=tenant_a)["invitation"]
        resent = api.gql(RESEND, {"id": sent["id"]}, tenant=tenant_a, token=token)["invitationResend"]
        # Inviting the address again renews the same invitation, with the new role.
        again = invite(api, token, "sam@exemple.test", role="TENANT_ADMIN", tenant=tenant_a)["invitation"]
    assert resent == {"invitation": {"status": "PENDING", "sendCount": 2}, "errors": []}
    assert again["id"] == sent["id"] and again["sendCount"] == 3 and again["role"] == "TENANT_ADMIN"
    first, second, third = (token_in(message) for message in mailoutbox)
    assert len({first, second, third}) == 3
    for stale in (first, second):
        result = api.gql(ACCEPT, {"token": stale, "name": "Sam", "password": PASSWORD}, tenant=tenant_a)
        assert result["invitationAccept"]["errors"][0]["code"] == "NOT_FOUND"
    result = api.gql(ACCEPT, {"token": third, "name": "Sam", "password": PASSWORD}, tenant=tenant_a)
    assert result["invitationAccept"]["role"] == "TENANT_ADMIN"
    # An accepted invitation is neither resent nor revoked, and leaves the pending list.
    assert api.gql(RESEND, {"id": sent["id"]}, tenant=tenant_a, token=token)["invitationResend"]["errors"] == [
        {"field": "id", "code": "INVITATION_USED"}
    ]
    assert api.gql(REVOKE, {"id": sent["id"]}, tenant=tenant_a, token=token)["invitationRevoke"]["errors"] == [
        {"field": "id", "code": "INVITATION_USED"}
    ]
    assert api.gql(LIST, tenant=tenant_a, token=token)["invitations"]["totalCount"] == 0


def test_invitations_are_for_the_space_admins_of_their_own_space(
    api, tenant_a, tenant_b, make_user, django_capture_on_commit_callbacks
):
    admin_a = make_user("cheffe7@alpha.test", "tenant_admin", tenant_a)
    admin_b = make_user("cheffe7@beta.test", "tenant_admin", tenant_b)
    facilitator = make_user("anim7@alpha.test", "facilitator", tenant_a)
    invitation = invite(api, token_for(admin_a, tenant_a), "alex@exemple.test", tenant=tenant_a)["invitation"]
    assert api.gql(LIST, tenant=tenant_a, token=token_for(admin_a, tenant_a))["invitations"]["totalCount"] == 1
    token_b = token_for(admin_b, tenant_b)
    assert api.gql(LIST, tenant=tenant_b, token=token_b)["invitations"]["totalCount"] == 0
    node = api.gql("query($id: ID!) { node(id: $id) { id } }", {"id": invitation["id"]}, tenant=tenant_b, token=token_b)
    assert node["node"] is None
    for mutation, document in (("invitationRevoke", REVOKE), ("invitationResend", RESEND)):
        result = api.gql(document, {"id": invitation["id"]}, tenant=tenant_b, token=token_b)[mutation]
        assert result["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    refused = api.graphql(LIST, tenant=tenant_a, token=token_for(facilitator, tenant_a)).json()
    assert refused["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    result = invite(api, token_for(facilitator, tenant_a), "x@exemple.test", tenant=tenant_a)
    assert result["errors"][0]["code"] == "PERMISSION_DENIED"
    assert Invitation.objects.get().status == "pending"


def test_invitations_are_rate_limited_per_admin_and_space(api, tenant_a, tenant_b, make_user, settings):
    settings.IMEDIA_INVITATIONS_PER_HOUR = 2
    admin = make_user("cheffe8@alpha.test", "tenant_admin", tenant_a)
    other_admin = make_user("cheffe8bis@alpha.test", "tenant_admin", tenant_a)
    token = token_for(admin, tenant_a)
    assert invite(api, token, "un@exemple.test", tenant=tenant_a)["errors"] == []
    sent = invite(api, token, "deux@exemple.test", tenant=tenant_a)["invitation"]
    before = state(tenant_a)
    assert invite(api, token, "trois@exemple.test", tenant=tenant_a)["errors"][0]["code"] == "RATE_LIMITED"
    resend = api.gql(RESEND, {"id": sent["id"]}, tenant=tenant_a, token=token)["invitationResend"]
    assert resend["errors"] == [{"field": None, "code": "RATE_LIMITED"}]
    assert state(tenant_a) == before
    # Another admin of the space has their own allowance; so has the same person in another space.
    assert invite(api, token_for(other_admin, tenant_a), "trois@exemple.test", tenant=tenant_a)["errors"] == []
    Membership.objects.create(user=admin, tenant=tenant_b, role="tenant_admin")
    assert invite(api, token_for(admin, tenant_b), "trois@exemple.test", tenant=tenant_b)["errors"] == []


def test_bad_invitation_input_is_refused(api, tenant_a, make_user):
    admin = make_user("cheffe9@alpha.test", "tenant_admin", tenant_a)
    member = make_user("deja@alpha.test", "participant", tenant_a)
    token = token_for(admin, tenant_a)
    before = state(tenant_a)
    cases = [
        ({"email": "pas-une-adresse", "role": "PARTICIPANT"}, [("email", "INVALID")]),
        ({"email": "x@exemple.test", "role": "OPERATOR_ADMIN"}, [("role", "INVALID")]),
        ({"email": " DEJA@alpha.test", "role": "FACILITATOR"}, [("email", "ALREADY_MEMBER")]),
    ]
    for variables, expected in cases:
        result = api.gql(INVITE, variables, tenant=tenant_a, token=token)["memberInvite"]
        assert [(e["field"], e["code"]) for e in result["errors"]] == expected, variables
        assert result["invitation"] is None
    assert state(tenant_a) == before
    assert Membership.objects.get(user=member).role == "participant"


def test_the_invitations_list_costs_the_same_for_one_or_many(api, tenant_a, make_user):
    admin = make_user("cheffe10@alpha.test", "tenant_admin", tenant_a)
    token = token_for(admin, tenant_a)
    counts = []
    for batch in (["seul@exemple.test"], [f"invite{n}@exemple.test" for n in range(8)]):
        for email in batch:
            invite(api, token, email, tenant=tenant_a)
        with CaptureQueriesContext(connection) as captured:
            listed = api.gql(LIST, tenant=tenant_a, token=token)["invitations"]
        counts.append(len(captured.captured_queries))
        assert listed["totalCount"] == len(listed["edges"])
    assert counts[0] == counts[1]
    assert listed["totalCount"] == 9
