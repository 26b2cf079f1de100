"""The schema clone: an exact copy of the template (names included), and nothing half-copied."""

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from tenants.clone import CloneError, clone_schema, signature

TEMPLATE = settings.TENANT_BASE_SCHEMA


def fetch(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def test_clone_keeps_every_table_column_constraint_and_index_name(db):
    clone_schema(TEMPLATE, "clone_exact")
    assert signature("clone_exact") == signature(TEMPLATE)
    names = {
        row[0] for row in fetch("SELECT conname FROM pg_constraint WHERE connamespace = 'clone_exact'::regnamespace")
    }
    # A named UNIQUE constraint from a migration: django-tenants' clone renamed it to *_key.
    assert "django_content_type_app_label_model_76bd3d3b_uniq" in names


def test_clone_copies_rows_and_points_foreign_keys_at_its_own_tables(db):
    clone_schema(TEMPLATE, "clone_fk")
    for table in ("django_migrations", "django_content_type"):
        (source_count,) = fetch(f'SELECT count(*) FROM "{TEMPLATE}".{table}')[0]
        (clone_count,) = fetch(f"SELECT count(*) FROM clone_fk.{table}")[0]
        assert clone_count == source_count > 0
    targets = dict(
        fetch(
            "SELECT conname, confrelid::regclass::text FROM pg_constraint"
            " WHERE connamespace = 'clone_fk'::regnamespace AND contype = 'f'"
        )
    )
    assert targets, "the template has foreign keys"
    for name, target in targets.items():
        # Tenant tables reference the clone's own tables; people stay in the public schema.
        assert target.startswith("clone_fk.") or target == "tenants_user", (name, target)
        assert not target.startswith(TEMPLATE)


def test_identity_sequences_continue_after_the_copied_rows(db):
    clone_schema(TEMPLATE, "clone_seq")
    (max_id,) = fetch("SELECT max(id) FROM clone_seq.django_content_type")[0]
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO clone_seq.django_content_type (app_label, model) VALUES ('x', 'y') RETURNING id")
        assert cursor.fetchone()[0] == max_id + 1
    with schema_context("clone_seq"):
        entry = AuditEntry.objects.create(action="check")
        assert entry.pk == 1
    with schema_context(TEMPLATE):
        assert not AuditEntry.objects.exists()


def test_objects_the_clone_cannot_copy_are_refused_not_skipped(db):
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE VIEW "{TEMPLATE}".recent_entries AS SELECT id FROM "{TEMPLATE}".audit_auditentry')
        cursor.execute(
            f'CREATE FUNCTION "{TEMPLATE}".touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$'
        )
    with pytest.raises(CloneError) as excinfo:
        clone_schema(TEMPLATE, "clone_refused")
    assert "view recent_entries" in str(excinfo.value)
    assert "function touch" in str(excinfo.value)
    assert fetch("SELECT 1 FROM pg_namespace WHERE nspname = 'clone_refused'") == []
