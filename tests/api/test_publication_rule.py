"""Every content type publishes by the same rule (``content.models.mark_published``): no date
publishes now, a future date schedules, a past date backdates; ``publishedAt`` (the first
publication) is set once, when the item first becomes visible or is backdated."""

from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services as cycle
from imedia_core.cycle.models import Cycle
from imedia_core.library import services as library
from imedia_core.pages import services as pages

SYSTEM = ServiceContext.system(Channel.CLI)


def make(kind, title):
    if kind == "resource":
        resource = library.create_resource(SYSTEM, {"kind": "guide", "title": title})
        return resource, partial(library.publish_resource, SYSTEM)
    if kind == "phase":
        active = Cycle.objects.filter(is_active=True).first() or Cycle.objects.create(name="Cycle", is_active=True)
        return cycle.create_phase(SYSTEM, active, title=title), partial(cycle.publish_phase, SYSTEM)
    if kind == "page":
        return pages.create_page(SYSTEM, title=title), partial(pages.publish_page, SYSTEM)
    return pages.create_news(SYSTEM, title=title), partial(pages.publish_news, SYSTEM)


@pytest.mark.parametrize("kind", ["resource", "phase", "page", "news"])
def test_one_publication_rule_for_every_content_type(tenant_a, kind):
    now = timezone.now()
    past, future = now - timedelta(days=40), now + timedelta(days=3)
    with schema_context("alpha"):
        item, publish = make(kind, "Publiée maintenant")
        publish(item)
        item.refresh_from_db()
        assert item.publish_at is None and item.is_visible
        assert abs((item.published_at - now).total_seconds()) < 60

        item, publish = make(kind, "Antidatée")
        publish(item, publish_at=past)
        item.refresh_from_db()
        assert (item.publish_at, item.published_at, item.is_visible) == (past, past, True)

        item, publish = make(kind, "Programmée")
        publish(item, publish_at=future)
        item.refresh_from_db()
        assert (item.publish_at, item.published_at, item.is_visible) == (future, future, False)
        # Brought forward: published now, and that is its first publication.
        publish(item)
        item.refresh_from_db()
        assert item.publish_at is None and item.is_visible
        assert abs((item.published_at - timezone.now()).total_seconds()) < 60
        # Published again later (say after an archive): the first publication date is kept.
        first = item.published_at
        publish(item, publish_at=now + timedelta(days=9))
        item.refresh_from_db()
        assert item.published_at == first


@pytest.mark.parametrize("kind", ["resource", "phase", "page", "news"])
def test_a_date_without_time_zone_is_refused_and_changes_nothing(tenant_a, kind):
    from imedia_core.errors import ServiceError

    with schema_context("alpha"):
        item, publish = make(kind, "Sans fuseau")
        with pytest.raises(ServiceError) as refused:
            publish(item, publish_at=timezone.now().replace(tzinfo=None) + timedelta(days=1))
        assert (refused.value.errors[0]["code"], refused.value.errors[0]["field"]) in {
            ("INVALID", "publish_at"),
            ("INVALID", "publishAt"),
        }
        item.refresh_from_db()
        assert item.status == "draft" and item.publish_at is None


def test_scheduling_a_resource_without_time_zone_is_refused_not_a_crash(tenant_a):
    from imedia_core.errors import ServiceError

    with schema_context("alpha"):
        resource = library.create_resource(SYSTEM, {"kind": "guide", "title": "À programmer"})
        with pytest.raises(ServiceError) as refused:
            library.schedule_resource(SYSTEM, resource, timezone.now().replace(tzinfo=None) + timedelta(days=2))
        assert refused.value.errors[0]["code"] == "INVALID"
        resource.refresh_from_db()
        assert resource.status == "draft"
