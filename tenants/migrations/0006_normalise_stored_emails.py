"""Sign-in now looks addresses up exactly on their normalised form (``normalise_email``), no
longer with PostgreSQL's case-insensitive match: put any row written before ``User.save()``
normalised (bulk writes, old imports) in that form, or its person could no longer sign in."""

from django.db import migrations


def normalise(apps, schema_editor):
    User = apps.get_model("tenants", "User")
    for user in User.objects.only("pk", "email").iterator():
        normalised = (user.email or "").strip().lower()  # tenants.models.normalise_email, frozen here
        if normalised != user.email:
            User.objects.filter(pk=user.pk).update(email=normalised)


class Migration(migrations.Migration):
    dependencies = [("tenants", "0005_public_site_url")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
