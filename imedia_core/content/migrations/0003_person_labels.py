"""Labels written before ``person_label``: revisions (``author_label``) held ``str(user)``, the e-mail address of a person
without a display name. They become the display name (or « Participant·e »), as written since;
those of accounts deleted since become « Personne anonymisée » (docs/privacy.md)."""

from django.db import migrations

SQL = """
UPDATE content_revision AS t SET author_label = CASE
    WHEN btrim(person.display_name) <> '' THEN left(btrim(person.display_name), 200) ELSE 'Participant·e' END
  FROM tenants_user AS person
 WHERE t.author_id = person.id AND lower(t.author_label) = lower(person.email);
UPDATE content_revision SET author_label = 'Personne anonymisée' WHERE author_label ~ '^[^@[:space:]]+@[^@[:space:]]+$';
"""


class Migration(migrations.Migration):
    dependencies = [("content", "0002_french_labels")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
