"""Business rules of pages and news: every write goes through here (GraphQL, admin, demo).

Each function takes the caller's ``ServiceContext`` first, validates its input, sanitises text
(rich text with ``clean_html``, summaries as plain text), saves, records a revision of the saved
state, and writes its audit entry and domain event together (``changed``: ``page.*`` and
``news.*``, see ``hooks.py``). Invalid input raises ``ServiceError`` (a list of ``{field, code,
message}``, fields named as the APIs spell them) before anything is written; callers run inside a
transaction, so a refusal changes nothing.

Pages form a tree. A page's ``path`` is its ancestors' slugs and its own joined by ``/``; it is
computed here, for the page and all its descendants, whenever a slug or a parent changes. Two
siblings cannot share a slug (paths are unique), and a page cannot move under itself or one of
its descendants.

Readers without the right to see unpublished content see a page only when it *and all its
ancestors* are published and due: archiving a section hides everything under it.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Substr
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.changes import changed
from imedia_core.content.models import PublicationStatus, mark_published, stamp_first_publication
from imedia_core.content.revisions import record_revision, restore_revision, revisions_of
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError

from .models import NewsItem, Page

TITLE_MAX = 200
SUMMARY_MAX = 1000
PAGE_SLUG_MAX = Page._meta.get_field("slug").max_length
NEWS_SLUG_MAX = NewsItem._meta.get_field("slug").max_length
PATH_MAX = Page._meta.get_field("path").max_length


def _fail(code: str, message: str, field: str | None = None):
    """Refuse the change (fields named as in the API, camelCase)."""
    raise ServiceError.single(code, message, field)


# --- text ----------------------------------------------------------------------------------


def _title(value: str | None) -> str:
    title = plain_text(value, multiline=False)
    if not title:
        _fail("REQUIRED", "Donnez un titre.", "title")
    if len(title) > TITLE_MAX:
        _fail("INVALID", f"Le titre ne doit pas dépasser {TITLE_MAX} caractères.", "title")
    return title


def _summary(value: str | None) -> str:
    summary = plain_text(value, multiline=True)
    if len(summary) > SUMMARY_MAX:
        _fail("INVALID", f"Le résumé ne doit pas dépasser {SUMMARY_MAX} caractères.", "summary")
    return summary


def _explicit_slug(value: str, max_length: int) -> str:
    slug = value.strip().lower()
    try:
        validate_slug(slug)
    except ValidationError:
        _fail("INVALID", "L'identifiant ne peut contenir que des lettres, chiffres, tirets et soulignés.", "slug")
    if len(slug) > max_length:
        _fail("INVALID", f"L'identifiant ne doit pas dépasser {max_length} caractères.", "slug")
    return slug


def _free_slug(title: str, max_length: int, taken) -> str:
    """A slug made from ``title``, suffixed ``-2``, ``-3``... until ``taken(slug)`` is False."""
    base = slugify(title)[:max_length].strip("-") or "sans-titre"
    candidate, n = base, 2
    while taken(candidate):
        suffix = f"-{n}"
        candidate, n = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}", n + 1
    return candidate


def _unchanged_when_refused(function):
    """A refused change leaves the caller's instance as the database has it."""

    @functools.wraps(function)
    def wrapper(ctx, item, *args, **kwargs):
        try:
            return function(ctx, item, *args, **kwargs)
        except ServiceError:
            item.refresh_from_db()
            raise

    return wrapper


def _publish_moment(publish_at: datetime | None) -> datetime | None:
    if publish_at is not None and timezone.is_naive(publish_at):
        _fail("INVALID", "Précisez le fuseau horaire de la date.", "publishAt")
    return publish_at


def _stamp_published(item) -> None:
    """``published_at`` is when an item was first published (its publication date if set)."""
    stamp_first_publication(item)


def _scheduled_note(item) -> str:
    if item.publish_at and item.publish_at > timezone.now():
        return f" (programmée le {timezone.localtime(item.publish_at):%d/%m/%Y %H:%M})"
    return ""


# --- reading -------------------------------------------------------------------------------


def readable_pages(queryset: QuerySet | None = None, *, can_read_unpublished: bool, now=None) -> QuerySet:
    """Pages a reader may see: all of them for staff; otherwise published, due, and under
    ancestors that are all published and due."""
    queryset = Page.objects.all() if queryset is None else queryset
    if can_read_unpublished:
        return queryset
    now = now or timezone.now()
    hidden_ancestor = (
        Page.objects.filter(StartsWith(OuterRef("path"), Concat(F("path"), Value("/"))))
        .exclude(pk__in=Page.objects.visible(now).values("pk"))
        .values("pk")
    )
    return queryset.visible(now).exclude(Exists(hidden_ancestor))


