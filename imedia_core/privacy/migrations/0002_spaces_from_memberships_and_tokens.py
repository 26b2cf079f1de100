"""Record the spaces people already reached (their roles and space tokens), so the rights of
access and erasure find the traces left before this register existed."""

from django.db import migrations


def record_spaces(apps, schema_editor):
    PersonSpace = apps.get_model("privacy", "PersonSpace")
    Membership = apps.get_model("tenants", "Membership")
    PersonToken = apps.get_model("tenants", "PersonToken")
    pairs = set(Membership.objects.values_list("user_id", "tenant_id"))
    pairs |= set(PersonToken.objects.filter(tenant__isnull=False).values_list("user_id", "tenant_id"))
    PersonSpace.objects.bulk_create(
        [PersonSpace(user_id=user_id, tenant_id=tenant_id) for user_id, tenant_id in sorted(pairs)],
        ignore_conflicts=True,
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial"), ("tenants", "0006_normalise_stored_emails")]

    operations = [migrations.RunPython(record_spaces, migrations.RunPython.noop)]
