"""Members in the back office: the space's « Membres et invitations » page (tenant admins, the
same services and rights as GraphQL) and the deletion of a person in the platform admin (never
the last admin of a space, journalled in every space they belonged to)."""

import re

from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from tenants.models import Invitation, Membership, OperatorMembership, PersonToken, User
from tests.auth.helpers import token_for

PAGE = "/t/alpha/admin/membres/"
PAGE_B = "/t/beta/admin/membres/"
HOST = {"HTTP_HOST": "testserver"}


def journal(slug):
    """A space's ``member.*`` and ``invitation.*`` journal entries and events (other domains, such
    as erasure, may add their own around a deletion)."""
    ours = ("member.", "invitation.")
    with schema_context(slug):
        return (
            [
                e
                for e in AuditEntry.objects.order_by("id").values_list("action", "via", "actor_id")
                if e[0].startswith(ours)
            ],
            [
                e
                for e in OutboxEvent.objects.order_by("id").values_list("type", "payload", "actor_id")
                if e[0].startswith(ours)
            ],
        )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_only_space_admins_get_the_members_page(client, tenant_a, make_user):
    admin = make_user("cheffe@alpha.test", "tenant_admin", tenant_a, display_name="Cheffe Alpha")
    make_user("anim@alpha.test", "facilitator", tenant_a)
    client.force_login(admin)
    page = client.get(PAGE, **HOST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Membres et invitations" in html and "Cheffe Alpha" in html and "anim@alpha.test" in html
    assert "Invitations en attente" in html and "Inviter par e-mail" in html
    index = client.get("/t/alpha/admin/", **HOST).content.decode()
    assert PAGE in index
    for email, role in (("anim2@alpha.test", "facilitator"), ("pro2@alpha.test", "professional")):
        client.force_login(make_user(email, role, tenant_a))
        assert client.get(PAGE, **HOST).status_code == 403
        assert (
            client.post(
                PAGE,
                {"action": "invite", "invitation-email": "x@exemple.test", "invitation-role": "participant"},
                **HOST,
            ).status_code
            == 403
        )
        assert PAGE not in client.get("/t/alpha/admin/", **HOST).content.decode()
    client.force_login(make_user("part@alpha.test", "participant", tenant_a))
    assert "/admin/login/" in client.get(PAGE, **HOST)["Location"]
    assert not Invitation.objects.exists()


def test_admins_change_roles_remove_and_keep_the_last_admin(client, tenant_a, make_user):
    admin = make_user("cheffe2@alpha.test", "tenant_admin", tenant_a)
    helper = make_user("aide@alpha.test", "participant", tenant_a)
    client.force_login(admin)
    own = Membership.objects.get(user=admin)
    theirs = Membership.objects.get(user=helper)
    before = journal("alpha")
    for action, data in (("set_role", {"role": "participant"}), ("remove", {"confirm": "1"})):
        response = client.post(PAGE, {"action": action, "member": own.pk, **data}, **HOST)
        assert response.status_code == 200
        assert messages_of(response) == ["L'espace doit garder au moins un·e administrateur·rice."]
    assert Membership.objects.get(pk=own.pk).role == "tenant_admin"
    assert journal("alpha") == before
    response = client.post(
        PAGE, {"action": "set_role", "member": theirs.pk, "role": "facilitator"}, **HOST, follow=True
    )
    assert messages_of(response) == ["aide@alpha.test a maintenant le rôle : Animateur·rice."]
    assert Membership.objects.get(pk=theirs.pk).role == "facilitator"
    response = client.post(PAGE, {"action": "set_role", "member": theirs.pk, "role": "operator_admin"}, **HOST)
    assert messages_of(response) == ["Ce rôle ne s'attribue pas dans un espace."]
    # Removing asks first; nothing changes until it is confirmed.
    confirm = client.post(PAGE, {"action": "remove", "member": theirs.pk}, **HOST)
    assert confirm.status_code == 200
    assert "Oui, retirer de l" in confirm.content.decode() and 'name="confirm" value="1"' in confirm.content.decode()
    assert Membership.objects.filter(pk=theirs.pk).exists()
    response = client.post(PAGE, {"action": "remove", "member": theirs.pk, "confirm": "1"}, **HOST, follow=True)
    assert messages_of(response) == ["aide@alpha.test ne fait plus partie de l'espace."]
    assert not Membership.objects.filter(pk=theirs.pk).exists()
    entries, events = journal("alpha")
    assert entries[len(before[0]) :] == [("member.role_set", "admin", admin.pk), ("member.removed", "admin", admin.pk)]
    assert [kind for kind, *_ in events[len(before[1]) :]] == ["member.role_set", "member.removed"]


def test_admins_invite_resend_and_revoke_from_the_page(
    client, api, tenant_a, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    admin = make_user("cheffe3@alpha.test", "tenant_admin", tenant_a)
    make_user("deja@alpha.test", "participant", tenant_a)
    client.force_login(admin)
    invite = {"action": "invite", "invitation-email": "Zoe@Exemple.test", "invitation-role": "professional"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, invite, **HOST, follow=True)
    assert messages_of(response) == ["Invitation envoyée à Zoe@Exemple.test."]
    invitation = Invitation.objects.get(tenant=tenant_a)
    assert (invitation.email, invitation.role) == ("zoe@exemple.test", "professional")
    assert "zoe@exemple.test" in response.content.decode()
    # Refusals come back on the form, nothing sent.
    for email, error in (("deja@alpha.test", "déjà membre"), ("pas-une-adresse", "adresse e-mail valide")):
        response = client.post(PAGE, {**invite, "invitation-email": email}, **HOST)
        assert response.status_code == 200 and error in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, {"action": "resend", "invitation": invitation.pk}, **HOST, follow=True)
    assert messages_of(response) == ["Invitation envoyée à zoe@exemple.test."]
    assert len(mailoutbox) == 2
    first, second = (re.search(r"imi_[\w-]+", message.body).group(0) for message in mailoutbox)
    assert first != second
    response = client.post(PAGE, {"action": "revoke", "invitation": invitation.pk}, **HOST, follow=True)
    assert messages_of(response) == ["L'invitation de zoe@exemple.test est annulée."]
    assert Invitation.objects.get(pk=invitation.pk).status == "revoked"
    assert "Aucune invitation en attente." in response.content.decode()
    accepted = api.gql(
        'mutation($t: String!) { invitationAccept(token: $t, displayName: "Zoé", password: "un-mot-de-passe-solide-42") '
        "{ role errors { code } } }",
        {"t": second},
        tenant=tenant_a,
    )
    assert accepted["invitationAccept"]["errors"] == [{"code": "INVITATION_REVOKED"}]
    entries, _ = journal("alpha")
    assert [action for action, *_ in entries if action.startswith("invitation.")] == [
        "invitation.created",
        "invitation.resent",
        "invitation.revoked",
    ]


def test_another_space_rows_are_out_of_reach_of_the_page(client, tenant_a, tenant_b, make_user):
    make_user("cheffe-a@alpha.test", "tenant_admin", tenant_a)
    helper = make_user("aide-a@alpha.test", "participant", tenant_a)
    admin_b = make_user("cheffe-b@beta.test", "tenant_admin", tenant_b)
    invitation = Invitation.objects.create(
        tenant=tenant_a, email="x@exemple.test", role="participant", token_hash="0" * 64,
        sent_at="2026-12-01T10:00Z", expires_at="2099-01-01T00:00Z",
    )  # fmt: skip
    client.force_login(admin_b)
    alpha_member = Membership.objects.get(user=helper)
    cases = [
        ({"action": "remove", "member": alpha_member.pk}, "Ce membre n'existe pas dans cet espace."),
        ({"action": "remove", "member": alpha_member.pk, "confirm": "1"}, "Ce membre n'existe pas dans cet espace."),
        (
            {"action": "set_role", "member": alpha_member.pk, "role": "tenant_admin"},
            "Ce membre n'existe pas dans cet espace.",
        ),
        ({"action": "revoke", "invitation": invitation.pk}, "Cette invitation n'existe pas dans cet espace."),
        ({"action": "remove", "member": "abc"}, "Ce membre n'existe pas dans cet espace."),
    ]
    for data, message in cases:
        response = client.post(PAGE_B, data, **HOST)
        assert messages_of(response) == [message], data
    assert Membership.objects.get(pk=alpha_member.pk).role == "participant"
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"
    # Alpha's page, reached with beta's session, is the sign-in page.
    assert "/admin/login/" in client.get(PAGE, **HOST)["Location"]
    assert "aide-a@alpha.test" not in client.get(PAGE_B, **HOST).content.decode()


# --- the platform admin: deleting a person ------------------------------------------------------------


def superuser(client, make_user):
    user = make_user("racine@platform.test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_last_admin_of_a_space_cannot_be_deleted(client, tenant_a, tenant_b, make_user):
    root = superuser(client, make_user)
    lone = make_user("seule@exemple.test", "tenant_admin", tenant_a)
    Membership.objects.create(user=lone, tenant=tenant_b, role="tenant_admin")
    url = f"/admin/tenants/user/{lone.pk}/delete/"
    page = client.get(url, **HOST)
    assert page.status_code == 200
    assert messages_of(page) == [
        "seule@exemple.test est le ou la dernière administrateur·rice de : « Espace Alpha », « Espace Bêta ». "
        "Nommez d'abord un·e autre administrateur·rice de ces espaces."
    ]
    before = journal("alpha"), journal("beta")
    response = client.post(url, {"post": "yes"}, **HOST)
    assert response.status_code == 200
    bulk = client.post(
        "/admin/tenants/user/", {"action": "delete_selected", "_selected_action": [lone.pk], "post": "yes"}, **HOST
    )
    assert bulk.status_code == 200
    assert "Espace Alpha" in bulk.content.decode()
    assert User.objects.filter(pk=lone.pk).exists()
    assert Membership.objects.filter(user=lone).count() == 2
    assert (journal("alpha"), journal("beta")) == before
    assert User.objects.filter(pk=root.pk).exists()


def test_deleting_a_person_is_journalled_in_each_of_their_spaces(client, tenant_a, tenant_b, make_user, operator):
    root = superuser(client, make_user)
    make_user("cheffe-a2@alpha.test", "tenant_admin", tenant_a)
    leaving = make_user("depart@exemple.test", "tenant_admin", tenant_a)
    Membership.objects.create(user=leaving, tenant=tenant_b, role="participant")
    OperatorMembership.objects.create(user=leaving, operator=operator)
    token_for(leaving, tenant_a)
    before = {slug: journal(slug) for slug in ("alpha", "beta")}
    response = client.post(f"/admin/tenants/user/{leaving.pk}/delete/", {"post": "yes"}, **HOST)
    assert response.status_code == 302
    assert not User.objects.filter(pk=leaving.pk).exists()
    assert not Membership.objects.filter(user_id=leaving.pk).exists()
    assert not PersonToken.objects.filter(user_id=leaving.pk).exists()
    for slug, role in (("alpha", "tenant_admin"), ("beta", "participant")):
        entries, events = journal(slug)
        assert entries[len(before[slug][0]) :] == [("member.removed", "admin", root.pk)]
        [(kind, payload, actor)] = events[len(before[slug][1]) :]
        assert kind == "member.removed" and actor == root.pk
        assert {k: v for k, v in payload.items() if k != "id"} == {
            "person": leaving.pk,
            "role": role,
            "account_deleted": True,
        }


def test_bulk_deletion_goes_through_the_same_service(client, tenant_a, make_user):
    root = superuser(client, make_user)
    make_user("cheffe-a3@alpha.test", "tenant_admin", tenant_a)
    people = [make_user(f"groupe{n}@alpha.test", "participant", tenant_a) for n in range(2)]
    before = journal("alpha")
    response = client.post(
        "/admin/tenants/user/",
        {"action": "delete_selected", "_selected_action": [p.pk for p in people], "post": "yes"},
        **HOST,
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[p.pk for p in people]).exists()
    entries, _ = journal("alpha")
    assert entries[len(before[0]) :] == [("member.removed", "admin", root.pk)] * 2
