"""The sync engine: pull a link's external space into contributions and comments.

A *pass* reads the platform page after page (``PlatformClient.fetch(cursor)``). Each page is
checked (a malformed page stores nothing and stops the pass with a clear link error), mapped
(external kinds to contribution kinds, steps to phases) and stored in ONE transaction together
with the cursor to resume from: a worker that dies mid-pass leaves the link at its last stored
page, and the next run goes on from there.

Passes are incremental (``LinkConfig.since``: what changed since the start of the last completed
pass, minus a safety margin) or full, every ``full_sync_hours`` or on request: a full pass marks
what it finds, then hides, as deleted on the platform, what it no longer found.

A lease on the link row (``lease_until``, ``lease_owner``) keeps two workers from syncing the
same link at once; a worker that crashed holds it only until it expires.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from imedia_core.changes import changed
from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.participation.external import COMMENT, ExternalEntry, Origin, Outcome, mark_missing, upsert_entries

from . import registry, secrets
from .models import Link
from .platform import ExternalItem, ItemState, Page, Platform, PlatformError
from .session import check_address, link_config, open_http

logger = logging.getLogger("imedia.connectors")

LEASE = timedelta(minutes=10)
SINCE_MARGIN = timedelta(minutes=5)  # clocks differ; an item seen twice is only "unchanged"
ID_MAX = 200


class LinkBusy(Exception):
    """Another worker holds this link's lease."""


@dataclass
class SyncReport:
    link_id: int
    full: bool = False
    pages: int = 0
    items: int = 0
    done: bool = False
    outcome: Outcome = field(default_factory=Outcome)
    error_code: str = ""
    error_message: str = ""
    requests: int = 0


def origin_of(link: Link, platform_label: str | None = None) -> Origin:
    return Origin(
        source=link.platform, source_ref=str(link.pk), label=platform_label or registry.label_of(link.platform)
    )


# --- the lease ------------------------------------------------------------------------------


def acquire(link: Link) -> str:
    owner = uuid.uuid4().hex
    now = timezone.now()
    taken = (
        Link.objects.filter(pk=link.pk)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE, lease_owner=owner)
    )
    if not taken:
        raise LinkBusy(link.pk)
    return owner


def renew(link: Link, owner: str) -> None:
    Link.objects.filter(pk=link.pk, lease_owner=owner).update(lease_until=timezone.now() + LEASE)


def release(link: Link, owner: str) -> None:
    Link.objects.filter(pk=link.pk, lease_owner=owner).update(lease_until=None, lease_owner="")


# --- checking and mapping a page -----------------------------------------------------------------


def check_page(page, platform: Platform) -> None:
    """Raise PlatformError("MALFORMED") unless ``page`` has the contract's shape."""
    if not isinstance(page, Page) or not isinstance(page.cursor, str) or not isinstance(page.items, list):
        raise PlatformError("MALFORMED", "La plateforme a renvoyé une page illisible.")
    kinds = {*platform.kinds, COMMENT}
    ids = [getattr(item, "external_id", None) for item in page.items]
    if len(set(ids)) != len(ids):
        raise PlatformError("MALFORMED", "La plateforme a renvoyé deux fois le même élément dans une page.")
    for item in page.items:
        if not isinstance(item, ExternalItem) or not isinstance(item.external_id, str):
            raise PlatformError("MALFORMED", "La plateforme a renvoyé un élément illisible.")
        if not item.external_id or len(item.external_id) > ID_MAX:
            raise PlatformError("MALFORMED", "Un élément de la plateforme n'a pas d'identifiant utilisable.")
        if item.kind not in kinds:
            raise PlatformError("MALFORMED", f"Type d'élément inattendu : « {item.kind} ».")
        if item.state not in ItemState.ALL:
            raise PlatformError("MALFORMED", f"État d'élément inattendu : « {item.state} ».")
        if item.kind == COMMENT and not item.parent_id:
            raise PlatformError("MALFORMED", "Un commentaire de la plateforme ne dit pas à quoi il répond.")
        if item.supports is not None and (not isinstance(item.supports, int) or item.supports < 0):
            raise PlatformError("MALFORMED", "Un nombre de soutiens de la plateforme est illisible.")


def entries_of(items: list[ExternalItem], kinds: dict[str, str], steps: dict[str, int]) -> list[ExternalEntry]:
    """Mapped entries, parents first (a comment may answer an item of the same page)."""
    ordered = sorted(items, key=lambda item: item.kind == COMMENT)
    return [
        ExternalEntry(
            external_id=item.external_id,
            kind=COMMENT if item.kind == COMMENT else kinds.get(item.kind, item.kind),
            title=item.title or "",
            body=item.body or "",
            url=item.url or "",
            author_name=item.author.name if item.author else "",
            state=item.state,
            created_at=item.created_at,
            parent_id=item.parent_id or "",
            supports=item.supports,
            phase_id=steps.get(item.step_id) if item.step_id else None,
        )
        for item in ordered
    ]


# --- a pass ----------------------------------------------------------------------------------------


def _start_pass(link: Link, *, full: bool) -> None:
    now = timezone.now()
    stale_full = link.last_full_at is None or link.last_full_at < now - timedelta(hours=max(1, link.full_sync_hours))
    link.pass_full = full or link.full_requested or stale_full or link.synced_until is None
    link.pass_since = None if link.pass_full else link.synced_until - SINCE_MARGIN
    link.pass_started_at = now
    link.cursor = ""
    link.created_count = link.updated_count = link.unchanged_count = link.hidden_count = link.skipped_count = 0
    link.save(
        update_fields=[
            "pass_full",
            "pass_since",
            "pass_started_at",
            "cursor",
            "created_count",
            "updated_count",
            "unchanged_count",
            "hidden_count",
            "skipped_count",
        ]
    )


