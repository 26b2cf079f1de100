"""Labels written before ``person_label``: shared practices (``shared_by_label``, ``unpublished_by_label``) held ``str(user)``, the e-mail address of a person
without a display name. They become the display name (or « Participant·e »), as written since;
those of accounts deleted since become « Personne anonymisée » (docs/privacy.md)."""

from django.db import migrations

SQL = """
UPDATE commons_practice AS t SET shared_by_label = CASE
    WHEN btrim(person.display_name) <> '' THEN left(btrim(person.display_name), 200) ELSE 'Participant·e' END
  FROM tenants_user AS person
 WHERE t.shared_by_id = person.id AND lower(t.shared_by_label) = lower(person.email);
UPDATE commons_practice SET shared_by_label = 'Personne anonymisée' WHERE shared_by_label ~ '^[^@[:space:]]+@[^@[:space:]]+$';
UPDATE commons_practice AS t SET unpublished_by_label = CASE
    WHEN btrim(person.display_name) <> '' THEN left(btrim(person.display_name), 200) ELSE 'Participant·e' END
  FROM tenants_user AS person
 WHERE lower(t.unpublished_by_label) = lower(person.email);
UPDATE commons_practice SET unpublished_by_label = 'Personne anonymisée' WHERE unpublished_by_label ~ '^[^@[:space:]]+@[^@[:space:]]+$';
"""


class Migration(migrations.Migration):
    dependencies = [("commons", "0002_french_labels")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
