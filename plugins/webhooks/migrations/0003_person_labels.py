"""Labels written before ``person_label``: subscriptions (``created_by_label``) held ``str(user)``, the e-mail address of a person
without a display name. They become the display name (or « Participant·e »), as written since;
those of accounts deleted since become « Personne anonymisée » (docs/privacy.md)."""

from django.db import migrations

SQL = """
UPDATE webhooks_subscription AS t SET created_by_label = CASE
    WHEN btrim(person.display_name) <> '' THEN left(btrim(person.display_name), 200) ELSE 'Participant·e' END
  FROM tenants_user AS person
 WHERE t.created_by_id = person.id AND lower(t.created_by_label) = lower(person.email);
UPDATE webhooks_subscription SET created_by_label = 'Personne anonymisée' WHERE created_by_label ~ '^[^@[:space:]]+@[^@[:space:]]+$';
"""


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0002_french_labels")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