def normalize_path(path: str) -> str:
    return "/".join(segment for segment in (path or "").strip().lower().split("/") if segment)


def news_by_date(queryset: QuerySet | None = None) -> QuerySet:
    """Newest first: by publication date (``publish_at``, else first publication, else creation)."""
    queryset = NewsItem.objects.all() if queryset is None else queryset
    return queryset.annotate(date=Coalesce("publish_at", "published_at", "created_at")).order_by("-date", "-id")


# --- what events carry ----------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def page_payload(page: Page) -> dict:
    """What a ``page.*`` event carries: enough for a receiver to find and show the page."""
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "path": page.path,
        "parentId": page.parent_id,
        "status": page.status,
        "publishAt": _iso(page.publish_at),
    }


def news_payload(item: NewsItem) -> dict:
    """What a ``news.*`` event carries (``publishedAt``: its date for readers, once published)."""
    return {
        "id": item.pk,
        "title": item.title,
        "slug": item.slug,
        "status": item.status,
        "publishAt": _iso(item.publish_at),
        "publishedAt": _iso(item.published_at),
    }


def _publication_action(noun: str, item) -> str:
    """``<noun>.scheduled`` when readers see ``item`` only later, else ``<noun>.published``."""
    return f"{noun}.scheduled" if _scheduled_note(item) else f"{noun}.published"


def _status_set_by_form(ctx: ServiceContext, noun: str, item, previous_status, payload: dict) -> None:
    """A form (the admin) sets the status directly: a save that publishes or archives is also
    that event, so receivers learn of it whichever door it came through."""
    if item.status == previous_status:
        return
    if item.status == PublicationStatus.PUBLISHED:
        action = _publication_action(noun, item)
    elif item.status == PublicationStatus.ARCHIVED:
        action = f"{noun}.archived"
    else:
        return
    changed(ctx, action, item, payload=payload, summary=f"{item.title}{_scheduled_note(item)}")


# --- pages ---------------------------------------------------------------------------------


def _locked_path(pk) -> str | None:
    """The path of page ``pk``, locked until the end of the transaction when there is one."""
    pages = Page.objects.select_for_update() if transaction.get_connection().in_atomic_block else Page.objects
    return pages.filter(pk=pk).values_list("path", flat=True).first()


def page_path(page: Page, *, parent_id, slug: str) -> str:
    """The path ``page`` would have under ``parent_id`` with ``slug``; refused when the parent
    is missing, is the page or one of its descendants, or when a sibling has the slug."""
    if parent_id is None:
        path = slug
    else:
        parent_path = _locked_path(parent_id)
        if parent_path is None:
            _fail("NOT_FOUND", "La page parente n'existe pas dans cet espace.", "parentId")
        own_path = _locked_path(page.pk) if page.pk else None
        if page.pk is not None and (parent_id == page.pk or parent_path.startswith(f"{own_path}/")):
            _fail("CYCLE", "Une page ne peut pas être placée sous elle-même ni sous une de ses sous-pages.", "parentId")
        path = f"{parent_path}/{slug}"
    if len(path) > PATH_MAX:
        _fail("INVALID", f"Le chemin complet ne doit pas dépasser {PATH_MAX} caractères.", "slug")
    if Page.objects.filter(path=path).exclude(pk=page.pk).exists():
        _fail("UNIQUE", f"Une page a déjà le chemin « {path} » : choisissez un autre identifiant.", "slug")
    return path


def _next_position(parent_id) -> int:
    last = Page.objects.filter(parent_id=parent_id).order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _move_descendants(old_path: str, new_path: str) -> None:
    if old_path and old_path != new_path:
        Page.objects.filter(path__startswith=f"{old_path}/").update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
        )


def _write_page(ctx: ServiceContext, page: Page, *, action: str, note: str, summary: str = "") -> Page:
    """Place, save, cascade paths, record a revision, the audit entry and the event."""
    old_path = _locked_path(page.pk) if page.pk else None
    page.path = page_path(page, parent_id=page.parent_id, slug=page.slug)
    _stamp_published(page)
    try:
        with transaction.atomic():
            page.save()
    except IntegrityError:
        _fail("UNIQUE", f"Une page a déjà le chemin « {page.path} » : choisissez un autre identifiant.", "slug")
    if old_path is not None:
        _move_descendants(old_path, page.path)
    record_revision(page, actor=ctx.actor, summary=note)
    changed(ctx, action, page, payload=page_payload(page), summary=summary or page.title)
    return page


