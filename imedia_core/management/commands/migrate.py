"""``imedia migrate``: migrate the public schema, then every tenant schema *and the template*.

django-tenants' ``migrate_schemas`` only migrates schemas that have a tenant row, so a bare
template schema would go stale and later clones would lack columns their recorded migrations
promise. The template therefore has a row (``is_template``), created here on first run, and is
migrated with the tenants by the parallel executor.
"""

from django.conf import settings
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand


class Command(MigrateSchemasCommand):
    help = "Migrate the public schema, the template schema and every tenant schema."

    def handle(self, *args, **options):
        if options.get("schema_name") or options.get("app_label"):
            return super().handle(*args, **options)
        options.setdefault("executor", None)
        options["executor"] = options["executor"] or settings.IMEDIA_MIGRATION_EXECUTOR
        only_tenants = options.get("tenant") and not options.get("shared")
        if not only_tenants:
            super().handle(*args, **{**options, "shared": True, "tenant": False})
        from tenants.provisioning import ensure_template_tenant

        ensure_template_tenant()
        if not (options.get("shared") and not options.get("tenant")):
            super().handle(*args, **{**options, "shared": False, "tenant": True})
