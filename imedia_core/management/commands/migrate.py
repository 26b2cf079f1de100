"""``imedia migrate``: migrate the public schema, then every tenant schema *and the template*.

django-tenants' ``migrate_schemas`` only migrates schemas that have a tenant row, so a bare
template schema would go stale and later clones would lack columns their recorded migrations
promise. The template therefore has a row (``is_template``), created here on first run, and is
migrated with the tenants by the parallel executor.
"""

from django.conf import settings
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand

from tenants import locks
from tenants.provisioning import ensure_template_tenant


class Command(MigrateSchemasCommand):
    help = "Migrate the public schema, the template schema and every tenant schema."

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
        with locks.exclusive():  # no tenant is cloned from a half-migrated template
            # Created just before the tenant run, which migrates it: never left empty.
            ensure_template_tenant()
            super().handle(*args, **{**options, "shared": False, "tenant": True})