def _prepare_page(page: Page) -> None:
    """Validate and sanitise the values ``page`` carries; fill in a missing slug."""
    page.title = _title(page.title)
    page.summary = _summary(page.summary)
    page.body = clean_html(page.body)
    if page.slug:
        page.slug = _explicit_slug(page.slug, PAGE_SLUG_MAX)
    else:
        page.slug = _free_page_slug(page.title, page.parent_id, page.pk)
    _publish_moment(page.publish_at)


def check_page(page: Page) -> None:
    """Raise ``ServiceError`` if ``page``, carrying new values, could not be saved (the
    admin's form validation). Its values are normalised as ``save_page`` would."""
    _prepare_page(page)
    page_path(page, parent_id=page.parent_id, slug=page.slug)


def save_page(ctx: ServiceContext, page: Page) -> Page:
    """Save an instance already carrying its new values (the admin's path): validate and
    sanitise them, fill in a missing slug, compute paths, record a revision, the audit entry and
    the event (and ``page.published``/``scheduled``/``archived`` when the status set says so)."""
    created = page.pk is None
    previous_status = None if created else Page.objects.filter(pk=page.pk).values_list("status", flat=True).first()
    _prepare_page(page)
    with transaction.atomic():
        _write_page(
            ctx,
            page,
            action="page.created" if created else "page.updated",
            note="Création" if created else "Modification",
        )
        _status_set_by_form(ctx, "page", page, previous_status, page_payload(page))
    return page


def _free_page_slug(title: str, parent_id, exclude_pk) -> str:
    siblings = Page.objects.filter(parent_id=parent_id).exclude(pk=exclude_pk)
    return _free_slug(title, PAGE_SLUG_MAX, lambda slug: siblings.filter(slug=slug).exists())


def create_page(
    ctx: ServiceContext,
    *,
    title: str,
    slug: str | None = None,
    parent: Page | None = None,
    summary: str = "",
    body: str = "",
) -> Page:
    """Create a draft page, last among its siblings. Without a slug, one is made from the title."""
    page = Page(parent=parent, title=_title(title), summary=_summary(summary), body=clean_html(body))
    page.slug = _explicit_slug(slug, PAGE_SLUG_MAX) if slug else _free_page_slug(page.title, page.parent_id, None)
    page.position = _next_position(page.parent_id)
    with transaction.atomic():
        return _write_page(ctx, page, action="page.created", note="Création")


_UNSET = object()


@_unchanged_when_refused
def update_page(ctx: ServiceContext, page: Page, data: dict) -> Page:
    """Change the given fields (``title``, ``slug``, ``summary``, ``body``, ``parent``: a Page
    or None for the top level). A page that changes parent goes last among its new siblings."""
    if "title" in data:
        page.title = _title(data["title"])
    if "summary" in data:
        page.summary = _summary(data["summary"])
    if "body" in data:
        page.body = clean_html(data["body"])
    if data.get("slug") is not None:
        page.slug = _explicit_slug(data["slug"], PAGE_SLUG_MAX)
    parent = data.get("parent", _UNSET)
    moved = parent is not _UNSET and getattr(parent, "pk", None) != page.parent_id
    with transaction.atomic():
        if moved:
            page.parent = parent
            page.position = _next_position(page.parent_id)
        return _write_page(
            ctx,
            page,
            action="page.moved" if moved else "page.updated",
            note="Déplacement" if moved else "Modification",
        )


@_unchanged_when_refused
def publish_page(ctx: ServiceContext, page: Page, *, publish_at: datetime | None = None) -> Page:
    """Publish now, or schedule: a future ``publish_at`` keeps the page hidden from readers
    until then; a past one backdates it."""
    mark_published(page, _publish_moment(publish_at))
    when = _scheduled_note(page)
    with transaction.atomic():
        return _write_page(
            ctx,
            page,
            action=_publication_action("page", page),
            note=f"Publication{when}",
            summary=f"{page.title}{when}",
        )


@_unchanged_when_refused
def archive_page(ctx: ServiceContext, page: Page) -> Page:
    """Withdraw the page, and with it every page under it, from readers; staff still see it."""
    page.status = PublicationStatus.ARCHIVED
    with transaction.atomic():
        return _write_page(ctx, page, action="page.archived", note="Archivage")


def delete_page(ctx: ServiceContext, page: Page) -> None:
    """Delete a page without sub-pages (its revisions go with it)."""
    if Page.objects.filter(parent_id=page.pk).exists():
        _fail("HAS_CHILDREN", "Cette page a des sous-pages : déplacez-les ou supprimez-les d'abord.", "id")
    with transaction.atomic():
        changed(
            ctx,
            "page.deleted",
            page,
            payload={"title": page.title, "slug": page.slug, "path": page.path},
            summary=f"{page.title} ({page.path})",
        )
        page.delete()


