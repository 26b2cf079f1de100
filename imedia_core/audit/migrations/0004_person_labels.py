"""Labels written before ``person_label``: journal entries (``actor_label``) held ``str(user)``, the e-mail address of a person
without a display name. They become the display name (or « Participant·e »), as written since;
those of accounts deleted since become « Personne anonymisée » (docs/privacy.md)."""

from django.db import migrations

SQL = """
UPDATE audit_auditentry AS t SET actor_label = CASE
    WHEN btrim(person.display_name) <> '' THEN left(btrim(person.display_name), 200) ELSE 'Participant·e' END
  FROM tenants_user AS person
 WHERE t.actor_id = person.id AND lower(t.actor_label) = lower(person.email);
UPDATE audit_auditentry SET actor_label = 'Personne anonymisée' WHERE actor_label ~ '^[^@[:space:]]+@[^@[:space:]]+$';
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_french_labels")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
