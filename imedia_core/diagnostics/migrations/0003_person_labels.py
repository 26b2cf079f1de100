"""Labels written before ``person_label``: runs (``facilitator_label``) held ``str(user)``, the e-mail address of a person
without a display name. They become the display name (or « Participant·e »), as written since;
those of accounts deleted since become « Personne anonymisée » (docs/privacy.md)."""

from django.db import migrations

SQL = """
UPDATE diagnostics_run AS t SET facilitator_label = CASE
    WHEN btrim(person.display_name) <> '' THEN left(btrim(person.display_name), 200) ELSE 'Participant·e' END
  FROM tenants_user AS person
 WHERE t.facilitator_id = person.id AND lower(t.facilitator_label) = lower(person.email);
UPDATE diagnostics_run SET facilitator_label = 'Personne anonymisée' WHERE facilitator_label ~ '^[^@[:space:]]+@[^@[:space:]]+$';
"""


class Migration(migrations.Migration):
    dependencies = [("diagnostics", "0002_french_labels")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