def reorder_pages(ctx: ServiceContext, parent: Page | None, pages: list[Page]) -> list[Page]:
    """Put the sub-pages of ``parent`` (top-level pages when None) in the order given, which
    must list each of them exactly once. Pages whose position changes get a revision."""
    parent_id = getattr(parent, "pk", None)
    with transaction.atomic():
        siblings = {p.pk: p for p in Page.objects.select_for_update().filter(parent_id=parent_id)}
        wanted = [p.pk for p in pages]
        if len(set(wanted)) != len(wanted) or set(wanted) != set(siblings):
            _fail("INVALID", "Donnez chaque page de ce niveau une fois et une seule, sans autre page.", "ids")
        ordered = [siblings[pk] for pk in wanted]
        for position, page in enumerate(ordered):
            if page.position != position:
                page.position = position
                page.save(update_fields=["position", "updated_at"])
                record_revision(page, actor=ctx.actor, summary="Changement d'ordre")
        label = parent.title if parent is not None else "premier niveau"
        changed(
            ctx,
            "page.reordered",
            parent,
            payload={"parentId": parent_id, "pageIds": wanted},
            summary=f"Ordre des pages : {label}",
        )
    return ordered


@contextmanager
def _about_the_version():
    """Errors found in a version being restored are about that version (``number``), not
    about a field the caller sent."""
    try:
        yield
    except ServiceError as exc:
        for error in exc.errors:
            error["field"] = "number"
        raise


@_unchanged_when_refused
def restore_page_revision(ctx: ServiceContext, page: Page, number: int) -> Page:
    """Bring back every field saved in revision ``number`` (place and publication state
    included), recorded as a new revision; paths below follow."""
    revision = revisions_of(page).filter(number=number).first()
    if revision is None:
        _fail("NOT_FOUND", f"Aucune version n° {number} de cette page.", "number")
    with transaction.atomic():
        old_path = _locked_path(page.pk)
        with _about_the_version():
            data = dict(revision.data)
            data["title"] = _title(data.get("title"))
            data["summary"] = _summary(data.get("summary"))
            data["body"] = clean_html(data.get("body"))
            data["slug"] = _explicit_slug(data.get("slug") or page.slug, PAGE_SLUG_MAX)
            new_path = page_path(page, parent_id=data.get("parent"), slug=data["slug"])
        revision.data = data
        try:
            restore_revision(page, revision, actor=ctx.actor)
        except ValidationError as exc:
            _fail("INVALID", f"Cette version ne peut pas être restaurée : {'; '.join(exc.messages)}", "number")
        page.path = new_path
        _stamp_published(page)
        page.save(update_fields=["path", "published_at"])
        _move_descendants(old_path, new_path)
        changed(
            ctx,
            "page.revision_restored",
            page,
            payload={**page_payload(page), "number": number},
            summary=f"{page.title} (version {number})",
        )
    return page


# --- news ----------------------------------------------------------------------------------


def _free_news_slug(title: str, exclude_pk) -> str:
    others = NewsItem.objects.exclude(pk=exclude_pk)
    return _free_slug(title, NEWS_SLUG_MAX, lambda slug: others.filter(slug=slug).exists())


def _slug_taken(item: NewsItem):
    _fail("UNIQUE", f"L'identifiant « {item.slug} » est déjà utilisé par une autre actualité.", "slug")


def _write_news(ctx: ServiceContext, item: NewsItem, *, action: str, note: str, summary: str = "") -> NewsItem:
    if NewsItem.objects.filter(slug=item.slug).exclude(pk=item.pk).exists():
        _slug_taken(item)
    _stamp_published(item)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        _slug_taken(item)
    record_revision(item, actor=ctx.actor, summary=note)
    changed(ctx, action, item, payload=news_payload(item), summary=summary or item.title)
    return item


def _prepare_news(item: NewsItem) -> None:
    item.title = _title(item.title)
    item.summary = _summary(item.summary)
    item.body = clean_html(item.body)
    item.slug = _explicit_slug(item.slug, NEWS_SLUG_MAX) if item.slug else _free_news_slug(item.title, item.pk)
    _publish_moment(item.publish_at)


def check_news(item: NewsItem) -> None:
    """Raise ``ServiceError`` if ``item``, carrying new values, could not be saved."""
    _prepare_news(item)
    if NewsItem.objects.filter(slug=item.slug).exclude(pk=item.pk).exists():
        _slug_taken(item)


