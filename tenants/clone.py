"""Clone the template schema into a new tenant schema.

Why not django-tenants' ``clone_schema``: measured on this project (bench/clone_profile.py), its
generic plpgsql function re-installs itself on every call, runs ~900 catalog queries whatever the
template holds, slows down with every schema already in the database (name-based lookups across
all schemas: O(N²) to create N tenants), and renames named UNIQUE constraints to PostgreSQL's
defaults — so a later migration that drops such a constraint by name would fail on cloned
tenants only. This clone reads only the template's own catalog rows and keeps every name.

It copies what Django migrations create: tables (columns, defaults, NOT NULL, CHECK, identity,
generated columns, comments), their rows, primary/unique/exclusion/foreign-key constraints and
indexes under their original names, and restarts identity sequences. Anything else in the
template (views, triggers, functions, types, free-standing sequences) is refused with a clear
error rather than silently left out; extend this module when a migration needs one.
"""

from __future__ import annotations

import re

from django.db import connection
from django_tenants.utils import quote_schema_name


class CloneError(Exception):
    """The template holds something this clone does not copy, or the clone differs from it."""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _unsupported(cursor, source: str) -> list[str]:
    cursor.execute(
        """
        SELECT kind || ' ' || name FROM (
            SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                   WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table'
                   WHEN 'S' THEN 'sequence' WHEN 'c' THEN 'type' END AS kind, c.relname AS name
            FROM pg_class c
            WHERE c.relnamespace = %(s)s::regnamespace AND c.relkind IN ('v', 'm', 'p', 'f', 'S', 'c')
              AND NOT EXISTS (  -- identity sequences come with their column
                  SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')
            UNION ALL
            SELECT 'function', p.proname FROM pg_proc p WHERE p.pronamespace = %(s)s::regnamespace
            UNION ALL
            SELECT 'trigger', t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = %(s)s::regnamespace AND NOT t.tgisinternal
            UNION ALL
            SELECT 'text search configuration', c.cfgname FROM pg_ts_config c
            WHERE c.cfgnamespace = %(s)s::regnamespace
            UNION ALL
            SELECT 'text search dictionary', d.dictname FROM pg_ts_dict d
            WHERE d.dictnamespace = %(s)s::regnamespace
            UNION ALL
            SELECT 'type', t.typname FROM pg_type t
            WHERE t.typnamespace = %(s)s::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm')
        ) found ORDER BY 1
        """,
        {"s": source},
    )
    return [row[0] for row in cursor.fetchall()]


def signature(schema: str) -> dict:
    """What must be identical between the template and a clone: tables with their columns,
    constraint names and index names."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity"
            " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            " WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' AND a.attnum > 0"
            " AND NOT a.attisdropped ORDER BY 1, a.attnum",
            [schema],
        )
        columns = [tuple(row) for row in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, contype FROM pg_constraint WHERE connamespace = %s::regnamespace ORDER BY 1",
            [schema],
        )
        constraints = [tuple(row) for row in cursor.fetchall()]
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = %s ORDER BY 1", [schema])
        indexes = [row[0] for row in cursor.fetchall()]
    return {"columns": columns, "constraints": constraints, "indexes": indexes}


def clone_schema(source: str, dest: str, *, verify: bool = True) -> None:
    """Create schema ``dest`` as a copy of ``source``, structure and rows, in the current
    transaction (a failure rolls everything back with the caller's transaction)."""
    with connection.cursor() as cursor:
        unsupported = _unsupported(cursor, source)
        if unsupported:
            raise CloneError(
                f"Le schéma modèle « {source} » contient des objets que le clonage ne copie pas : "
                + ", ".join(unsupported)
            )
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r' ORDER BY oid",
            [source],
        )
        tables = [row[0] for row in cursor.fetchall()]
        # Definitions are read with search_path = source so that same-schema references come
        # out unqualified (and will resolve to dest), while other schemas stay qualified.
        cursor.execute(f"SET LOCAL search_path = {quote_schema_name(source)}")
        cursor.execute(
            "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k"
            " JOIN pg_class c ON c.oid = k.conrelid WHERE k.connamespace = %s::regnamespace"
            " AND k.contype IN ('p', 'u', 'x', 'f') ORDER BY k.contype = 'f', k.oid",
            [source],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
            " WHERE c.relnamespace = %s::regnamespace"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
            " ORDER BY i.indexrelid",
            [source],
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            " WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' AND a.attidentity <> ''",
            [source],
        )
        identities = cursor.fetchall()
        cursor.execute(
            "SELECT c.relname, array_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a"
            " JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r'"
            " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' GROUP BY c.relname",
            [source],
        )
        # Generated columns are computed, never inserted.
        stored_columns = {table: ", ".join(_q(name) for name in names) for table, names in cursor.fetchall()}

        src, dst = quote_schema_name(source), quote_schema_name(dest)
        cursor.execute(f"CREATE SCHEMA {dst}")
        filled = set()
        for table in tables:
            cursor.execute(f"CREATE TABLE {dst}.{_q(table)} (LIKE {src}.{_q(table)} INCLUDING ALL EXCLUDING INDEXES)")
            columns = stored_columns[table]
            cursor.execute(
                f"INSERT INTO {dst}.{_q(table)} ({columns}) OVERRIDING SYSTEM VALUE"  # noqa: S608
                f" SELECT {columns} FROM {src}.{_q(table)}"
            )
            if cursor.rowcount:
                filled.add(table)
        cursor.execute(f"SET LOCAL search_path = {dst}")
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {dst}.{_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
        # pg_get_indexdef always qualifies the table: point it at dest.
        cursor.execute("SELECT quote_ident(%s)", [source])
        on_source = re.compile(r" ON (ONLY )?" + re.escape(cursor.fetchone()[0]) + r"\.")
        for definition in indexes:
            cursor.execute(on_source.sub(lambda m: f" ON {m.group(1) or ''}{dst}.", definition, count=1))
        for table, column in identities:
            if table not in filled:
                continue  # a fresh identity already starts at 1
            # Identifiers come from the catalog and are quoted; values go as parameters.
            restart = f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE((SELECT max({_q(column)}) FROM {dst}.{_q(table)}), 0) + 1, false)"  # noqa: S608, E501
            cursor.execute(restart, [f"{dst}.{_q(table)}", column])
        cursor.execute("SET LOCAL search_path = public")
    # django-tenants skips SET search_path when it believes it is already set: make it re-set.
    connection.search_path_set_schemas = None
    if verify:
        expected, actual = signature(source), signature(dest)
        if expected != actual:
            raise CloneError(f"Le clone « {dest} » diffère du schéma modèle « {source} ».")