STATUS_FIELDS = [
    "cursor",
    "created_count",
    "updated_count",
    "unchanged_count",
    "hidden_count",
    "skipped_count",
    "last_sync_at",
]


def sync_link(
    link: Link,
    *,
    full: bool = False,
    max_pages: int | None = None,
    progress=None,
    ctx: ServiceContext | None = None,
    http_kwargs: dict | None = None,
) -> SyncReport:
    """Run (or resume) a pass of ``link``, at most ``max_pages`` pages. ``progress(report)`` is
    called after each stored page. Raises LinkBusy when another worker holds the link."""
    ctx = ctx or ServiceContext.system(Channel.CONNECTOR)
    owner = acquire(link)
    link.refresh_from_db()
    report = SyncReport(link_id=link.pk)
    http = None
    try:
        platform = registry.platform_for(ctx.tenant or connection.tenant, link.platform)
        if link.pass_started_at is None or full and not link.pass_full:
            _start_pass(link, full=full)
        report.full = link.pass_full
        origin = origin_of(link, platform.label)
        kinds = dict(link.kind_rules.values_list("external_kind", "kind"))
        steps = dict(link.step_rules.values_list("external_step", "phase_id"))
        check_address(link)
        http = open_http(link, platform, **(http_kwargs or {}))
        client = platform.client(link_config(link, since=link.pass_since), http)
        while max_pages is None or report.pages < max_pages:
            page = client.fetch(link.cursor or None)
            check_page(page, platform)
            entries = entries_of(page.items, kinds, steps)
            with transaction.atomic():
                outcome = upsert_entries(ctx, origin, entries, seen_at=link.pass_started_at if link.pass_full else None)
                link.cursor = page.cursor
                link.created_count += outcome.created
                link.updated_count += outcome.updated
                link.unchanged_count += outcome.unchanged
                link.hidden_count += outcome.hidden
                link.skipped_count += outcome.skipped
                link.last_sync_at = timezone.now()
                link.save(update_fields=STATUS_FIELDS)
            renew(link, owner)
            report.pages += 1
            report.items += len(entries)
            report.outcome.add(outcome)
            if progress is not None:
                progress(report)
            if page.done:
                _finish_pass(ctx, link, origin, report)
                break
    except PlatformError as exc:
        _fail(ctx, link, exc.code, exc.message, report)
    except secrets.CredentialsUnreadable:
        _fail(
            ctx, link, "AUTH", "Les identifiants enregistrés ne sont plus lisibles : saisissez-les de nouveau.", report
        )
    except ServiceError as exc:  # the platform's plugin is not (or no longer) enabled here
        _fail(ctx, link, exc.code, exc.message, report)
    finally:
        if http is not None:
            report.requests = http.requests
            http.close()
        release(link, owner)
    return report


def _finish_pass(ctx: ServiceContext, link: Link, origin: Origin, report: SyncReport) -> None:
    with transaction.atomic():
        if link.pass_full:
            hidden = mark_missing(ctx, origin, seen_before=link.pass_started_at)
            link.hidden_count += hidden
            report.outcome.hidden += hidden
            link.last_full_at = timezone.now()
        now = timezone.now()
        link.synced_until = link.pass_started_at
        link.pass_started_at = None
        link.cursor = ""
        link.last_success_at = link.last_sync_at = now
        link.last_error_code = link.last_error_message = ""
        link.sync_requested_at = None
        link.full_requested = False
        link.save(
            update_fields=[
                *STATUS_FIELDS,
                "last_full_at",
                "synced_until",
                "pass_started_at",
                "last_success_at",
                "last_error_code",
                "last_error_message",
                "sync_requested_at",
                "full_requested",
                "hidden_count",
            ]
        )
        report.done = True
        changed(
            ctx,
            "connector.synced",
            link,
            payload={
                "platform": link.platform,
                "full": report.full,
                "created": link.created_count,
                "updated": link.updated_count,
                "unchanged": link.unchanged_count,
                "hidden": link.hidden_count,
                "skipped": link.skipped_count,
            },
            audit=False,
        )


def _fail(ctx: ServiceContext, link: Link, code: str, message: str, report: SyncReport) -> None:
    """Record the error on the link; the cursor stays where the last stored page left it."""
    report.error_code, report.error_message = code, message
    logger.warning("connector link %s (%s): %s", link.pk, link.platform, code)
    with transaction.atomic():
        Link.objects.filter(pk=link.pk).update(
            last_error_code=code[:20],
            last_error_message=message[:500],
            last_error_at=timezone.now(),
            last_sync_at=timezone.now(),
            sync_requested_at=None,
        )
        link.refresh_from_db()
        changed(ctx, "connector.sync_failed", link, payload={"platform": link.platform, "code": code}, audit=False)


# --- what is due -----------------------------------------------------------------------------------


def due_links(tenant):
    """Active inbound links of enabled platforms that have a pass to run or resume now."""
    now = timezone.now()
    links = Link.objects.filter(is_active=True, direction__in=["in", "both"]).filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )
    for link in links:
        if not registry.enabled(tenant, link.platform):
            continue
        scheduled = link.schedule_minutes and (
            link.last_sync_at is None or link.last_sync_at + timedelta(minutes=link.schedule_minutes) <= now
        )
        if link.sync_requested_at or link.pass_started_at or scheduled:
            yield link


def request_sync(link: Link, *, full: bool) -> None:
    """Mark the link for the next run of the ``connectors.sync`` job (a full pass when asked)."""
    values = {"sync_requested_at": timezone.now()}
    if full:
        values["full_requested"] = True
    Link.objects.filter(pk=link.pk).update(**values)
