"""The demo content: about thirty resources, pages and news per demo programme, linked to the
phases of its cycle by position, seeded idempotently by ``imedia demo``."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from imedia_core.content.models import Revision
from imedia_core.content.sanitize import clean_html
from imedia_core.cycle.models import Cycle, Phase, PhaseResource
from imedia_core.demo.data import DRAFT, SCHEDULED
from imedia_core.demo.seed import CONTENT, seed_content
from imedia_core.library.models import Resource, ResourceKind, Theme
from imedia_core.pages.models import NewsItem, Page
from tenants.models import Tenant

DEMO_SLUGS = sorted(CONTENT)


def run_demo():
    out = StringIO()
    call_command("demo", "--force", stdout=out, stderr=StringIO())
    return out.getvalue()


def all_pages(specs):
    for spec in specs:
        yield spec
        yield from all_pages(spec.children)


def tenant_counts(schema):
    with schema_context(schema):
        return (
            Resource.objects.count(),
            Theme.objects.count(),
            Page.objects.count(),
            NewsItem.objects.count(),
            PhaseResource.objects.count(),
            Revision.objects.count(),
        )


# --- the data itself -----------------------------------------------------------------------


@pytest.mark.parametrize("key", DEMO_SLUGS)
def test_demo_data_is_complete_and_clean(key):
    content = CONTENT[key]
    resources = content.resources
    assert 28 <= len(resources) <= 32
    assert {r.kind for r in resources} == set(ResourceKind.values)
    assert 6 <= len(content.themes) <= 8
    theme_slugs = {t.slug for t in content.themes}
    statuses = Counter(r.status for r in resources)
    assert statuses[DRAFT] >= 2 and statuses[SCHEDULED] == 1
    assert any(r.reading_level == "easy_to_read" for r in resources)
    assert 4 <= len(content.news) <= 6 and 4 <= len(list(all_pages(content.pages))) <= 8
    for resource in resources:
        assert set(resource.themes) <= theme_slugs, resource.slug
        assert resource.licence and resource.author and resource.summary, resource.slug
        assert resource.kind != "link" or resource.external_url.startswith("https://"), resource.slug
        assert clean_html(resource.body) == resource.body, resource.slug  # written as allowed HTML
    for item in [*content.news, *all_pages(content.pages)]:
        assert clean_html(item.body) == item.body, item.slug
    text = " ".join(r.body for r in resources).lower()
    assert "lorem" not in text and " les " in text


def test_demo_slugs_do_not_collide_across_resources():
    slugs = [r.slug for content in CONTENT.values() for r in content.resources]
    assert len(slugs) == len(set(slugs))


# --- seeding -------------------------------------------------------------------------------


def make_cycle(phases=5, active=True):
    cycle = Cycle.objects.create(name="Cycle de test", is_active=active)
    for position in range(phases):
        Phase.objects.create(cycle=cycle, position=position, slug=f"phase-{position}", title=f"Phase {position}")
    return cycle


def test_seeding_links_resources_to_the_active_cycle_by_position(tenant_a):
    with schema_context("alpha"):
        Cycle.objects.filter(is_active=True).delete()
        old = make_cycle(active=False)
        make_cycle()
        report = seed_content("rsa94")
        assert (report.resources, report.news) == (30, 5)
        for spec in CONTENT["rsa94"].resources:
            resource = Resource.objects.get(slug=spec.slug)
            linked = resource.phase_links.select_related("phase__cycle")
            assert sorted(link.phase.position for link in linked) == sorted(spec.phases), spec.slug
            assert all(link.phase.cycle.is_active for link in linked)
            expected = "draft" if spec.status == DRAFT else "published"
            assert resource.status == expected, spec.slug
            assert resource.is_visible == (spec.status not in (DRAFT, SCHEDULED)), spec.slug
        assert not PhaseResource.objects.filter(phase__cycle=old).exists()
        assert report.phase_links == sum(len(spec.phases) for spec in CONTENT["rsa94"].resources)


def test_phases_beyond_a_short_cycle_or_without_cycle_are_skipped(tenant_a, tenant_b):
    with schema_context("alpha"):
        Cycle.objects.filter(is_active=True).delete()
        make_cycle(phases=2)
        seed_content("cc_villeneuve")
        positions = set(PhaseResource.objects.values_list("phase__position", flat=True))
        assert positions == {0, 1}
    with schema_context("beta"):
        Cycle.objects.all().delete()
        report = seed_content("formation_sud")
        assert (report.resources, report.phase_links) == (30, 0)
        assert Resource.objects.filter(slug__in=[r.slug for r in CONTENT["formation_sud"].resources]).count() == 30


def test_seeding_twice_creates_nothing(tenant_a):
    with schema_context("alpha"):
        first = seed_content("formation_sud")
        assert first.created > 30
    before = tenant_counts("alpha")
    with schema_context("alpha"):
        again = seed_content("formation_sud")
    assert again.created == 0
    assert tenant_counts("alpha") == before


def test_pages_and_news_are_seeded_with_their_tree_and_dates(tenant_b):
    with schema_context("beta"):
        seed_content("cc_villeneuve")
        assert Page.objects.get(path="nos-quartiers/la-gare-bois-fleuri").parent.slug == "nos-quartiers"
        assert Page.objects.get(path="le-projet").status == "published"
        news = NewsItem.objects.get(slug="retour-sur-l-atelier-du-12-mars")
        assert news.publish_at.date().isoformat() == "2026-03-14" and news.is_visible
        assert NewsItem.objects.get(slug="bilan-de-l-annee-2026").status == "draft"
        assert Revision.objects.filter(object_id=news.pk, content_type__model="newsitem").exists()


# --- ``imedia demo`` -----------------------------------------------------------------------


def test_demo_command_seeds_every_programme_and_is_idempotent(db, api):
    out = run_demo()
    assert out.count("Contenus") == 3
    for key in DEMO_SLUGS:
        content = CONTENT[key]
        with schema_context(key):
            slugs = [r.slug for r in content.resources]
            assert Resource.objects.filter(slug__in=slugs).count() == len(slugs)
            assert Page.objects.count() == len(list(all_pages(content.pages)))
            assert NewsItem.objects.count() == len(content.news)
            phases = Phase.objects.filter(cycle__is_active=True).count()
            links = PhaseResource.objects.filter(resource__slug__in=slugs).count()
            # The programme's template gives it a cycle (when the cycle plugin is installed); each
            # resource serves the phases at the positions its data names.
            assert links == sum(len([p for p in r.phases if p < phases]) for r in content.resources)
    before = {key: tenant_counts(key) for key in DEMO_SLUGS}
    out = run_demo()
    assert {key: tenant_counts(key) for key in DEMO_SLUGS} == before
    assert out.count("liens ressource-phase (0 élément(s) créé(s))") == 3

    # What a reader of the demo sees, over HTTP.
    rsa94 = Tenant.objects.get(schema_name="rsa94")
    data = api.gql(
        '{ pages { path } news(first: 10) { totalCount } page(path: "le-projet") { children { title } } }',
        tenant=rsa94,
    )
    assert [p["path"] for p in data["pages"]] == ["le-projet", "comment-participer", "vous-avez-dit-nous-avons-fait"]
    assert data["news"]["totalCount"] == 4
    assert [c["title"] for c in data["page"]["children"]] == ["Qui sommes-nous ?", "Charte de participation"]
