"""Provisioning: clone, never replay; idempotent; atomic; the template stays current."""

from functools import partial

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tenants.utils import schema_context, schema_exists

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent
from imedia_core.pluginhost import hookimpl
from imedia_core.pluginhost import manager as plugins
from tenants import locks, provisioning
from tenants.models import Domain, Tenant, TenantStatus, User
from tenants.provisioning import TenantSpec, delete_tenant, provision_tenant, set_status, template_schema_ready

SYSTEM = ServiceContext.system(Channel.CLI)


def columns(schema, table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema=%s AND table_name=%s",
            [schema, table],
        )
        return {row[0] for row in cursor.fetchall()}


def test_provision_clones_and_never_replays_migrations(db, operator, monkeypatch):
    applied = []
    original = MigrationExecutor.apply_migration
    monkeypatch.setattr(
        MigrationExecutor, "apply_migration", lambda self, *a, **k: applied.append(a) or original(self, *a, **k)
    )
    result = provision_tenant(
        SYSTEM, TenantSpec(slug="gamma", name="Espace Gamma", operator=operator, domains=["gamma.test"], template="rsa")
    )
    assert result.created
    assert applied == []
    assert schema_exists("gamma")
    tenant = Tenant.objects.get(schema_name="gamma")
    assert tenant.policy_area == "social_inclusion"  # from the template
    assert tenant.template_key == "rsa"
    assert list(tenant.domains.values_list("domain", "is_primary")) == [("gamma.test", True)]
    # The clone carries the tenant tables and the template's migration records.
    assert columns("gamma", "audit_auditentry") == columns(settings.TENANT_BASE_SCHEMA, "audit_auditentry")
    with schema_context("gamma"):
        assert list(AuditEntry.objects.values_list("action", flat=True)) == ["tenant.created"]
        recorded = MigrationExecutor(connection).loader.applied_migrations
        assert ("audit", "0002_entry_via") in recorded


def test_existing_slug_is_an_error_or_a_noop_never_a_second_schema(db, operator, tenant_a):
    with pytest.raises(ServiceError) as excinfo:
        provision_tenant(SYSTEM, TenantSpec(slug="alpha", name="Doublon", operator=operator))
    assert excinfo.value.code == "tenant_exists"
    result = provision_tenant(SYSTEM, TenantSpec(slug="alpha", name="Doublon", operator=operator), if_exists="skip")
    assert result.created is False
    assert result.tenant.pk == tenant_a.pk
    assert Tenant.objects.get(pk=tenant_a.pk).name == "Espace Alpha"
    assert Tenant.objects.filter(schema_name__iexact="alpha").count() == 1


@pytest.mark.parametrize(
    ("slug", "code"),
    [
        ("A", "invalid_slug"),
        ("ab", "invalid_slug"),
        ("Alpha", "invalid_slug"),
        ("rsa-94", "invalid_slug"),
        ("x" * 60, "invalid_slug"),
        ("1abc", "invalid_slug"),
        ("abc;drop", "invalid_slug"),
        ("public", "reserved_slug"),
        ("pg_catalog", "reserved_slug"),
        ("imedia_template", "reserved_slug"),
    ],
)
def test_invalid_slugs_are_refused_and_change_nothing(db, operator, slug, code):
    before = Tenant.objects.count()
    with pytest.raises(ServiceError) as excinfo:
        provision_tenant(SYSTEM, TenantSpec(slug=slug, name="Essai", operator=operator))
    assert excinfo.value.code == code
    assert excinfo.value.field == "slug"
    assert Tenant.objects.count() == before


def test_unknown_template_and_taken_domain_are_refused(db, operator):
    with pytest.raises(ServiceError) as excinfo:
        provision_tenant(SYSTEM, TenantSpec(slug="delta", name="Delta", operator=operator, template="inexistant"))
    assert excinfo.value.code == "unknown_template"
    with pytest.raises(ServiceError) as excinfo:
        provision_tenant(SYSTEM, TenantSpec(slug="delta", name="Delta", operator=operator, domains=["alpha.test"]))
    assert excinfo.value.code == "domain_taken"
    assert not Tenant.objects.filter(schema_name="delta").exists()
    assert not schema_exists("delta")


class ExplodingPlugin:
    @hookimpl
    def imedia_tenant_created(self, tenant, template):
        raise RuntimeError("injected failure after the schema was cloned")


