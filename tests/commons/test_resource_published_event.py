"""``resource.published`` is written to the tenant's outbox when a resource becomes published,
whatever the path (service, GraphQL, admin save, revision restore), once, and never on refusal."""

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.content.models import PublicationStatus
from imedia_core.events.models import OutboxEvent
from imedia_core.library import services as library

from .conftest import TEAM, resource_gid

PUBLISH = """mutation($id: ID!) { resourcePublish(id: $id) { resource { status } errors { code } } }"""


def published_events(schema="alpha"):
    with schema_context(schema):
        return list(OutboxEvent.objects.filter(type="resource.published").order_by("id"))


def test_publishing_emits_once(api, tenant_a, people, make_resource):
    resource = make_resource(title="Guide de l'accueil", publish=False)
    assert published_events() == []
    data = api.gql(PUBLISH, {"id": resource_gid(resource)}, tenant=tenant_a, token=people["alpha_staff"])
    assert data["resourcePublish"]["errors"] == []
    events = published_events()
    assert len(events) == 1
    assert events[0].payload == {
        "id": resource.pk,
        "slug": "guide-de-laccueil",
        "title": "Guide de l'accueil",
        "kind": "guide",
        "publishAt": None,
        "adaptedFromPracticeId": None,
    }
    assert events[0].subject_type == "Resource" and events[0].actor_id is not None
    # Publishing what is already published is not a new publication.
    api.gql(PUBLISH, {"id": resource_gid(resource)}, tenant=tenant_a, token=people["alpha_staff"])
    assert len(published_events()) == 1
    assert published_events("beta") == []


def test_scheduled_publication_carries_its_date(make_resource):
    resource = make_resource(title="Programmée", publish=False)
    when = timezone.now() + timedelta(days=3)
    with schema_context("alpha"):
        library.schedule_resource(TEAM, resource, when)
    (event,) = published_events()
    assert event.payload["publishAt"] == when.isoformat()


def test_admin_save_and_revision_restore_emit_on_the_transition(make_resource):
    resource = make_resource(title="Par l'admin", publish=False)
    with schema_context("alpha"):
        resource.summary = "Modifiée."
        library.save_resource(TEAM, resource)
        assert published_events() == []
        resource.status = PublicationStatus.PUBLISHED
        library.save_resource(TEAM, resource)
        assert len(published_events()) == 1
        library.unpublish_resource(TEAM, resource)
        # Revision 3 was saved published: restoring it publishes again.
        library.restore_resource_revision(TEAM, resource, 3)
        assert resource.status == PublicationStatus.PUBLISHED
    assert len(published_events()) == 2


def test_a_refused_publication_emits_nothing(api, tenant_a, people, make_resource):
    resource = make_resource(title="Refusée", publish=False)
    anonymous = api.gql(PUBLISH, {"id": resource_gid(resource)}, tenant=tenant_a)["resourcePublish"]
    assert anonymous["errors"] == [{"code": "UNAUTHENTICATED"}]
    assert published_events() == []
