"""HTML is sanitised on the way in, and again on the way out: a row written around the services
(a script, a raw SQL fix, an import) never reaches a frontend with a script in it."""

from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase, PhaseItem
from imedia_core.pages.models import NewsItem, Page

HOSTILE = '<p onclick="steal()">Texte</p><script>alert(1)</script><a href="javascript:alert(2)">lien</a>'


def assert_clean(html):
    assert "Texte" in html
    for bad in ("<script", "onclick", "javascript:"):
        assert bad not in html, html


def test_every_rich_text_field_is_sanitised_on_output(api, tenant_a):
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle", description=HOSTILE)
        phase = Phase.objects.create(cycle=cycle, slug="p1", title="Phase", body=HOSTILE, status="published")
        PhaseItem.objects.create(phase=phase, kind="stake", title="Enjeu", body=HOSTILE)
        Page.objects.create(slug="projet", path="projet", title="Projet", body=HOSTILE, status="published")
        NewsItem.objects.create(slug="nouvelle", title="Nouvelle", body=HOSTILE, status="published")
    data = api.gql(
        """{ cycle { description phases { body stakes { body } } }
             page(path: "projet") { body } newsItem(slug: "nouvelle") { body } }""",
        tenant=tenant_a,
    )
    assert_clean(data["cycle"]["description"])
    assert_clean(data["cycle"]["phases"][0]["body"])
    assert_clean(data["cycle"]["phases"][0]["stakes"][0]["body"])
    assert_clean(data["page"]["body"])
    assert_clean(data["newsItem"]["body"])