def test_failure_midway_leaves_neither_row_nor_schema(db, operator):
    plugins.register(ExplodingPlugin(), name="exploding")
    try:
        with pytest.raises(RuntimeError, match="injected failure"):
            provision_tenant(
                SYSTEM, TenantSpec(slug="epsilon", name="Epsilon", operator=operator, domains=["eps.test"])
            )
    finally:
        plugins.unregister("exploding")
    assert not Tenant.objects.filter(schema_name="epsilon").exists()
    assert not Domain.objects.filter(domain="eps.test").exists()
    assert not schema_exists("epsilon")
    # And the slug is free again: a retry succeeds.
    assert provision_tenant(SYSTEM, TenantSpec(slug="epsilon", name="Epsilon", operator=operator)).created


def test_orphan_schema_is_reported_not_reused(db, operator):
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "orphan"')
    with pytest.raises(ServiceError) as excinfo:
        provision_tenant(SYSTEM, TenantSpec(slug="orphan", name="Orphelin", operator=operator))
    assert excinfo.value.code == "schema_exists"
    assert not Tenant.objects.filter(schema_name="orphan").exists()


def test_stale_template_is_brought_current_by_migrate(db, operator):
    """Regression: a migration added after the template was made must reach new clones.

    We roll the template back to before ``audit.0002`` (as if it had been made before that
    migration existed), then run ``imedia migrate`` as a deploy would, then clone.
    """
    template = settings.TENANT_BASE_SCHEMA
    call_command("migrate_schemas", "audit", "0001", schema_name=template, interactive=False, verbosity=0)
    assert "via" not in columns(template, "audit_auditentry")

    call_command("migrate", interactive=False, verbosity=0)
    assert "via" in columns(template, "audit_auditentry")

    provision_tenant(SYSTEM, TenantSpec(slug="zeta", name="Zêta", operator=operator))
    assert "via" in columns("zeta", "audit_auditentry")
    with schema_context("zeta"):
        AuditEntry.objects.create(action="check", via="graphql")  # the column really works


def test_suspend_archive_reactivate(db, tenant_a):
    set_status(SYSTEM, tenant_a, TenantStatus.SUSPENDED, "Fin de convention")
    tenant_a.refresh_from_db()
    assert (tenant_a.status, tenant_a.status_reason) == ("suspended", "Fin de convention")
    set_status(SYSTEM, tenant_a, TenantStatus.ARCHIVED)
    set_status(SYSTEM, tenant_a, TenantStatus.ACTIVE)
    with schema_context("alpha"):
        actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == ["tenant.suspended", "tenant.archived", "tenant.active"]


def test_delete_requires_confirmation(db, operator):
    provision_tenant(SYSTEM, TenantSpec(slug="eta", name="Êta", operator=operator))
    tenant = Tenant.objects.get(schema_name="eta")
    for wrong in (None, "", "ETA", "alpha"):
        with pytest.raises(ServiceError) as excinfo:
            delete_tenant(SYSTEM, tenant, confirm=wrong)
        assert excinfo.value.code == "confirmation_required"
        assert schema_exists("eta")
        assert Tenant.objects.filter(schema_name="eta").exists()
    delete_tenant(SYSTEM, tenant, confirm="eta")
    assert not schema_exists("eta")
    assert not Tenant.objects.filter(schema_name="eta").exists()


def test_template_row_cannot_be_deleted_or_suspended(db):
    template = Tenant.objects.get(schema_name=settings.TENANT_BASE_SCHEMA)
    with pytest.raises(ServiceError):
        delete_tenant(SYSTEM, template, confirm=template.schema_name)
    with pytest.raises(ServiceError):
        set_status(SYSTEM, template, TenantStatus.SUSPENDED)
    assert schema_exists(settings.TENANT_BASE_SCHEMA)


def test_overlong_values_are_refused_with_their_field(db, operator):
    for spec, field in (
        (TenantSpec(slug="longname", name="x" * 201, operator=operator), "name"),
        (TenantSpec(slug="longname", name="ok", territory="t" * 201, operator=operator), "territory"),
        (TenantSpec(slug="longname", name="ok", domains=["d" * 254], operator=operator), "domains"),
    ):
        with pytest.raises(ServiceError) as excinfo:
            provision_tenant(SYSTEM, spec)
        assert excinfo.value.field == field
    assert not Tenant.objects.filter(schema_name="longname").exists()


def test_domains_are_normalised_and_checked(db, operator):
    result = provision_tenant(
        SYSTEM, TenantSpec(slug="nu_ok", name="Nu", operator=operator, domains=["  Nu.Example.ORG. "])
    )
    assert list(result.tenant.domains.values_list("domain", flat=True)) == ["nu.example.org"]
    for domains in (["NU.example.org"], ["a.test", "A.test"], ["bad host.test"], ["-x.test"], ["localhost"]):
        with pytest.raises(ServiceError) as excinfo:
            provision_tenant(SYSTEM, TenantSpec(slug="nu_bad", name="Nu", operator=operator, domains=domains))
        assert excinfo.value.code in {"domain_taken", "invalid_domain"}, domains
        assert excinfo.value.field == "domains"
    assert not Tenant.objects.filter(schema_name="nu_bad").exists()


