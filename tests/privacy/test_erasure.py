"""The right to erasure: « Personne anonymisée » everywhere the person's name was, their gestures
deleted with the counters kept right, in every space they reached, and refused for a space's last
admin (docs/privacy.md)."""

import io
import json
import zipfile

from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.events.models import OutboxEvent
from imedia_core.participation.models import Comment, Contribution, Follower, Report, Support
from imedia_core.privacy.models import PersonSpace
from tenants.models import Membership, PersonToken, User
from tenants.people import delete_person

from .conftest import EMAIL, NAME

ANON = "Personne anonymisée"
LIST = "{ contributions(first: 20) { edges { node { title authorLabel } } } }"
ERASE = """mutation($password: String!) {
  accountErase(password: $password) { erased errors { field code message } }
}"""


def test_a_deleted_account_no_longer_signs_its_contributions(api, tenant_a, traces):
    before = json.dumps(api.gql(LIST, tenant=tenant_a), ensure_ascii=False)
    assert NAME in before
    delete_person(ServiceContext.system(Channel.CLI), traces["awa"])
    after = api.gql(LIST, tenant=tenant_a)["contributions"]["edges"]
    labels = {edge["node"]["title"]: edge["node"]["authorLabel"] for edge in after}
    assert labels["Proposition d'Awa (alpha)"] == ANON
    assert labels["Constat de Léa (alpha)"] == "Léa Martin"
    assert NAME not in json.dumps(after, ensure_ascii=False)


def test_a_person_erases_themself_in_every_space(api, tenant_a, tenant_b, traces, settings):
    awa = traces["awa"]
    response = api.gql(ERASE, {"password": "pas le bon"}, tenant=tenant_a, token=traces["token"])
    assert response["accountErase"]["errors"][0]["code"] == "WRONG_PASSWORD"
    assert User.objects.filter(pk=awa.pk).exists()
    with schema_context("alpha"):
        assert Support.objects.filter(user_id=awa.pk).count() == 1

    response = api.gql(ERASE, {"password": "motdepasse-de-test-42"}, tenant=tenant_a, token=traces["token"])
    assert response["accountErase"] == {"erased": True, "errors": []}
    assert not User.objects.filter(pk=awa.pk).exists()
    assert not Membership.objects.filter(user_id=awa.pk).exists()
    assert not PersonToken.objects.filter(user_id=awa.pk).exists()
    assert not PersonSpace.objects.filter(user_id=awa.pk).exists()
    for schema in ("alpha", "beta"):
        with schema_context(schema):
            mine = Contribution.objects.get(pk=traces[schema]["mine"].pk)
            hers = Contribution.objects.get(pk=traces[schema]["hers"].pk)
            assert (mine.author_id, mine.author_label) == (None, ANON)
            assert mine.support_count == 1  # Léa's support stays
            assert (hers.support_count, hers.report_count) == (0, 0)
            assert not Support.objects.filter(user_id=awa.pk).exists()
            assert not Follower.objects.filter(user_id=awa.pk).exists()
            assert not Report.objects.filter(reporter_id=awa.pk).exists()
            comment = Comment.objects.get(pk=traces[schema]["comment"].pk)
            assert (comment.author_id, comment.author_label) == (None, ANON)
            # Copies of the name in the journal, whoever wrote them, are replaced too.
            assert not AuditEntry.objects.filter(summary__contains=NAME).exists()
            assert not AuditEntry.objects.filter(actor_label=NAME).exists()
            assert AuditEntry.objects.filter(summary=f"{ANON} : participant").exists()
            erased = OutboxEvent.objects.get(type="person.erased")
            assert erased.payload["person"] == awa.pk and erased.actor_id is None
            assert NAME not in json.dumps(erased.payload) and EMAIL not in json.dumps(erased.payload)
            entry = AuditEntry.objects.get(action="person.erased")
            assert entry.actor_label == "" and NAME not in entry.summary
            # Léa's own rows keep her name.
            assert Contribution.objects.get(pk=traces[schema]["hers"].pk).author_label == "Léa Martin"


def test_the_last_admin_of_a_space_cannot_be_erased(api, tenant_a, make_user, traces):
    Membership.objects.filter(user=traces["awa"], tenant=tenant_a).update(role="tenant_admin")
    Membership.objects.filter(tenant=tenant_a, role="tenant_admin").exclude(user=traces["awa"]).delete()
    response = api.gql(ERASE, {"password": "motdepasse-de-test-42"}, tenant=tenant_a, token=traces["token"])
    error = response["accountErase"]["errors"][0]
    assert error["code"] == "LAST_ADMIN" and "Espace Alpha" in error["message"]
    assert User.objects.filter(pk=traces["awa"].pk).exists()
    with schema_context("alpha"):
        assert Contribution.objects.get(pk=traces["alpha"]["mine"].pk).author_label == NAME


def test_anonymous_callers_cannot_erase(api, tenant_a):
    response = api.gql(ERASE, {"password": "x"}, tenant=tenant_a)
    assert response["accountErase"]["errors"][0]["code"] == "UNAUTHENTICATED"


def _superuser_client(client, make_user):
    admin = make_user("dpo@privacy.test", is_staff=True, is_superuser=True, display_name="DPO")
    client.force_login(admin)
    return client


def test_a_dpo_exports_then_erases_a_person_from_the_platform_admin(client, make_user, traces):
    dpo = _superuser_client(client, make_user)
    awa = traces["awa"]
    url = "/admin/tenants/user/"
    response = dpo.post(url, {"action": "export_personal_data", "_selected_action": [awa.pk]}, HTTP_HOST="testserver")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("donnees.json"))
    assert data["person"]["email"] == EMAIL
    assert {space["slug"] for space in data["spaces"]} == {"alpha", "beta"}
    assert "Proposition d&#x27;Awa (alpha)" in archive.read("resume.html").decode()

    response = dpo.post(url, {"action": "erase_personal_data", "_selected_action": [awa.pk]}, HTTP_HOST="testserver")
    assert response.status_code == 200 and NAME in response.content.decode()  # the confirmation page
    assert User.objects.filter(pk=awa.pk).exists()
    response = dpo.post(
        url, {"action": "erase_personal_data", "_selected_action": [awa.pk], "confirm": "1"}, HTTP_HOST="testserver"
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=awa.pk).exists()
    with schema_context("beta"):
        assert Contribution.objects.get(pk=traces["beta"]["mine"].pk).author_label == ANON
        entry = AuditEntry.objects.get(action="person.erased")
        assert entry.actor_label == "DPO" and entry.via == "admin"
