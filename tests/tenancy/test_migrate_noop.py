"""``imedia migrate`` skips the schemas that are already up to date, found in a constant number of
queries; the template and any schema missing a migration are still migrated; ``--all`` migrates
every schema; a failed migration leaves the other schemas consistent and a re-run completes."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django_tenants.signals import schema_pre_migration

from tenants import migration_state
from tenants.migration_state import expected_migrations, up_to_date_schemas

TEMPLATE = settings.TENANT_BASE_SCHEMA
ALL = {"alpha", "beta", TEMPLATE}


@contextmanager
def migrated_schemas():
    """The tenant schemas the executor runs Django's ``migrate`` in (public left out)."""
    seen: list[str] = []

    def record(sender, schema_name, **kwargs):
        if schema_name != "public":
            seen.append(schema_name)

    schema_pre_migration.connect(record, weak=False)
    try:
        yield seen
    finally:
        schema_pre_migration.disconnect(record)


def columns(schema, table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema=%s AND table_name=%s",
            [schema, table],
        )
        return {row[0] for row in cursor.fetchall()}


def recorded(schema, app, name):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}".django_migrations WHERE app=%s AND name=%s', [app, name])
        return cursor.fetchone()[0]


def roll_back_audit(schema):
    call_command("migrate_schemas", "audit", "0001", schema_name=schema, interactive=False, verbosity=0)
    connection.set_schema_to_public()
    assert "via" not in columns(schema, "audit_auditentry")


def test_every_migrated_schema_is_found_up_to_date(db):
    # The expected set is exactly what a complete migrate records in a tenant schema.
    assert up_to_date_schemas(["alpha", "beta", TEMPLATE]) == ALL
    assert ("audit", "0002_entry_via") in expected_migrations()


def test_noop_migrate_touches_no_up_to_date_schema(db):
    with migrated_schemas() as seen:
        call_command("migrate", interactive=False, verbosity=0)
    assert seen == []


def test_a_schema_missing_one_migration_is_migrated_and_only_it(db):
    roll_back_audit("beta")
    assert up_to_date_schemas(["alpha", "beta", TEMPLATE]) == {"alpha", TEMPLATE}
    with migrated_schemas() as seen:
        call_command("migrate", interactive=False, verbosity=0)
    assert seen == ["beta"]
    assert "via" in columns("beta", "audit_auditentry")
    assert recorded("beta", "audit", "0002_entry_via") == 1


def test_a_stale_template_is_not_skipped(db):
    roll_back_audit(TEMPLATE)
    with migrated_schemas() as seen:
        call_command("migrate", tenant=True, interactive=False, verbosity=0)
    assert seen == [TEMPLATE]
    assert "via" in columns(TEMPLATE, "audit_auditentry")


def test_a_missing_template_schema_is_created_and_migrated(db):
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA "{TEMPLATE}" CASCADE')
    with migrated_schemas() as seen:
        call_command("migrate", interactive=False, verbosity=0)
    assert seen == [TEMPLATE]
    assert up_to_date_schemas([TEMPLATE]) == {TEMPLATE}


def test_all_option_migrates_every_schema(db):
    with migrated_schemas() as seen:
        call_command("migrate", all_schemas=True, interactive=False, verbosity=0)
    assert set(seen) == ALL


def test_detection_costs_the_same_queries_for_one_schema_or_many(db):
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "bare"')  # no django_migrations table
        cursor.execute("DELETE FROM alpha.django_migrations WHERE app='audit' AND name='0002_entry_via'")
    with CaptureQueriesContext(connection) as one:
        assert up_to_date_schemas(["beta"]) == {"beta"}
    with CaptureQueriesContext(connection) as many:
        assert up_to_date_schemas(["alpha", "beta", TEMPLATE, "bare", "nowhere"]) == {"beta", TEMPLATE}
    assert len(one) == len(many) == 2


def test_a_failed_migration_leaves_the_others_consistent_and_a_rerun_completes(db):
    for schema in ALL:
        roll_back_audit(schema)
    with connection.cursor() as cursor:  # alpha's audit.0002 will fail: its column is already there
        cursor.execute("ALTER TABLE alpha.audit_auditentry ADD COLUMN via varchar(16) NOT NULL DEFAULT ''")
    with pytest.raises(DatabaseError), migrated_schemas() as seen:
        call_command("migrate", interactive=False, verbosity=0)
    connection.set_schema_to_public()
    assert "alpha" in seen
    # Every schema is whole: either migrated (recorded and column present) or left as it was.
    for schema in ALL:
        done = recorded(schema, "audit", "0002_entry_via") == 1
        if schema == "alpha":
            assert not done
        else:
            assert done == ("via" in columns(schema, "audit_auditentry"))

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE alpha.audit_auditentry DROP COLUMN via")
    with migrated_schemas() as seen:
        call_command("migrate", interactive=False, verbosity=0)
    assert "alpha" in seen
    assert up_to_date_schemas(ALL) == ALL
    for schema in ALL:
        assert "via" in columns(schema, "audit_auditentry")
    with migrated_schemas() as seen:
        call_command("migrate", interactive=False, verbosity=0)
    assert seen == []


def test_detection_in_batches_gives_the_same_answer(db, monkeypatch):
    monkeypatch.setattr(migration_state, "BATCH", 2)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM beta.django_migrations WHERE app='audit' AND name='0002_entry_via'")
    with CaptureQueriesContext(connection) as queries:
        assert up_to_date_schemas(["alpha", "beta", TEMPLATE]) == {"alpha", TEMPLATE}
    assert len(queries) == 1 + 2  # the table check, then one query per batch of 2