def test_shared_only_migrate_does_not_leave_an_empty_template(db):
    assert template_schema_ready()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA "{settings.TENANT_BASE_SCHEMA}" CASCADE')
    assert not template_schema_ready()
    call_command("migrate", shared=True, interactive=False, verbosity=0)
    assert not schema_exists(settings.TENANT_BASE_SCHEMA)
    with pytest.raises(ServiceError) as excinfo:
        provision_tenant(SYSTEM, TenantSpec(slug="pipo", name="Pipo"))
    assert excinfo.value.code == "template_missing"
    call_command("migrate", interactive=False, verbosity=0)
    assert template_schema_ready()
    assert provision_tenant(SYSTEM, TenantSpec(slug="pipo", name="Pipo")).created


def test_actor_channel_and_event_are_written_in_the_space(db, operator, make_user):
    boss = make_user("journal@op.test")
    provision_tenant(
        ServiceContext.system(Channel.REST, actor=boss), TenantSpec(slug="rho", name="Rhô", operator=operator)
    )
    tenant = Tenant.objects.get(schema_name="rho")
    set_status(ServiceContext.system(Channel.CLI, actor=boss), tenant, TenantStatus.SUSPENDED, "Pause")
    with schema_context("rho"):
        rows = list(AuditEntry.objects.order_by("id").values_list("action", "actor_id", "via"))
        events = list(OutboxEvent.objects.order_by("id").values_list("type", "payload", "actor_id"))
    assert rows == [("tenant.created", boss.pk, "rest"), ("tenant.suspended", boss.pk, "cli")]
    assert events == [
        ("tenant.created", {"id": tenant.pk, "slug": "rho", "template": ""}, boss.pk),
        ("tenant.suspended", {"id": tenant.pk, "slug": "rho", "reason": "Pause"}, boss.pk),
    ]
    # A status set again is no change: nothing more is written.
    set_status(SYSTEM, tenant, TenantStatus.SUSPENDED, "Pause")
    with schema_context("rho"):
        assert (AuditEntry.objects.count(), OutboxEvent.objects.count()) == (2, 2)


def test_provisioning_waits_for_a_running_migration_then_refuses_clearly(db, operator, monkeypatch):
    monkeypatch.setattr(
        provisioning, "hold_shared_in_transaction", partial(locks.hold_shared_in_transaction, timeout_seconds=1)
    )
    with locks.exclusive():  # as `imedia migrate` holds it during its tenant phase
        with pytest.raises(ServiceError) as excinfo:
            provision_tenant(SYSTEM, TenantSpec(slug="sigma", name="Sigma", operator=operator))
        assert excinfo.value.code == "migration_in_progress"
        assert not Tenant.objects.filter(schema_name="sigma").exists()
        assert not schema_exists("sigma")
    assert provision_tenant(SYSTEM, TenantSpec(slug="sigma", name="Sigma", operator=operator)).created


def test_clone_failure_is_a_provisioning_error_and_leaves_nothing(db, operator):
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE VIEW "{settings.TENANT_BASE_SCHEMA}".oops AS SELECT 1 AS one')
    with pytest.raises(ServiceError) as excinfo:
        provision_tenant(SYSTEM, TenantSpec(slug="tau", name="Tau", operator=operator, domains=["tau.test"]))
    assert excinfo.value.code == "clone_failed"
    assert "view oops" in excinfo.value.message
    assert not Tenant.objects.filter(schema_name="tau").exists()
    assert not schema_exists("tau")


def test_domains_are_lower_cased_and_validated_whatever_creates_them(db, tenant_a):
    domain = Domain.objects.create(domain=" Alpha-Bis.Example.ORG. ", tenant=tenant_a, is_primary=False)
    assert Domain.objects.get(pk=domain.pk).domain == "alpha-bis.example.org"
    for bad in ("localhost", "bad host", "-x.test"):
        with pytest.raises(ValidationError):
            Domain(domain=bad, tenant=tenant_a).full_clean()


def test_emails_differing_only_in_case_are_one_account(db):
    User.objects.create_user("unique@exemple.fr", "x" * 12)
    with pytest.raises(ValidationError):
        User(email="UNIQUE@exemple.fr").validate_constraints()
