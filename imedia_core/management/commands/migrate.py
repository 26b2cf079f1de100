"""``imedia migrate``: migrate the public schema, then every tenant schema *and the template*.

django-tenants' ``migrate_schemas`` only migrates schemas that have a tenant row, so a bare
template schema would go stale and later clones would lack columns their recorded migrations
promise. The template therefore has a row (``is_template``), created here on first run, and is
migrated with the tenants by the parallel executor.

Schemas whose ``django_migrations`` already holds every migration the code defines are skipped:
they are found for all schemas at once (``tenants.migration_state``), so a no-op deploy no longer
runs Django's ``migrate`` once per tenant. ``--all`` migrates every schema, as before.
"""

from django.conf import settings
from django_tenants.management.commands import SyncCommon
from django_tenants.management.commands.migrate_schemas import GET_EXECUTOR_FUNCTION, MigrateSchemasCommand
from django_tenants.utils import get_public_schema_name, get_tenant_migration_order, get_tenant_model

from tenants import locks
from tenants.migration_state import up_to_date_schemas
from tenants.provisioning import ensure_template_tenant


class Command(MigrateSchemasCommand):
    help = "Migrate the public schema, the template schema and every tenant schema that is not up to date."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--all",
            action="store_true",
            dest="all_schemas",
            default=False,
            help="Run the migrations in every tenant schema, even those already up to date.",
        )

    def handle(self, *args, **options):
        if options.get("schema_name") or options.get("app_label"):
            return super().handle(*args, **options)
        options.setdefault("executor", None)
        options["executor"] = options["executor"] or settings.IMEDIA_MIGRATION_EXECUTOR
        shared_only = options.get("shared") and not options.get("tenant")
        tenants_only = options.get("tenant") and not options.get("shared")
        if not tenants_only:
            super().handle(*args, **{**options, "shared": True, "tenant": False})
        if shared_only:
            return
        tenant_options = {**options, "shared": False, "tenant": True}
        # --prune and --run-syncdb act on up-to-date schemas too: they run everywhere.
        every_schema = options.get("all_schemas") or options.get("prune") or options.get("run_syncdb")
        with locks.exclusive():  # no tenant is cloned from a half-migrated template
            # Created just before the tenant run, which migrates it: never left empty.
            ensure_template_tenant()
            if every_schema:
                super().handle(*args, **tenant_options)
            else:
                self.migrate_pending(*args, **tenant_options)

    def migrate_pending(self, *args, **options):
        """Run the executor over the schemas that lack a migration, in the usual order."""
        SyncCommon.handle(self, *args, **options)  # sets self.executor, self.args, self.options
        schemas = get_tenant_model().objects.exclude(schema_name=get_public_schema_name())
        if (order := get_tenant_migration_order()) is not None:
            schemas = schemas.order_by(*order)
        schemas = list(schemas.values_list("schema_name", flat=True))
        current = up_to_date_schemas(schemas, using=options.get("database") or "default")
        pending = [name for name in schemas if name not in current]
        if int(options.get("verbosity", 1)) >= 1:
            self.stdout.write(
                f"Schémas à jour ignorés : {len(schemas) - len(pending)} ; à migrer : {len(pending)}"
                " (--all pour tous les migrer)."
            )
        if pending:
            executor = GET_EXECUTOR_FUNCTION(codename=self.executor)(self.args, self.options)
            executor.run_migrations(tenants=pending)
