"""The event catalogue (served by `webhookEventTypes`, documented in docs/webhooks.md) is built from
what each domain declares, and ``changed()`` is the one way a change leaves its audit entry and its
event: together, catalogued, in the caller's transaction."""

import ast
from pathlib import Path

import pytest
from django.db import transaction
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.changes import changed, changed_many
from imedia_core.context import Channel, ServiceContext
from imedia_core.events.catalogue import event_types
from imedia_core.events.models import OutboxEvent
from imedia_core.pages.models import Page

ROOT = Path(__file__).resolve().parents[2]
# The only modules allowed to call the low-level writers.
WRITERS = {"imedia_core/changes.py", "imedia_core/audit/log.py", "imedia_core/events/outbox.py"}


def calls_to(name: str) -> list[str]:
    """``path:line`` of every call to a function called ``name`` in the core, tenants and plugins."""
    found = []
    for base in ("imedia_core", "tenants", "plugins"):
        for path in (ROOT / base).rglob("*.py"):
            relative = str(path.relative_to(ROOT))
            if relative in WRITERS:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name:
                    found.append(f"{relative}:{node.lineno}")
    return found


def test_no_service_writes_audit_entries_or_events_by_hand():
    assert calls_to("record") == []
    assert calls_to("emit") == []
    assert calls_to("emit_many") == []


def test_every_domain_declares_its_events():
    prefixes = {key.split(".")[0] for key in event_types()}
    assert {"contribution", "comment", "response", "commitment", "resource", "practice", "page", "news"} <= prefixes
    assert {"cycle", "phase", "guidance", "diagnostic", "member", "plugin", "tenant"} <= prefixes


def test_every_catalogued_type_is_documented():
    text = (ROOT / "docs" / "webhooks.md").read_text(encoding="utf-8")
    assert [name for name in event_types() if f"| `{name}` |" not in text] == []


def test_changed_writes_the_audit_entry_and_the_event_together(tenant_a, make_user):
    editor = make_user("redaction@alpha.test", "tenant_admin", tenant_a)
    ctx = ServiceContext.for_user(editor, tenant_a, Channel.ADMIN)
    with schema_context("alpha"):
        page = Page.objects.create(title="Nous avons fait", slug="nous-avons-fait", path="nous-avons-fait")
        event = changed(ctx, "page.published", page, payload={"path": page.path})
        entry = AuditEntry.objects.get(action="page.published", target_id=str(page.pk))
    assert (entry.actor_id, entry.via, entry.summary) == (editor.pk, "admin", "Nous avons fait")
    assert (event.type, event.payload, event.actor_id) == (
        "page.published",
        {"path": page.path, "id": page.pk},
        editor.pk,
    )


def test_a_rolled_back_change_leaves_neither_trace(tenant_a):
    ctx = ServiceContext.system(Channel.JOB)
    with schema_context("alpha"):
        before = (AuditEntry.objects.count(), OutboxEvent.objects.count())
        with pytest.raises(RuntimeError), transaction.atomic():
            page = Page.objects.create(title="Brouillon", slug="brouillon", path="brouillon")
            changed(ctx, "page.created", page)
            raise RuntimeError("refused later in the same transaction")
        assert (AuditEntry.objects.count(), OutboxEvent.objects.count()) == before


def test_an_uncatalogued_type_is_refused_before_writing(tenant_a):
    ctx = ServiceContext.system(Channel.CLI)
    with schema_context("alpha"):
        before = (AuditEntry.objects.count(), OutboxEvent.objects.count())
        with pytest.raises(LookupError, match="page.teleported"):
            changed(ctx, "page.teleported")
        assert (AuditEntry.objects.count(), OutboxEvent.objects.count()) == before


def test_changed_many_writes_one_event_per_subject_in_one_insert_and_no_audit_entry(
    tenant_a, make_user, django_assert_num_queries
):
    editor = make_user("import@alpha.test", "tenant_admin", tenant_a)
    ctx = ServiceContext.for_user(editor, tenant_a, Channel.CONNECTOR)
    with schema_context("alpha"):
        pages = [Page.objects.create(title=f"Page {i}", slug=f"page-{i}", path=f"page-{i}") for i in range(5)]
        audit_before = AuditEntry.objects.count()
        with django_assert_num_queries(1):
            events = changed_many(ctx, "page.created", [(page, {"path": page.path}) for page in pages])
        assert [(e.type, e.payload, e.actor_id) for e in events] == [
            ("page.created", {"path": page.path, "id": page.pk}, editor.pk) for page in pages
        ]
        assert OutboxEvent.objects.filter(type="page.created", subject_type="Page").count() == 5
        assert AuditEntry.objects.count() == audit_before
        with pytest.raises(LookupError, match="page.teleported"):
            changed_many(ctx, "page.teleported", [(pages[0], {})])
        assert not OutboxEvent.objects.filter(type="page.teleported").exists()
