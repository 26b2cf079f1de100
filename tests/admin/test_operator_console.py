"""The operator console (platform admin, ``/admin/``) through real HTTP: an operator admin sees and
runs only their operator's programmes, creates one from a template through provisioning,
suspends or archives it after a confirmation with a reason, adds members by e-mail, compares
indicators and downloads the exports with their session. Refused input changes nothing; every
change leaves its journal entry and its event in the space."""

import io
import json

import pytest
from django_tenants.utils import schema_context, schema_exists
from openpyxl import load_workbook

from imedia_core.audit.models import AuditEntry
from imedia_core.cycle.models import Phase
from imedia_core.events.models import OutboxEvent
from tenants.models import Domain, Membership, Operator, OperatorMembership, Tenant
from tests.admin.test_platform_admin_members_and_plugins import change_form, post_change

CHANGELIST = "/admin/tenants/tenant/"
PROVISION = "/admin/tenants/tenant/creer/"
STATUS = "/admin/tenants/tenant/{pk}/etat/{change}/"
ADD_MEMBER = "/admin/tenants/tenant/{pk}/membres/ajouter/"
INDICATORS = "/admin/console/indicateurs/"
HOST = {"HTTP_HOST": "testserver"}


@pytest.fixture
def other_operator(db, tenant_b):
    """Beta moves to another operator for the test (rolled back afterwards)."""
    other = Operator.objects.create(slug="autre-op", name="Autre opérateur")
    Tenant.objects.filter(pk=tenant_b.pk).update(operator=other)
    return other


@pytest.fixture
def operator_admin(client, make_user, operator, other_operator):
    """An operator admin of « op-test » (alpha), not a superuser, signed in to the console."""
    user = make_user("regie@op-test.test", is_staff=True)
    OperatorMembership.objects.create(user=user, operator=operator)
    client.force_login(user)
    return user


@pytest.fixture
def superuser(client, make_user):
    user = make_user("racine@platform.test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def journal(slug):
    """``(entries, events)`` of a space: ``(action, via, actor)`` and ``(type, payload)``."""
    with schema_context(slug):
        entries = list(AuditEntry.objects.order_by("id").values_list("action", "via", "actor_id"))
        events = list(OutboxEvent.objects.order_by("id").values_list("type", "payload"))
    return entries, events


# --- scope ---------------------------------------------------------------------------------------


def test_an_operator_admin_sees_only_their_operators_programmes(client, operator_admin, tenant_a, tenant_b):
    page = client.get(CHANGELIST, **HOST).content.decode()
    assert "Espace Alpha" in page and "Espace Bêta" not in page
    assert "Créer un programme" in page and "Indicateurs des programmes" in page
    # Another operator's programme: no form, no status page, nothing changes.
    assert client.get(f"{CHANGELIST}{tenant_b.pk}/change/", **HOST).status_code == 302  # "does not exist"
    before = journal("beta")
    for change in ("suspendre", "archiver"):
        url = STATUS.format(pk=tenant_b.pk, change=change)
        assert client.get(url, **HOST).status_code == 404
        assert client.post(url, {"reason": "Essai"}, **HOST).status_code == 404
    response = client.post(
        CHANGELIST, {"action": "suspend", "_selected_action": [tenant_b.pk], "confirm": "1", "reason": "Essai"}, **HOST
    )
    assert Tenant.objects.get(pk=tenant_b.pk).status == "active"
    assert (
        client.post(ADD_MEMBER.format(pk=tenant_b.pk), {"email": "x@y.test", "role": "participant"}, **HOST).status_code
        == 404
    )
    assert journal("beta") == before
    assert response.status_code in (200, 302)


def test_a_superuser_sees_every_programme(client, superuser, other_operator):
    page = client.get(CHANGELIST, **HOST).content.decode()
    assert "Espace Alpha" in page and "Espace Bêta" in page and "imedia_template" not in page
    assert "Autre opérateur" in page


def test_people_without_an_operator_role_do_not_get_the_console(client, make_user, tenant_a, operator):
    client.force_login(make_user("equipe@platform.test", is_staff=True))
    assert client.get(CHANGELIST, **HOST).status_code == 403
    assert client.get(PROVISION, **HOST).status_code == 403
    assert client.get(INDICATORS, **HOST).status_code == 403
    client.force_login(make_user("admin-espace@alpha.test", "tenant_admin", tenant_a))
    assert client.get(CHANGELIST, **HOST).status_code == 302  # to the login page
    # An operator admin enters the console with the platform's staff flag only.
    outsider = make_user("regie-sans-acces@op-test.test")
    OperatorMembership.objects.create(user=outsider, operator=operator)
    client.force_login(outsider)
    assert client.get(CHANGELIST, **HOST).status_code == 302


def test_an_operator_admin_cannot_hand_a_programme_to_another_operator(
    client, operator_admin, tenant_a, other_operator
):
    page = client.get(f"{CHANGELIST}{tenant_a.pk}/change/", **HOST).content.decode()
    assert "Autre opérateur" not in page
    # The person inline shows people as text, not a list of every account of the platform.
    assert "racine@platform.test" not in page


# --- creating a programme ------------------------------------------------------------------------


def test_provisioning_from_the_console_creates_a_working_space(client, api, operator_admin, operator):
    page = client.get(PROVISION, **HOST).content.decode()
    assert "Autre opérateur" not in page  # only the operators one runs
    response = client.post(
        PROVISION,
        {
            "name": "Conseil citoyen Gamma",
            "slug": "gamma_console",
            "operator": operator.pk,
            "template": "rsa",
            "domain": "Gamma-Console.test",
            "territory": "Val-de-Marne",
        },
        **HOST,
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    assert "Le programme « Conseil citoyen Gamma » est prêt." in page
    assert "gamma-console.test" in page
    tenant = Tenant.objects.get(schema_name="gamma_console")
    assert (tenant.operator, tenant.template_key, tenant.territory, tenant.status) == (
        operator,
        "rsa",
        "Val-de-Marne",
        "active",
    )
    assert Domain.objects.get(tenant=tenant).domain == "gamma-console.test"
    assert schema_exists("gamma_console")
    entries, events = journal("gamma_console")
    assert ("tenant.created", "admin", operator_admin.pk) in entries
    assert "tenant.created" in [kind for kind, _ in events]
    with schema_context("gamma_console"):
        assert Phase.objects.exists()  # the template's cycle came with it
    # The new space answers on its domain.
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": "{ tenant { slug name } }"}),
        content_type="application/json",
        HTTP_HOST="gamma-console.test",
    )
    assert response.json()["data"]["tenant"] == {"slug": "gamma_console", "name": "Conseil citoyen Gamma"}
    # It is in the operator admin's list.
    assert "Conseil citoyen Gamma" in client.get(CHANGELIST, **HOST).content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "alpha"}, "L&#x27;espace « alpha » existe déjà."),
        ({"slug": "Pas Bon"}, "Le slug doit faire 3 à 48 caractères"),
        ({"slug": "public"}, "est réservé"),
        ({"domain": "alpha.test"}, "Domaine déjà utilisé : alpha.test."),
        ({"template": "inconnu"}, "Sélectionnez un choix valide"),
        ({"operator": "other"}, "Sélectionnez un choix valide"),
        ({"name": ""}, "Ce champ est obligatoire."),
    ],
)
def test_refused_provisioning_creates_nothing(client, operator_admin, operator, other_operator, change, message):
    data = {"name": "Delta", "slug": "delta_console", "operator": operator.pk, "template": "", "domain": ""}
    data.update(change)
    if data["operator"] == "other":
        data["operator"] = other_operator.pk
    before = set(Tenant.objects.values_list("schema_name", flat=True))
    response = client.post(PROVISION, data, **HOST)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert set(Tenant.objects.values_list("schema_name", flat=True)) == before
    assert not schema_exists("delta_console")