def save_news(ctx: ServiceContext, item: NewsItem) -> NewsItem:
    """Save an instance already carrying its new values (the admin's path); a status set to
    published or archived is also that event."""
    created = item.pk is None
    previous_status = None if created else NewsItem.objects.filter(pk=item.pk).values_list("status", flat=True).first()
    _prepare_news(item)
    with transaction.atomic():
        _write_news(
            ctx,
            item,
            action="news.created" if created else "news.updated",
            note="Création" if created else "Modification",
        )
        _status_set_by_form(ctx, "news", item, previous_status, news_payload(item))
    return item


def create_news(
    ctx: ServiceContext, *, title: str, slug: str | None = None, summary: str = "", body: str = ""
) -> NewsItem:
    """Create a draft news item. Without a slug, one is made from the title."""
    item = NewsItem(title=_title(title), summary=_summary(summary), body=clean_html(body))
    item.slug = _explicit_slug(slug, NEWS_SLUG_MAX) if slug else _free_news_slug(item.title, None)
    with transaction.atomic():
        return _write_news(ctx, item, action="news.created", note="Création")


@_unchanged_when_refused
def update_news(ctx: ServiceContext, item: NewsItem, data: dict) -> NewsItem:
    """Change the given fields (``title``, ``slug``, ``summary``, ``body``)."""
    if "title" in data:
        item.title = _title(data["title"])
    if "summary" in data:
        item.summary = _summary(data["summary"])
    if "body" in data:
        item.body = clean_html(data["body"])
    if data.get("slug") is not None:
        item.slug = _explicit_slug(data["slug"], NEWS_SLUG_MAX)
    with transaction.atomic():
        return _write_news(ctx, item, action="news.updated", note="Modification")


@_unchanged_when_refused
def publish_news(ctx: ServiceContext, item: NewsItem, *, publish_at: datetime | None = None) -> NewsItem:
    """Publish now, or schedule (future ``publish_at``), or backdate (past ``publish_at``: the
    item's date becomes that day)."""
    mark_published(item, _publish_moment(publish_at))
    when = _scheduled_note(item)
    with transaction.atomic():
        return _write_news(
            ctx,
            item,
            action=_publication_action("news", item),
            note=f"Publication{when}",
            summary=f"{item.title}{when}",
        )


@_unchanged_when_refused
def archive_news(ctx: ServiceContext, item: NewsItem) -> NewsItem:
    """Withdraw the item from readers; staff still see it and may publish it again."""
    item.status = PublicationStatus.ARCHIVED
    with transaction.atomic():
        return _write_news(ctx, item, action="news.archived", note="Archivage")


def delete_news(ctx: ServiceContext, item: NewsItem) -> None:
    """Delete the item (its revisions go with it)."""
    with transaction.atomic():
        changed(ctx, "news.deleted", item, payload={"title": item.title, "slug": item.slug})
        item.delete()


def _restorable_news_data(item: NewsItem, revision) -> dict:
    """The fields of ``revision`` as the rules accept them now; refused (on ``number``) when
    they no longer pass, or when another item has taken its slug."""
    with _about_the_version():
        data = dict(revision.data)
        data["title"] = _title(data.get("title"))
        data["summary"] = _summary(data.get("summary"))
        data["body"] = clean_html(data.get("body"))
        slug = data.get("slug") or item.slug
        if NewsItem.objects.filter(slug=slug).exclude(pk=item.pk).exists():
            _fail("UNIQUE", f"L'identifiant « {slug} » de cette version est pris par une autre actualité.")
    return data


@_unchanged_when_refused
def restore_news_revision(ctx: ServiceContext, item: NewsItem, number: int) -> NewsItem:
    """Bring back every field saved in revision ``number`` (publication state included),
    recorded as a new revision."""
    revision = revisions_of(item).filter(number=number).first()
    if revision is None:
        _fail("NOT_FOUND", f"Aucune version n° {number} de cette actualité.", "number")
    revision.data = _restorable_news_data(item, revision)
    with transaction.atomic():
        try:
            restore_revision(item, revision, actor=ctx.actor)
        except ValidationError as exc:
            _fail("INVALID", f"Cette version ne peut pas être restaurée : {'; '.join(exc.messages)}", "number")
        _stamp_published(item)
        item.save(update_fields=["published_at"])
        changed(
            ctx,
            "news.revision_restored",
            item,
            payload={**news_payload(item), "number": number},
            summary=f"{item.title} (version {number})",
        )
    return item
