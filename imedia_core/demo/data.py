"""The shape of a demo programme's content, written as plain Python data (one module per
programme). Identifiers are slugs, so seeding can find what already exists and add nothing
twice; phases are referred to by their position in the programme's active cycle (0 = first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CC_BY_SA = "CC BY-SA 4.0"
CC_BY = "CC BY 4.0"
CC_BY_NC_SA = "CC BY-NC-SA 4.0"
ETALAB = "Licence Ouverte 2.0 (Etalab)"
ALL_RIGHTS = "Tous droits réservés"

CITIZENS = "citizens"
PROFESSIONALS = "professionals"
DECISION_MAKERS = "decision_makers"
FACILITATORS = "facilitators"

FALC = "easy_to_read"
SIMPLIFIED = "simplified"

PUBLISHED = "published"
DRAFT = "draft"
SCHEDULED = "scheduled"  # published, visible only ``schedule_in_days`` after seeding


@dataclass(frozen=True)
class DemoTheme:
    """A theme of the resource centre. A slug the cycle template already made is reused as is."""

    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class DemoResource:
    slug: str
    kind: str
    title: str
    summary: str
    body: str
    themes: tuple[str, ...] = ()
    audiences: tuple[str, ...] = (CITIZENS,)
    phases: tuple[int, ...] = ()
    licence: str = CC_BY_SA
    provenance: str = "local"
    source: str = ""
    author: str = ""
    reading_level: str = "standard"
    external_url: str = ""
    status: str = PUBLISHED
    schedule_in_days: int = 0


@dataclass(frozen=True)
class DemoPage:
    slug: str
    title: str
    summary: str
    body: str
    children: tuple[DemoPage, ...] = ()
    status: str = PUBLISHED


@dataclass(frozen=True)
class DemoNews:
    slug: str
    title: str
    summary: str
    body: str
    date: date | None = None  # publication date; None with status DRAFT
    status: str = PUBLISHED


@dataclass(frozen=True)
class DemoContent:
    themes: tuple[DemoTheme, ...] = ()
    resources: tuple[DemoResource, ...] = ()
    pages: tuple[DemoPage, ...] = ()
    news: tuple[DemoNews, ...] = ()
