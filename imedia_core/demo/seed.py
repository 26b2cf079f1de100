"""Seed a demo programme's content into the current tenant schema (call it inside the tenant:
``with tenant_context(tenant):``). Everything goes through the domain services (sanitised,
revisions, journal), found by slug first, so running it again creates nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.models import Phase, PhaseResource
from imedia_core.library import services as library
from imedia_core.library.models import Resource, Theme
from imedia_core.pages import services as pages
from imedia_core.pages.models import NewsItem, Page

from . import cc_villeneuve, formation_sud, rsa94
from .data import DRAFT, SCHEDULED, DemoContent, DemoPage

CONTENT: dict[str, DemoContent] = {
    "formation_sud": formation_sud.CONTENT,
    "rsa94": rsa94.CONTENT,
    "cc_villeneuve": cc_villeneuve.CONTENT,
}
# The seeds act as the platform, on the demo channel of the journal.
DEMO = ServiceContext.system(Channel.DEMO)
NEWS_HOUR = dt.time(10, 0)


@dataclass
class SeedReport:
    """What the programme holds of its demo content, and how much of it this run created."""

    resources: int = 0
    pages: int = 0
    news: int = 0
    phase_links: int = 0
    created: int = 0
    # One-line summaries of the other domains' demo data (participation, diagnostics...).
    domains: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.resources} ressources, {self.pages} pages, {self.news} actualités, "
            f"{self.phase_links} liens ressource-phase ({self.created} élément(s) créé(s))"
        )


def seed_content(key: str) -> SeedReport:
    """Seed the demo content of programme ``key`` (a key of ``CONTENT``) in the current schema."""
    content = CONTENT[key]
    report = SeedReport()
    with transaction.atomic():
        themes = _themes(content, report)
        phases = list(Phase.objects.filter(cycle__is_active=True).order_by("position", "id"))
        for spec in content.resources:
            _resource(spec, themes, phases, report)
        for spec in content.pages:
            _page(spec, None, report)
        for spec in content.news:
            _news(spec, report)
        slugs = [spec.slug for spec in content.resources]
        report.phase_links = PhaseResource.objects.filter(resource__slug__in=slugs).count()
    return report


def _themes(content: DemoContent, report: SeedReport) -> dict[str, Theme]:
    themes = {theme.slug: theme for theme in Theme.objects.filter(slug__in=[t.slug for t in content.themes])}
    for spec in content.themes:
        if spec.slug not in themes:
            data = {"slug": spec.slug, "name": spec.name, "description": spec.description}
            themes[spec.slug] = library.create_theme(DEMO, data)
            report.created += 1
    return themes


def _resource(spec, themes: dict[str, Theme], phases: list[Phase], report: SeedReport) -> None:
    report.resources += 1
    if Resource.objects.filter(slug=spec.slug).exists():
        return
    data = {
        "slug": spec.slug,
        "kind": spec.kind,
        "title": spec.title,
        "summary": spec.summary,
        "body": spec.body,
        "audiences": list(spec.audiences),
        "external_url": spec.external_url,
        "licence": spec.licence,
        "provenance": spec.provenance,
        "source": spec.source,
        "author": spec.author,
        "reading_level": spec.reading_level,
        "themes": [themes[slug] for slug in spec.themes],
        # Phases by position in the active cycle; none when the programme has no cycle.
        "phases": [phases[index] for index in spec.phases if index < len(phases)],
    }
    resource = library.create_resource(DEMO, data)
    if spec.status == SCHEDULED:
        library.schedule_resource(DEMO, resource, timezone.now() + dt.timedelta(days=spec.schedule_in_days))
    elif spec.status != DRAFT:
        library.publish_resource(DEMO, resource)
    report.created += 1


def _page(spec: DemoPage, parent: Page | None, report: SeedReport) -> None:
    report.pages += 1
    path = f"{parent.path}/{spec.slug}" if parent else spec.slug
    page = Page.objects.filter(path=path).first()
    if page is None:
        page = pages.create_page(
            DEMO, title=spec.title, slug=spec.slug, parent=parent, summary=spec.summary, body=spec.body
        )
        if spec.status != DRAFT:
            pages.publish_page(DEMO, page)
        report.created += 1
    for child in spec.children:
        _page(child, page, report)


def _news(spec, report: SeedReport) -> None:
    report.news += 1
    if NewsItem.objects.filter(slug=spec.slug).exists():
        return
    item = pages.create_news(DEMO, title=spec.title, slug=spec.slug, summary=spec.summary, body=spec.body)
    if spec.status != DRAFT:
        when = timezone.make_aware(dt.datetime.combine(spec.date, NEWS_HOUR)) if spec.date else None
        pages.publish_news(DEMO, item, publish_at=when)
    report.created += 1
