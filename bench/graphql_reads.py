#!/usr/bin/env python
"""Benchmark: a GraphQL page of resources against a hand-optimised DRF endpoint and a raw SQL
floor returning the same JSON, in one run. Not a test: it prints measured figures.

    python bench/graphql_reads.py [--resources 1000] [--page 50] [--rounds 30]
                                  [--database-url URL] [--keep]

It creates a throw-away database (the name must contain ``bench``), migrates it, provisions one
tenant from the ``rsa`` template (so it has a cycle with phases), adds N published resources
with 3 themes, 1–2 phases and a file each, then times, through Django's test client and the
whole middleware stack (tenant routing included):

- GraphQL: ``resources(first: PAGE)`` with themes, audiences, phases and files;
- DRF: an APIView written for this one query (values + prefetches, hand-built dicts);
- floor: one SQL statement that builds the JSON in PostgreSQL, sent as the response body.

It prints the median of each (after a warm-up), the ratios, and each path's SQL query count.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import types
from pathlib import Path

from _common import _check_name, _split_database_url, create_database, drop_database, migrate_and_provision

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/imedia_bench_reads"
TENANT = "bench_reads"

QUERY = """query Page($first: Int!) {
  resources(first: $first) {
    totalCount
    edges { node {
      id title slug summary kind audiences readingLevel
      themes { name slug }
      phases { slug title }
      files { name contentType size url }
    } }
  }
}"""


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("IMEDIA_HTTPS", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"
    import django

    django.setup()


def seed(n: int) -> None:
    from django_tenants.utils import schema_context

    from imedia_core.cycle.models import Phase, PhaseResource
    from imedia_core.library.models import Resource, ResourceFile, ResourceKind, Theme

    migrate_and_provision(TENANT, "Banc d'essai", template="rsa")
    kinds = list(ResourceKind.values)
    with schema_context(TENANT):
        themes = [Theme.objects.get_or_create(slug=f"theme-{i}", defaults={"name": f"Thème {i}"})[0] for i in range(12)]
        phases = list(Phase.objects.filter(cycle__is_active=True).order_by("position"))
        resources = Resource.objects.bulk_create(
            Resource(
                kind=kinds[i % len(kinds)],
                title=f"Ressource {i} : mobiliser les participants",
                slug=f"ressource-{i}",
                summary="Une fiche pratique pour préparer, animer et restituer un atelier participatif.",
                body="<p>Objectifs, déroulé, points de vigilance et retour aux participants.</p>",
                audiences=["citizens", "facilitators"] if i % 2 else ["professionals"],
                status="published",
            )
            for i in range(n)
        )
        through = Resource.themes.through
        through.objects.bulk_create(
            through(resource_id=r.pk, theme_id=themes[(i + k) % len(themes)].pk)
            for i, r in enumerate(resources)
            for k in range(3)
        )
        if phases:
            PhaseResource.objects.bulk_create(
                PhaseResource(phase=phases[(i + k) % len(phases)], resource=r, position=i)
                for i, r in enumerate(resources)
                for k in range(1 + i % 2)
            )
        ResourceFile.objects.bulk_create(
            ResourceFile(
                resource=r,
                file=f"resources/bench/{r.pk}.pdf",
                original_name=f"fiche-{r.pk}.pdf",
                content_type="application/pdf",
                size=1024 * (1 + r.pk % 50),
                sha256="0" * 64,
            )
            for r in resources
        )


def drf_view():
    """The hand-optimised REST endpoint: same fields, same shape as the GraphQL answer."""
    from django.db.models import Prefetch
    from django.urls import reverse
    from rest_framework.response import Response
    from rest_framework.views import APIView

    from imedia_core.cycle.models import Phase
    from imedia_core.graphql.core.nodes import TenantGlobalIDType
    from imedia_core.library.models import Resource, ResourceFile, Theme

    class ResourcePage(APIView):
        authentication_classes: list = []
        permission_classes: list = []

        def get(self, request):
            first = int(request.query_params.get("first", 50))
            visible = Resource.objects.visible().order_by("-updated_at", "-id")
            total = visible.count()
            page = visible.only(
                "id", "title", "slug", "summary", "kind", "audiences", "reading_level"
            ).prefetch_related(
                Prefetch("themes", queryset=Theme.objects.only("id", "name", "slug")),
                Prefetch(
                    "phases",
                    queryset=Phase.objects.visible().filter(cycle__is_active=True).only("id", "slug", "title"),
                ),
                Prefetch(
                    "files",
                    queryset=ResourceFile.objects.only("id", "resource_id", "original_name", "content_type", "size"),
                ),
            )[:first]
            edges = []
            for r in page:
                edges.append(
                    {
                        "node": {
                            "id": TenantGlobalIDType.to_global_id("Resource", r.pk),
                            "title": r.title,
                            "slug": r.slug,
                            "summary": r.summary,
                            "kind": r.kind.upper(),
                            "audiences": [a.upper() for a in r.audiences],
                            "readingLevel": r.reading_level.upper(),
                            "themes": [{"name": t.name, "slug": t.slug} for t in r.themes.all()],
                            "phases": [{"slug": p.slug, "title": p.title} for p in r.phases.all()],
                            "files": [
                                {
                                    "name": f.original_name,
                                    "contentType": f.content_type,
                                    "size": f.size,
                                    "url": request.build_absolute_uri(
                                        reverse("library-file-download", kwargs={"slug": r.slug, "file_id": f.pk})
                                    ),
                                }
                                for f in r.files.all()
                            ],
                        }
                    }
                )
            return Response({"data": {"resources": {"totalCount": total, "edges": edges}}})

    return ResourcePage.as_view()


FLOOR_SQL = """
WITH visible AS (
    SELECT * FROM library_resource
    WHERE status = 'published' AND (publish_at IS NULL OR publish_at <= now())
)
SELECT json_build_object('data', json_build_object('resources', json_build_object(
  'totalCount', (SELECT count(*) FROM visible),
  'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
      'id', r.id, 'title', r.title, 'slug', r.slug, 'summary', r.summary, 'kind', upper(r.kind),
      'audiences', r.audiences, 'readingLevel', upper(r.reading_level),
      'themes', (SELECT coalesce(json_agg(json_build_object('name', t.name, 'slug', t.slug)), '[]')
                 FROM library_resource_themes rt JOIN library_theme t ON t.id = rt.theme_id
                 WHERE rt.resource_id = r.id),
      'phases', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'title', p.title)
                 ORDER BY p.position), '[]')
                 FROM cycle_phaseresource l JOIN cycle_phase p ON p.id = l.phase_id
                 JOIN cycle_cycle c ON c.id = p.cycle_id
                 WHERE l.resource_id = r.id AND c.is_active AND p.status = 'published'),
      'files', (SELECT coalesce(json_agg(json_build_object('name', f.original_name,
                 'contentType', f.content_type, 'size', f.size,
                 'url', 'http://testserver/api/resources/' || r.slug || '/files/' || f.id || '/')), '[]')
                FROM library_resourcefile f WHERE f.resource_id = r.id)
  )) ORDER BY r.updated_at DESC, r.id DESC), '[]')
  FROM (SELECT * FROM visible ORDER BY updated_at DESC, id DESC LIMIT %s) r)
)))::text
"""


def floor_view():
    from django.db import connection
    from django.http import HttpResponse

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [int(request.GET.get("first", 50))])
            body = cursor.fetchone()[0]
        return HttpResponse(body, content_type="application/json")

    return view


def install_bench_urls() -> None:
    from django.conf import settings
    from django.urls import clear_url_caches, path

    import imedia_core.urls_tenant as tenant_urls

    module = types.ModuleType("bench_reads_urls")
    module.urlpatterns = [
        path("bench/drf/", drf_view()),
        path("bench/floor/", floor_view()),
        *tenant_urls.urlpatterns,
    ]
    module.handler404 = tenant_urls.handler404
    sys.modules["bench_reads_urls"] = module
    settings.ROOT_URLCONF = "bench_reads_urls"
    clear_url_caches()


def measure(args) -> dict:
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="testserver", HTTP_X_IMEDIA_TENANT=TENANT)
    body = json.dumps({"query": QUERY, "variables": {"first": args.page}})
    paths = {
        "graphql": lambda: client.post("/graphql/", data=body, content_type="application/json"),
        "drf": lambda: client.get("/bench/drf/", {"first": args.page}),
        "floor": lambda: client.get("/bench/floor/", {"first": args.page}),
    }
    results = {}
    for name, call in paths.items():
        response = call()
        assert response.status_code == 200, (name, response.content[:500])
        payload = json.loads(response.content)
        assert "errors" not in payload, payload
        edges = payload["data"]["resources"]["edges"]
        assert len(edges) == args.page, (name, len(edges))
        executed: list[str] = []

        def count(execute, sql, *rest, executed=executed):
            executed.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            call()
        for _ in range(3):
            call()  # warm-up
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        results[name] = {
            "median": statistics.median(times),
            "p90": sorted(times)[int(0.9 * (len(times) - 1))],
            "queries": len(executed),
            "bytes": len(response.content),
            "sample": edges[0]["node"],
        }
    return results


def report(args, results: dict) -> None:
    print("-" * 78)
    print(f"GraphQL read benchmark — page of {args.page} resources out of {args.resources}, {args.rounds} rounds")
    print(f"{'path':<10}{'median ms':>12}{'p90 ms':>10}{'SQL queries':>14}{'bytes':>10}")
    for name, r in results.items():
        print(f"{name:<10}{r['median'] * 1000:12.1f}{r['p90'] * 1000:10.1f}{r['queries']:14d}{r['bytes']:10d}")
    g, d, f = (results[k]["median"] for k in ("graphql", "drf", "floor"))
    print(
        f"ratios: graphql/drf {g / d:.2f}x (target <= 1.25x), graphql/floor {g / f:.2f}x (target <= 3x), "
        f"drf/floor {d / f:.2f}x"
    )
    same = set(results["graphql"]["sample"]) == set(results["drf"]["sample"]) == set(results["floor"]["sample"])
    print(f"same fields in each answer: {same}")
    print("-" * 78)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--page", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="Keep the bench database afterwards.")
    args = parser.parse_args(argv)
    name, admin_url = _split_database_url(args.database_url)
    _check_name(name)
    create_database(admin_url, name)
    try:
        setup_django(args.database_url)
        started = time.perf_counter()
        seed(args.resources)
        print(f"seeded {args.resources} resources in {time.perf_counter() - started:.1f} s")
        install_bench_urls()
        report(args, measure(args))
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(admin_url, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
