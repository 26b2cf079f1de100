"""The moderation list in the tenant admin: who gets in, the queue first, bulk approve through the services."""

from django_tenants.utils import schema_context

from imedia_core.events.models import OutboxEvent
from imedia_core.participation.models import Contribution

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
