"""Keep provisioning and migrations apart.

A tenant cloned while ``imedia migrate`` is half-way through the template would copy a
half-migrated template, and the running migrate (whose tenant list is fixed at its start) would
skip it. Migrate holds an exclusive advisory lock for its tenant phase; provisioning takes the
shared one inside its transaction, so tenants are created concurrently with each other but
never during a migration.
"""

from contextlib import contextmanager

from django.db import OperationalError, connection, connections, transaction

LOCK_KEY = (7411, 0)


class LockBusy(Exception):
    pass


def hold_shared_in_transaction(timeout_seconds: int = 30) -> None:
    """Take the shared lock until the current transaction ends; LockBusy after the timeout."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{int(timeout_seconds)}s'")
        try:
            with transaction.atomic():  # a savepoint: the timeout must not abort the caller's transaction
                cursor.execute("SELECT pg_advisory_xact_lock_shared(%s, %s)", LOCK_KEY)
        except OperationalError as exc:
            raise LockBusy("a migration is running") from exc
        cursor.execute("SET LOCAL lock_timeout TO DEFAULT")


@contextmanager
def exclusive(timeout_seconds: int = 600):
    """Hold the exclusive lock on a connection of its own (migrate closes the default one
    between schemas, which would release a session lock taken there)."""
    lock_connection = connections.create_connection("default")
    try:
        with lock_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{int(timeout_seconds)}s'")
            try:
                cursor.execute("SELECT pg_advisory_lock(%s, %s)", LOCK_KEY)
            except OperationalError as exc:
                raise LockBusy("tenants are being provisioned") from exc
        yield
    finally:
        lock_connection.close()  # ends the session, releasing the lock
