"""Journal and revision labels name people by their display name, never their e-mail; the labels
stored before (e-mails) are converted by the owning apps' data migrations."""

import importlib

from django.db import connection
from django_tenants.utils import schema_context

from imedia_core.audit.log import record
from imedia_core.audit.models import AuditEntry

MIGRATION = importlib.import_module("imedia_core.audit.migrations.0004_person_labels")


def test_the_journal_writes_the_display_name(tenant_a, make_user):
    awa = make_user("awa.label@alpha.test", display_name="Awa")
    nameless = make_user("sans.nom@alpha.test")
    with schema_context("alpha"):
        assert record("test.one", actor=awa).actor_label == "Awa"
        assert record("test.two", actor=nameless).actor_label == "Participant·e"


def test_stored_email_labels_become_display_names(tenant_a, tenant_b, make_user):
    awa = make_user("awa.migration@alpha.test", display_name="Awa M.")
    for schema in ("alpha", "beta"):
        with schema_context(schema):
            AuditEntry.objects.create(action="test.old", actor_id=awa.pk, actor_label="Awa.Migration@alpha.test")
            AuditEntry.objects.create(action="test.gone", actor_id=999999, actor_label="parti@ailleurs.test")
    with schema_context("alpha"), connection.cursor() as cursor:
        cursor.execute(MIGRATION.SQL)
        assert AuditEntry.objects.get(action="test.old").actor_label == "Awa M."
        assert AuditEntry.objects.get(action="test.gone").actor_label == "Personne anonymisée"
    with schema_context("beta"):  # each schema is migrated on its own
        assert AuditEntry.objects.get(action="test.old").actor_label == "Awa.Migration@alpha.test"