# --- status changes ------------------------------------------------------------------------------


def test_suspend_asks_for_confirmation_and_a_reason_then_goes_through_set_status(client, operator_admin, tenant_a):
    url = STATUS.format(pk=tenant_a.pk, change="suspendre")
    before = journal("alpha")
    page = client.get(url, **HOST).content.decode()
    assert "Suspendre « Espace Alpha » ?" in page and "Motif" in page
    # No reason: refused, nothing changes.
    response = client.post(url, {"reason": "  "}, **HOST)
    assert response.status_code == 200 and "Ce champ est obligatoire." in response.content.decode()
    assert Tenant.objects.get(pk=tenant_a.pk).status == "active"
    assert journal("alpha") == before
    response = client.post(url, {"reason": "Convention terminée"}, **HOST)
    assert response.status_code == 302
    tenant = Tenant.objects.get(pk=tenant_a.pk)
    assert (tenant.status, tenant.status_reason) == ("suspended", "Convention terminée")
    entries, events = journal("alpha")
    assert entries[len(before[0]) :] == [("tenant.suspended", "admin", operator_admin.pk)]
    payloads = [(kind, {k: v for k, v in payload.items() if k != "id"}) for kind, payload in events[len(before[1]) :]]
    assert payloads == [("tenant.suspended", {"slug": "alpha", "reason": "Convention terminée"})]
    # The space now answers 403; reactivating (reason optional) opens it again.
    assert client.post(STATUS.format(pk=tenant_a.pk, change="reactiver"), {"reason": ""}, **HOST).status_code == 302
    assert Tenant.objects.get(pk=tenant_a.pk).status == "active"


def test_archive_from_the_list_with_a_reason(client, superuser, tenant_a, tenant_b):
    data = {"action": "archive", "_selected_action": [tenant_a.pk, tenant_b.pk]}
    page = client.post(CHANGELIST, data, **HOST).content.decode()
    assert "Espace Alpha" in page and "Espace Bêta" in page and "Oui, archiver" in page
    assert set(Tenant.objects.filter(pk__in=[tenant_a.pk, tenant_b.pk]).values_list("status", flat=True)) == {"active"}
    response = client.post(CHANGELIST, {**data, "confirm": "1", "reason": "Fin du programme"}, **HOST)
    assert response.status_code == 302
    statuses = dict(
        Tenant.objects.filter(pk__in=[tenant_a.pk, tenant_b.pk]).values_list("schema_name", "status_reason")
    )
    assert statuses == {"alpha": "Fin du programme", "beta": "Fin du programme"}
    assert Tenant.objects.get(pk=tenant_a.pk).status == "archived"


