"""``imedia tenant`` and ``imedia demo`` through call_command, on the real PostgreSQL.

Each test runs in a transaction that rolls back, schema creation and drops included.
"""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_context, schema_exists

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from imedia_core.management.commands import demo as demo_command
from imedia_core.permissions import Role
from tenants.models import Domain, Membership, Operator, OperatorMembership, Tenant, User


def run(*args, **kwargs):
    """Call the command; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    """Call the command expecting a CommandError; return (error message, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command(*args, stdout=out, stderr=err)
    return str(excinfo.value), out.getvalue(), err.getvalue()


# --- create one -----------------------------------------------------------------------------


def test_create_one_tenant_makes_row_schema_and_domains(db, operator):
    out, _ = run(
        "tenant",
        "create",
        "gamma",
        "--name",
        "Espace Gamma",
        "--operator",
        operator.slug,
        "--template",
        "rsa",
        "--territory",
        "Val-de-Marne (94)",
        "--domain",
        "gamma.test",
        "--domain",
        "www.gamma.test",
    )

    tenant = Tenant.objects.get(schema_name="gamma")
    assert tenant.name == "Espace Gamma"
    assert tenant.operator == operator
    assert tenant.template_key == "rsa"
    assert tenant.policy_area == "social_inclusion"  # from the template
    assert tenant.territory == "Val-de-Marne (94)"
    assert schema_exists("gamma")
    domains = dict(Domain.objects.filter(tenant=tenant).values_list("domain", "is_primary"))
    assert domains == {"gamma.test": True, "www.gamma.test": False}
    assert "Espace « gamma » créé" in out


def test_create_requires_a_name(db):
    message, _, _ = run_failing("tenant", "create", "gamma")
    assert "--name" in message
    assert not Tenant.objects.filter(schema_name="gamma").exists()


def test_create_with_unknown_operator_is_refused(db):
    message, _, _ = run_failing("tenant", "create", "gamma", "--name", "Gamma", "--operator", "inconnu")
    assert "Opérateur inconnu « inconnu »" in message
    assert not Tenant.objects.filter(schema_name="gamma").exists()
    assert not schema_exists("gamma")


def test_create_operators_creates_the_missing_operator(db):
    run(
        "tenant",
        "create",
        "gamma",
        "--name",
        "Gamma",
        "--operator",
        "nouvel-op",
        "--operator-name",
        "Nouvel opérateur",
        "--create-operators",
    )
    operator = Operator.objects.get(slug="nouvel-op")
    assert operator.name == "Nouvel opérateur"
    assert Tenant.objects.get(schema_name="gamma").operator == operator


def test_refused_tenant_does_not_leave_a_created_operator(db):
    message, _, _ = run_failing(
        "tenant",
        "create",
        "gamma",
        "--name",
        "Gamma",
        "--operator",
        "nouvel-op",
        "--create-operators",
        "--template",
        "inexistant",
    )
    assert "Modèle inconnu « inexistant »" in message
    assert not Operator.objects.filter(slug="nouvel-op").exists()
    assert not Tenant.objects.filter(schema_name="gamma").exists()


def test_invalid_slug_is_refused_with_the_provisioning_message(db):
    message, _, _ = run_failing("tenant", "create", "Mauvais-Slug", "--name", "Mauvais")
    assert message.startswith("Le slug doit faire 3 à 48 caractères")
    assert not Tenant.objects.filter(schema_name__iexact="mauvais-slug").exists()


def test_if_exists_skip_is_a_no_op(db, tenant_a):
    before = (Tenant.objects.count(), Domain.objects.count())

    out, _ = run("tenant", "create", "alpha", "--name", "Autre nom", "--domain", "autre.test", "--if-exists", "skip")

    assert "existe déjà : rien n'a changé" in out
    assert (Tenant.objects.count(), Domain.objects.count()) == before
    tenant_a.refresh_from_db()
    assert tenant_a.name == "Espace Alpha"
    assert not Domain.objects.filter(domain="autre.test").exists()


def test_duplicate_without_skip_is_an_error_and_creates_nothing(db, tenant_a):
    before = (Tenant.objects.count(), Domain.objects.count())

    message, _, _ = run_failing("tenant", "create", "alpha", "--name", "Autre nom", "--domain", "autre.test")

    assert message == "L'espace « alpha » existe déjà."
    assert (Tenant.objects.count(), Domain.objects.count()) == before
    assert not Domain.objects.filter(domain="autre.test").exists()


def test_taken_domain_is_refused_and_creates_nothing(db, tenant_a):
    message, _, _ = run_failing("tenant", "create", "gamma", "--name", "Gamma", "--domain", "alpha.test")
    assert message == "Domaine déjà utilisé : alpha.test."
    assert not Tenant.objects.filter(schema_name="gamma").exists()
    assert not schema_exists("gamma")


# --- create from a file ---------------------------------------------------------------------


def test_create_from_json_file_reports_the_invalid_row_and_creates_the_others(db, operator, tmp_path):
    path = tmp_path / "espaces.json"
    path.write_text(
        json.dumps(
            [
                {
                    "slug": "gamma",
                    "name": "Espace Gamma",
                    "operator": operator.slug,
                    "template": "rsa",
                    "domains": ["gamma.test", "gamma-bis.test"],
                },
                {"slug": "Pas-Valide", "name": "Slug invalide"},
                {
                    "slug": "delta",
                    "name": "Espace Delta",
                    "territory": "Villeneuve",
                    "policy_area": "citizen_councils",
                    "domains": "delta.test",
                },
            ]
        ),
        encoding="utf-8",
    )

    message, out, err = run_failing("tenant", "create", "--from-file", str(path))

    assert "1 espace(s) sur 3" in message
    for slug in ("gamma", "delta"):
        assert Tenant.objects.filter(schema_name=slug).exists()
        assert schema_exists(slug)
    gamma = Tenant.objects.get(schema_name="gamma")
    assert gamma.operator == operator
    assert sorted(gamma.domains.values_list("domain", flat=True)) == ["gamma-bis.test", "gamma.test"]
    delta = Tenant.objects.get(schema_name="delta")
    assert delta.policy_area == "citizen_councils"
    assert list(delta.domains.values_list("domain", flat=True)) == ["delta.test"]
    assert not Tenant.objects.filter(schema_name__iexact="pas-valide").exists()
    assert "Bilan : 2 créé(s), 0 déjà existant(s) ignoré(s), 1 en échec." in out
    assert "élément 2 « Pas-Valide » [invalid_slug]" in out
    assert "Création des espaces" in err  # the progress bar goes to stderr


def test_create_from_csv_file_with_skip_and_failures(db, operator, tmp_path):
    path = tmp_path / "espaces.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["slug", "name", "operator", "template", "territory", "domains"])
        writer.writerow(
            [
                "gamma",
                "Espace Gamma",
                operator.slug,
                "formation_professionnelle",
                "Provence-Alpes-Côte d'Azur",
                "gamma.test;www.gamma.test",
            ]
        )
        writer.writerow(["9mauvais", "Slug invalide", "", "", "", ""])
        writer.writerow(["alpha", "Déjà là", "", "", "", ""])
        writer.writerow(["epsilon", "Opérateur absent", "op-inconnu", "", "", ""])
        writer.writerow(["delta", "Espace Delta", "", "", "", "delta.test delta2.test"])

    message, out, _ = run_failing("tenant", "create", "--from-file", str(path), "--if-exists", "skip")

    assert "2 espace(s) sur 5" in message
    gamma = Tenant.objects.get(schema_name="gamma")
    assert gamma.template_key == "formation_professionnelle"
    assert gamma.policy_area == "vocational_training"
    assert sorted(gamma.domains.values_list("domain", flat=True)) == ["gamma.test", "www.gamma.test"]
    assert sorted(Tenant.objects.get(schema_name="delta").domains.values_list("domain", flat=True)) == [
        "delta.test",
        "delta2.test",
    ]
    assert schema_exists("gamma") and schema_exists("delta")
    assert not Tenant.objects.filter(schema_name__in=["9mauvais", "epsilon"]).exists()
    assert not schema_exists("epsilon")
    assert Tenant.objects.get(schema_name="alpha").name == "Espace Alpha"
    assert "Bilan : 2 créé(s), 1 déjà existant(s) ignoré(s), 2 en échec." in out
    assert "ligne 3 « 9mauvais » [invalid_slug]" in out
    assert "ligne 5 « epsilon » [unknown_operator] Opérateur inconnu « op-inconnu »" in out
    assert "ignoré   alpha (existe déjà)" in out


def test_create_from_semicolon_csv_with_all_rows_valid_succeeds(db, tmp_path):
    path = tmp_path / "espaces.csv"
    path.write_text("slug;name;domains\ngamma;Espace Gamma;gamma.test\ndelta;Espace Delta;\n", encoding="utf-8")

    out, _ = run("tenant", "create", "--from-file", str(path), "--no-progress")

    assert "Bilan : 2 créé(s), 0 déjà existant(s) ignoré(s), 0 en échec." in out
    assert Tenant.objects.get(schema_name="gamma").domains.get().domain == "gamma.test"
    assert not Tenant.objects.get(schema_name="delta").domains.exists()


def test_create_from_file_goes_on_past_an_overlong_row(db, tmp_path):
    path = tmp_path / "espaces.json"
    rows = [{"slug": "gamma", "name": "G" * 300}, {"slug": "delta", "name": "Espace Delta"}]
    path.write_text(json.dumps(rows), encoding="utf-8")

    message, out, _ = run_failing("tenant", "create", "--from-file", str(path), "--no-progress")

    assert "1 espace(s) sur 2" in message
    assert "élément 1 « gamma » [too_long] « name » dépasse 200 caractères." in out
    assert not Tenant.objects.filter(schema_name="gamma").exists()
    assert not schema_exists("gamma")
    assert schema_exists("delta")


def test_create_from_file_refuses_unknown_columns_per_row(db, tmp_path):
    path = tmp_path / "espaces.json"
    rows = [{"slug": "gamma", "name": "Gamma", "domain": "gamma.test"}]
    path.write_text(json.dumps(rows), encoding="utf-8")

    message, out, _ = run_failing("tenant", "create", "--from-file", str(path))

    assert "1 espace(s) sur 1" in message
    assert "[unknown_field] Champ(s) inconnu(s) : domain" in out
    assert not Tenant.objects.filter(schema_name="gamma").exists()


def test_create_from_csv_with_a_stray_quote_refuses_the_whole_file(db, tmp_path):
    # A non-strict reader used to swallow every row after the quote into gamma's name, exit 0.
    path = tmp_path / "espaces.csv"
    path.write_text('slug,name\ngamma,"Espace Gamma\ndelta,Espace Delta\nepsilon,Espace Epsilon\n', encoding="utf-8")

    message, out, _ = run_failing("tenant", "create", "--from-file", str(path), "--no-progress")

    assert message.startswith(f"Fichier CSV {path} mal formé, rien n'a été créé : ligne ")
    assert "non fermé" in message
    assert not Tenant.objects.filter(schema_name__in=["gamma", "delta", "epsilon"]).exists()
    assert out == ""


def test_create_from_csv_with_a_quote_closed_rows_later_names_the_line(db, tmp_path):
    path = tmp_path / "espaces.csv"
    path.write_text('slug,name\ngamma,"Espace Gamma\ndelta,Espace" Delta\nepsilon,Espace Epsilon\n', encoding="utf-8")

    message, _, _ = run_failing("tenant", "create", "--from-file", str(path), "--no-progress")

    assert message == f"Fichier CSV {path} mal formé, rien n'a été créé : ligne 2, guillemet mal placé ou non fermé."
    assert not Tenant.objects.filter(schema_name__in=["gamma", "delta", "epsilon"]).exists()


def test_create_from_csv_with_a_row_of_the_wrong_width_refuses_the_whole_file(db, tmp_path):
    path = tmp_path / "espaces.csv"
    path.write_text("slug,name\ngamma,Espace Gamma\ndelta,Espace, Delta\n", encoding="utf-8")

    message, _, _ = run_failing("tenant", "create", "--from-file", str(path), "--no-progress")

    assert message == (
        f"Fichier CSV {path} mal formé, rien n'a été créé : ligne 3, 3 colonne(s) au lieu de 2 "
        "(séparateur « , » ; un guillemet ou un séparateur en trop ?)."
    )
    assert not Tenant.objects.filter(schema_name="gamma").exists()


def test_create_from_an_excel_windows_1252_csv_says_how_to_save_it(db, tmp_path):
    path = tmp_path / "espaces.csv"
    path.write_bytes("slug;name\ngamma;Espace Gamma\ndelta;Quartier Château\n".encode("cp1252"))

    message, _, _ = run_failing("tenant", "create", "--from-file", str(path), "--no-progress")

    assert message.startswith(f"Le fichier {path} n'est pas en UTF-8 (octet illisible ligne 3), rien n'a été créé.")
    assert "« CSV UTF-8 (délimité par des virgules) »" in message
    assert not Tenant.objects.filter(schema_name="gamma").exists()


def test_create_from_missing_or_malformed_file_is_a_clear_error(db, tmp_path):
    message, _, _ = run_failing("tenant", "create", "--from-file", str(tmp_path / "absent.json"))
    assert message.startswith("Fichier introuvable")

    bad = tmp_path / "mauvais.json"
    bad.write_text('{"slug": "gamma"}', encoding="utf-8")
    message, _, _ = run_failing("tenant", "create", "--from-file", str(bad))
    assert message == "Le fichier JSON doit contenir une liste d'objets, un par espace."

    message, _, _ = run_failing("tenant", "create", "gamma", "--from-file", str(bad))
    assert message == "Donnez soit un slug, soit --from-file, pas les deux."

    message, _, _ = run_failing("tenant", "create", "--from-file", str(bad), "--name", "X", "--domain", "x.test")
    assert message == "Avec --from-file, chaque espace est décrit par le fichier : retirez --name, --domain."
    assert not Tenant.objects.filter(schema_name="gamma").exists()


# --- listings -------------------------------------------------------------------------------


def test_list_shows_programmes_but_not_the_template(db, tenant_a, tenant_b):
    out, _ = run("tenant", "list")

    lines = out.splitlines()
    assert lines[0].split() == ["slug", "nom", "domaine", "de", "politique", "état", "opérateur", "domaines"]
    alpha = next(line for line in lines if line.startswith("alpha "))
    for cell in ("Espace Alpha", "RSA / insertion sociale", "Actif", "op-test", "alpha.test"):
        assert cell in alpha
    assert any(line.startswith("beta ") for line in lines)
    assert "imedia_template" not in out


def test_templates_lists_the_bundled_templates(db):
    out, _ = run("tenant", "templates")

    for key, label in (
        ("formation_professionnelle", "Formation professionnelle"),
        ("rsa", "RSA / insertion sociale"),
        ("conseils_citoyens", "Conseils citoyens"),
        ("equipement_social", "Équipements sociaux"),
    ):
        assert any(line.startswith(key + " ") and label in line for line in out.splitlines()), key


# --- status and deletion --------------------------------------------------------------------


def test_suspend_archive_reactivate_change_status(db):
    run("tenant", "create", "gamma", "--name", "Espace Gamma")

    out, _ = run("tenant", "suspend", "gamma", "--reason", "Fin de convention")
    tenant = Tenant.objects.get(schema_name="gamma")
    assert (tenant.status, tenant.status_reason) == ("suspended", "Fin de convention")
    assert "Espace « gamma » suspendu." in out

    out, _ = run("tenant", "suspend", "gamma")
    assert "déjà suspendu" in out

    run("tenant", "archive", "gamma")
    assert Tenant.objects.get(schema_name="gamma").status == "archived"

    out, _ = run("tenant", "reactivate", "gamma")
    tenant = Tenant.objects.get(schema_name="gamma")
    assert tenant.status == "active" and tenant.is_active
    assert "Espace « gamma » réactivé." in out
    changes = ["tenant.created", "tenant.suspended", "tenant.archived", "tenant.active"]
    with schema_context("gamma"):
        assert list(AuditEntry.objects.order_by("id").values_list("action", "via")) == [(c, "cli") for c in changes]
        assert list(OutboxEvent.objects.order_by("id").values_list("type", flat=True)) == changes


def test_status_change_of_unknown_tenant_or_template_is_refused(db):
    message, _, _ = run_failing("tenant", "suspend", "inconnu")
    assert message.startswith("Espace inconnu « inconnu »")

    message, _, _ = run_failing("tenant", "archive", "imedia_template")
    assert message == "Le schéma modèle ne change pas d'état."
    assert Tenant.objects.get(schema_name="imedia_template").status == "active"


def test_delete_without_or_with_wrong_confirmation_keeps_everything(db):
    run("tenant", "create", "gamma", "--name", "Espace Gamma", "--domain", "gamma.test")

    for extra in ([], ["--confirm", "gama"]):
        message, _, _ = run_failing("tenant", "delete", "gamma", *extra)
        assert message == ("Supprimer « gamma » efface toutes ses données : confirmez en répétant son slug.")
        assert Tenant.objects.filter(schema_name="gamma").exists()
        assert Domain.objects.filter(domain="gamma.test").exists()
        assert schema_exists("gamma")


def test_delete_with_confirmation_drops_row_and_schema(db):
    run("tenant", "create", "gamma", "--name", "Espace Gamma", "--domain", "gamma.test")
    assert schema_exists("gamma")

    out, _ = run("tenant", "delete", "gamma", "--confirm", "gamma")

    assert "Espace « gamma » supprimé" in out
    assert not Tenant.objects.filter(schema_name="gamma").exists()
    assert not Domain.objects.filter(domain="gamma.test").exists()
    assert not schema_exists("gamma")


def test_template_cannot_be_deleted(db):
    message, _, _ = run_failing("tenant", "delete", "imedia_template", "--confirm", "imedia_template")
    assert message == "Le schéma modèle ne se supprime pas."
    assert schema_exists("imedia_template")


# --- imedia demo ----------------------------------------------------------------------------

DEMO_SLUGS = ["cc_villeneuve", "formation_sud", "rsa94"]


def demo_counts():
    return (
        Operator.objects.count(),
        Tenant.objects.count(),
        Domain.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        OperatorMembership.objects.count(),
    )


def test_demo_seeds_three_tenants_and_is_idempotent(db, monkeypatch):
    monkeypatch.delenv("IMEDIA_DEMO_PASSWORD", raising=False)

    out, _ = run("demo", "--force", "--port", "8123")

    tenants = Tenant.objects.filter(schema_name__in=DEMO_SLUGS).select_related("operator")
    assert sorted(t.schema_name for t in tenants) == DEMO_SLUGS
    operator = Operator.objects.get(slug="reseau-imediatisation")
    assert operator.name == "Réseau i-médiatisation"
    expected = {
        "formation_sud": ("formation_professionnelle", "vocational_training", "formation-sud.localhost"),
        "rsa94": ("rsa", "social_inclusion", "rsa94.localhost"),
        "cc_villeneuve": ("conseils_citoyens", "citizen_councils", "cc-villeneuve.localhost"),
    }
    for tenant in tenants:
        template, area, domain = expected[tenant.schema_name]
        assert (tenant.template_key, tenant.policy_area, tenant.operator) == (template, area, operator)
        assert tenant.domains.get(is_primary=True).domain == domain
        assert schema_exists(tenant.schema_name)
        roles = set(Membership.objects.filter(tenant=tenant).values_list("role", flat=True))
        assert roles == {role.value for role in Role if role is not Role.OPERATOR_ADMIN}

    admin = User.objects.get(email="admin@imedia.localhost")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("imedia-demo-2026")
    assert OperatorMembership.objects.filter(user=admin, operator=operator).exists()
    facilitator = User.objects.get(email="animation@rsa94.localhost")
    assert facilitator.check_password("imedia-demo-2026")
    assert Membership.objects.get(user=facilitator).role == Role.FACILITATOR

    assert "3 espace(s) créé(s), 0 déjà présent(s)" in out
    assert "http://rsa94.localhost:8123/graphql/" in out
    assert "http://localhost:8123/t/rsa94/graphql/" in out
    assert "http://localhost:8123/t/rsa94/admin/" in out
    assert "admin@imedia.localhost / imedia-demo-2026" in out
    assert "animation@rsa94.localhost" in out

    before = demo_counts()
    out, _ = run("demo", "--force")
    assert demo_counts() == before
    assert "0 espace(s) créé(s), 3 déjà présent(s)" in out
    assert "http://formation-sud.localhost:8000/graphql/" in out


def test_demo_password_comes_from_the_environment_and_is_reset_on_rerun(db, monkeypatch):
    monkeypatch.setenv("IMEDIA_DEMO_PASSWORD", "autre-mot-de-passe-1")
    run("demo", "--force")
    admin = User.objects.get(email="admin@imedia.localhost")
    assert admin.check_password("autre-mot-de-passe-1")

    admin.set_password("change-par-quelqu-un")
    admin.is_superuser = False
    admin.save()
    monkeypatch.setenv("IMEDIA_DEMO_PASSWORD", "encore-un-autre-2")
    out, _ = run("demo", "--force")

    admin.refresh_from_db()
    assert admin.check_password("encore-un-autre-2") and admin.is_superuser
    assert User.objects.get(email="participant@cc-villeneuve.localhost").check_password("encore-un-autre-2")
    assert "encore-un-autre-2" in out


def test_demo_refuses_to_run_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    message, _, _ = run_failing("demo")
    assert "DEBUG=true" in message
    assert not Tenant.objects.filter(schema_name__in=DEMO_SLUGS).exists()
    assert not User.objects.filter(email=demo_command.ADMIN_EMAIL).exists()

    settings.DEBUG = True
    run("demo")
    assert Tenant.objects.filter(schema_name__in=DEMO_SLUGS).count() == 3
