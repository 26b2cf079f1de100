"""Small helpers to write aggregation SQL against Django models without hard-coding names.

Table and column names come from the models' ``_meta``, quoted by the connection: a field
renamed in another domain breaks loudly at import of the SQL, not silently at run time.
Tables are never schema-qualified: a query runs in the schema the connection is set to
(``search_path``), which is how indicators stay inside one tenant.
"""

from __future__ import annotations

import json

from django.db import connection


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model, field_name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field_name).column)


def m2m_table(model, field_name: str) -> tuple[str, str, str]:
    """(through table, column to ``model``, column to the other side) of a many-to-many field."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    quote = connection.ops.quote_name
    return (
        quote(through._meta.db_table),
        quote(through._meta.get_field(field.m2m_field_name()).column),
        quote(through._meta.get_field(field.m2m_reverse_field_name()).column),
    )


def fetch(sql: str, params: dict) -> list[dict]:
    """Run one statement; rows as dicts."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [col.name for col in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def json_value(value):
    """A json/jsonb column: Django's psycopg setup hands them over as text for its JSONField."""
    return json.loads(value) if isinstance(value, str | bytes) else value