# --- members ----------------------------------------------------------------------------------------


def test_inviting_a_member_by_email(
    client, operator_admin, tenant_a, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    """« Inviter par e-mail » sends an invitation (tenants.invitations): the page says the same
    whether or not the address has an account, and nobody joins before accepting."""
    url = ADD_MEMBER.format(pk=tenant_a.pk)
    before = journal("alpha")
    response = client.post(url, {"email": "pas-une-adresse", "role": "facilitator"}, **HOST)
    assert response.status_code == 200
    assert journal("alpha") == before
    make_user("Nouvelle.Animatrice@alpha.test", display_name="Nouvelle Animatrice")
    answers = []
    for email in ("nouvelle.animatrice@ALPHA.test", "personne@nulle-part.test"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"email": email, "role": "facilitator"}, **HOST, follow=True)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Nouvelle Animatrice" not in page
        answers.append([str(message).replace(email, "<adresse>") for message in response.context["messages"]])
    assert answers[0] == answers[1] == ["Invitation envoyée à <adresse>."]
    assert not Membership.objects.filter(tenant=tenant_a).exists()
    assert [message.to for message in mailoutbox] == [["nouvelle.animatrice@alpha.test"], ["personne@nulle-part.test"]]
    entries, events = journal("alpha")
    assert entries[len(before[0]) :] == [("invitation.created", "admin", operator_admin.pk)] * 2
    assert [kind for kind, _ in events[len(before[1]) :]] == ["invitation.created"] * 2


def test_an_operator_admin_changes_roles_in_the_inline(client, operator_admin, tenant_a, make_user):
    chief = make_user("cheffe@alpha.test", "tenant_admin", tenant_a)
    helper = make_user("aide@alpha.test", "participant", tenant_a)
    data = change_form(client, tenant_a)
    assert f"{membership_row_by_role(data, 'participant')}-role" in data
    data[f"{membership_row_by_role(data, 'participant')}-role"] = "facilitator"
    response = post_change(client, tenant_a, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    roles = dict(Membership.objects.filter(tenant=tenant_a).values_list("user_id", "role"))
    assert roles == {chief.pk: "tenant_admin", helper.pk: "facilitator"}
    # The last admin still cannot be demoted.
    data = change_form(client, tenant_a)
    data[f"{membership_row_by_role(data, 'tenant_admin')}-role"] = "participant"
    response = post_change(client, tenant_a, data)
    assert response.status_code == 200
    assert Membership.objects.get(tenant=tenant_a, user=chief).role == "tenant_admin"


def membership_row_by_role(data, role) -> str:
    """The inline prefix of the (single) row holding ``role`` (people are read-only text here)."""
    rows = [key.removesuffix("-role") for key, value in data.items() if key.endswith("-role") and value == role]
    assert len(rows) == 1, data
    return rows[0]


# --- indicators and exports -------------------------------------------------------------------------


def test_indicators_side_by_side_with_charts_and_session_downloads(client, operator_admin, tenant_a):
    page = client.get(f"{INDICATORS}?from=2026-01-01&to=2026-06-30", **HOST).content.decode()
    assert "Indicateurs des programmes — Opérateur test" in page
    assert '<th scope="row">Espace Alpha</th>' in page and "Espace Bêta" not in page
    assert "<td>Actif</td>" in page
    assert page.count('role="img"') == 4 and "Contributions par programme" in page
    xlsx = "/api/operator/evaluation/op-test/?from=2026-01-01&amp;to=2026-06-30&amp;format=xlsx"
    assert xlsx in page
    response = client.get(xlsx.replace("&amp;", "&"), **HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert "Espace Alpha" in [cell.value for cell in book["Engagements"][1]]
    response = client.get("/api/operator/evaluation/op-test/?format=csv", **HOST)
    assert response.status_code == 200 and response.content.decode("utf-8-sig").startswith("programme")
    # The session opens only the operator one runs.
    assert client.get("/api/operator/evaluation/autre-op/?format=csv", **HOST).status_code == 403
    assert client.get(f"{INDICATORS}?operateur=autre-op", **HOST).status_code == 404
    client.logout()
    assert client.get("/api/operator/evaluation/op-test/?format=csv", **HOST).status_code == 401


def test_a_bad_period_is_said_and_the_default_shown(client, superuser):
    page = client.get(f"{INDICATORS}?from=2026-06-30&to=2026-01-01", **HOST).content.decode()
    assert "La date de début doit précéder ou égaler la date de fin." in page
    assert "Espace Alpha" in page


def test_the_sign_in_page_answers_a_signed_out_visitor(client, operator):
    # The console's module permission runs on the login page too, before anyone is signed in.
    response = client.get("/admin/login/", **HOST)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert client.get("/admin/console/indicateurs/", **HOST).status_code == 302
