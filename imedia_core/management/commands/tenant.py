"""``imedia tenant``: create, list, suspend, archive, reactivate and delete programme spaces.

Every change goes through ``tenants.provisioning``, so the command refuses exactly what the
operator API refuses, with the same French messages, and never leaves anything half-made.

    imedia tenant create rsa94 --name "Participation RSA — Val-de-Marne" --template rsa \\
        --operator reseau-imediatisation --domain rsa94.example.org
    imedia tenant create --from-file espaces.csv      # or .json
    imedia tenant list
    imedia tenant templates
    imedia tenant suspend rsa94 --reason "Fin de convention"
    imedia tenant archive rsa94
    imedia tenant reactivate rsa94
    imedia tenant delete rsa94 --confirm rsa94
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug as validate_operator_slug
from django.db import DatabaseError, transaction
from tqdm import tqdm

from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from tenants.models import Operator, PolicyArea, Tenant, TenantStatus
from tenants.provisioning import TenantSpec, delete_tenant, provision_tenant, set_status
from tenants.templates import available_templates

# Keys a row of ``create --from-file`` may carry (CSV header or JSON object keys).
FILE_FIELDS = (
    "slug",
    "name",
    "operator",
    "operator_name",
    "policy_area",
    "territory",
    "locale",
    "template",
    "domains",
)
_DOMAIN_SEPARATORS = re.compile(r"[\s;,]+")

# Options describing one tenant, meaningless with --from-file (the file describes each one).
_SINGLE_CREATE_OPTIONS = {
    "--name": "name",
    "--operator": "operator",
    "--operator-name": "operator_name",
    "--policy-area": "policy_area",
    "--territory": "territory",
    "--locale": "locale",
    "--template": "template",
    "--domain": "domains",
}

_STATUS_DONE = {
    TenantStatus.SUSPENDED: "suspendu",
    TenantStatus.ARCHIVED: "archivé",
    TenantStatus.ACTIVE: "réactivé",
}
_STATUS_ALREADY = {
    TenantStatus.SUSPENDED: "déjà suspendu",
    TenantStatus.ARCHIVED: "déjà archivé",
    TenantStatus.ACTIVE: "déjà actif",
}


@dataclass
class RowOutcome:
    """What became of one row of an import: ``created``, ``skipped`` or ``failed``."""

    label: str
    slug: str
    outcome: str
    code: str = ""
    message: str = ""


class Command(BaseCommand):
    help = "Gère les espaces de programme : création (unitaire ou par fichier), liste, états, suppression."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="sous-commande")

        create = sub.add_parser("create", help="Créer un espace, ou plusieurs depuis un fichier JSON ou CSV.")
        create.add_argument("slug", nargs="?", help="Identifiant de l'espace (aussi nom du schéma).")
        create.add_argument("--name", help="Nom de l'espace.")
        create.add_argument("--operator", help="Slug de l'opérateur qui héberge l'espace.")
        create.add_argument("--operator-name", help="Nom de l'opérateur s'il est créé par --create-operators.")
        create.add_argument("--policy-area", choices=PolicyArea.values, help="Domaine de politique.")
        create.add_argument("--territory", default="", help="Territoire couvert.")
        create.add_argument("--locale", help="Langue de l'espace (fr par défaut).")
        create.add_argument("--template", help="Modèle d'espace (voir « imedia tenant templates »).")
        create.add_argument(
            "--domain",
            action="append",
            default=[],
            dest="domains",
            metavar="HÔTE",
            help="Nom de domaine de l'espace (répétable ; le premier est le principal).",
        )
        create.add_argument(
            "--if-exists",
            choices=["error", "skip"],
            default="error",
            help="Si l'espace existe déjà : erreur (par défaut) ou ne rien faire.",
        )
        create.add_argument(
            "--from-file",
            metavar="CHEMIN",
            help="Fichier JSON (liste d'objets) ou CSV (avec en-tête) décrivant plusieurs espaces.",
        )
        create.add_argument(
            "--create-operators",
            action="store_true",
            help="Créer les opérateurs cités qui n'existent pas encore.",
        )
        create.add_argument("--no-progress", action="store_true", help="Ne pas afficher la barre de progression.")

        sub.add_parser("list", help="Lister les espaces (hors schéma modèle).")
        sub.add_parser("templates", help="Lister les modèles d'espace disponibles.")

        for name, text in (
            ("suspend", "Suspendre un espace."),
            ("archive", "Archiver un espace."),
        ):
            action = sub.add_parser(name, help=text)
            action.add_argument("slug")
            action.add_argument("--reason", default="", help="Motif, gardé dans le journal d'audit.")
        reactivate = sub.add_parser("reactivate", help="Réactiver un espace suspendu ou archivé.")
        reactivate.add_argument("slug")
        reactivate.add_argument("--reason", default="", help="Motif, gardé dans le journal d'audit.")

        delete = sub.add_parser("delete", help="Supprimer un espace et toutes ses données.")
        delete.add_argument("slug")
        delete.add_argument("--confirm", metavar="SLUG", help="Répéter le slug pour confirmer la suppression.")

    def handle(self, *args, **options):
        subcommand = options["subcommand"]
        handler = {
            "create": self.handle_create,
            "list": self.handle_list,
            "templates": self.handle_templates,
            "suspend": self.handle_status,
            "archive": self.handle_status,
            "reactivate": self.handle_status,
            "delete": self.handle_delete,
        }[subcommand]
        handler(options)

    # --- create -------------------------------------------------------------------------------

    def handle_create(self, options):
        if options["from_file"]:
            if options["slug"]:
                raise CommandError("Donnez soit un slug, soit --from-file, pas les deux.")
            single = [flag for flag, key in _SINGLE_CREATE_OPTIONS.items() if options[key] not in (None, "", [])]
            if single:
                raise CommandError(
                    f"Avec --from-file, chaque espace est décrit par le fichier : retirez {', '.join(single)}."
                )
            return self.create_from_file(options)
        if not options["slug"]:
            raise CommandError("Indiquez le slug de l'espace à créer, ou --from-file CHEMIN.")
        if not options["name"]:
            raise CommandError("Le nom de l'espace est obligatoire (--name).")
        row = {
            "slug": options["slug"],
            "name": options["name"],
            "operator": options["operator"],
            "operator_name": options["operator_name"],
            "policy_area": options["policy_area"],
            "territory": options["territory"],
            "locale": options["locale"],
            "template": options["template"],
            "domains": options["domains"],
        }
        try:
            result = self.provision_row(
                row, if_exists=options["if_exists"], create_operators=options["create_operators"]
            )
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        except DatabaseError as exc:
            raise CommandError(database_message(exc)) from exc
        tenant = result.tenant
        if result.created:
            domains = ", ".join(tenant.domains.values_list("domain", flat=True)) or "aucun"
            self.stdout.write(
                self.style.SUCCESS(f"Espace « {tenant.schema_name} » créé : {tenant.name} (domaines : {domains}).")
            )
        else:
            self.stdout.write(f"L'espace « {tenant.schema_name} » existe déjà : rien n'a changé.")

    def provision_row(self, row: dict, *, if_exists: str, create_operators: bool):
        """Provision one tenant from a normalised row; raises ServiceError.

        A missing operator created on the way is rolled back with the tenant if provisioning
        then fails, so a refused row leaves nothing behind.
        """
        with transaction.atomic():
            operator = self.resolve_operator(row.get("operator"), row.get("operator_name"), create=create_operators)
            spec = TenantSpec(
                slug=row["slug"],
                name=row["name"] or "",
                operator=operator,
                policy_area=row.get("policy_area") or None,
                territory=row.get("territory") or "",
                locale=row.get("locale") or None,
                template=row.get("template") or None,
                domains=list(row.get("domains") or []),
            )
            return provision_tenant(ServiceContext.system(Channel.CLI), spec, if_exists=if_exists)

    def resolve_operator(self, slug: str | None, name: str | None, *, create: bool) -> Operator | None:
        if not slug:
            return None
        operator = Operator.objects.filter(slug=slug).first()
        if operator is not None:
            return operator
        if not create:
            raise ServiceError.single(
                "unknown_operator",
                f"Opérateur inconnu « {slug} » : créez-le d'abord ou ajoutez --create-operators.",
                "operator",
            )
        try:
            validate_operator_slug(slug)
        except ValidationError as exc:
            raise ServiceError.single("invalid_operator", f"Slug d'opérateur invalide « {slug} ».", "operator") from exc
        return Operator.objects.create(slug=slug, name=(name or "").strip() or slug)

    def create_from_file(self, options):
        path = Path(options["from_file"])
        rows = read_rows(path)
        outcomes: list[RowOutcome] = []
        progress_stream = getattr(self.stderr, "_out", self.stderr)
        bar = tqdm(
            rows,
            desc="Création des espaces",
            unit="espace",
            file=progress_stream,
            disable=options["no_progress"],
            leave=True,
        )
        for label, raw in bar:
            slug = str(raw.get("slug") or "").strip() if isinstance(raw, dict) else ""
            try:
                row = normalise_row(raw)
                result = self.provision_row(
                    row, if_exists=options["if_exists"], create_operators=options["create_operators"]
                )
            except ServiceError as exc:
                outcomes.append(RowOutcome(label, slug, "failed", exc.code, exc.message))
                continue
            except DatabaseError as exc:
                # Rolled back with the row's transaction; the next rows go on.
                outcomes.append(RowOutcome(label, slug, "failed", "database_error", database_message(exc)))
                continue
            outcomes.append(RowOutcome(label, slug, "created" if result.created else "skipped"))
        bar.close()
        self.write_summary(outcomes)
        failed = [o for o in outcomes if o.outcome == "failed"]
        if failed:
            raise CommandError(
                f"{len(failed)} espace(s) sur {len(outcomes)} n'ont pas pu être créés "
                "(les autres l'ont été, voir le bilan ci-dessus)."
            )

    def write_summary(self, outcomes: list[RowOutcome]):
        created = [o for o in outcomes if o.outcome == "created"]
        skipped = [o for o in outcomes if o.outcome == "skipped"]
        failed = [o for o in outcomes if o.outcome == "failed"]
        self.stdout.write(
            f"Bilan : {len(created)} créé(s), {len(skipped)} déjà existant(s) ignoré(s), {len(failed)} en échec."
        )
        for outcome in created:
            self.stdout.write(self.style.SUCCESS(f"  créé     {outcome.slug}"))
        for outcome in skipped:
            self.stdout.write(f"  ignoré   {outcome.slug} (existe déjà)")
        for outcome in failed:
            self.stdout.write(
                self.style.ERROR(f"  échec    {outcome.label} « {outcome.slug} » [{outcome.code}] {outcome.message}")
            )

    # --- read-only listings ---------------------------------------------------------------------

    def handle_list(self, options):
        tenants = (
            Tenant.objects.programmes().select_related("operator").prefetch_related("domains").order_by("schema_name")
        )
        rows = [
            [
                tenant.schema_name,
                tenant.name,
                tenant.get_policy_area_display(),
                tenant.get_status_display(),
                tenant.operator.slug if tenant.operator else "—",
                " ".join(sorted(d.domain for d in tenant.domains.all())) or "—",
            ]
            for tenant in tenants
        ]
        if not rows:
            self.stdout.write("Aucun espace pour l'instant (« imedia tenant create » en crée un).")
            return
        self.write_table(["slug", "nom", "domaine de politique", "état", "opérateur", "domaines"], rows)

    def handle_templates(self, options):
        labels = dict(PolicyArea.choices)
        rows = [
            [template.key, template.label, labels.get(template.policy_area, template.policy_area)]
            for template in sorted(available_templates().values(), key=lambda t: t.key)
        ]
        if not rows:
            self.stdout.write("Aucun modèle d'espace installé.")
            return
        self.write_table(["clé", "libellé", "domaine de politique"], rows)

    def write_table(self, header: list[str], rows: list[list[str]]):
        widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]

        def line(cells):
            cells = (str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True))
            return "  ".join(cells).rstrip()

        self.stdout.write(line(header))
        self.stdout.write(line(["-" * width for width in widths]))
        for row in rows:
            self.stdout.write(line(row))

    # --- state changes --------------------------------------------------------------------------

    def get_tenant(self, slug: str) -> Tenant:
        tenant = Tenant.objects.filter(schema_name=slug).first()
        if tenant is None:
            raise CommandError(f"Espace inconnu « {slug} » (voir « imedia tenant list »).")
        return tenant

    def handle_status(self, options):
        status = {
            "suspend": TenantStatus.SUSPENDED,
            "archive": TenantStatus.ARCHIVED,
            "reactivate": TenantStatus.ACTIVE,
        }[options["subcommand"]]
        tenant = self.get_tenant(options["slug"])
        unchanged = tenant.status == status
        try:
            set_status(ServiceContext.system(Channel.CLI), tenant, status, options["reason"])
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        if unchanged:
            self.stdout.write(f"Espace « {tenant.schema_name} » {_STATUS_ALREADY[status]} : rien n'a changé.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Espace « {tenant.schema_name} » {_STATUS_DONE[status]}."))

    def handle_delete(self, options):
        tenant = self.get_tenant(options["slug"])
        try:
            delete_tenant(ServiceContext.system(Channel.CLI), tenant, confirm=options["confirm"])
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Espace « {options['slug']} » supprimé, schéma et données compris."))


# --- file import helpers ----------------------------------------------------------------------


def read_rows(path: Path) -> list[tuple[str, object]]:
    """The rows of a JSON or CSV file as ``(label, raw row)``; the label locates the row.

    The whole file is checked before any space is created: a malformed file creates nothing."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise CommandError(f"Fichier introuvable : {path}.") from exc
    except OSError as exc:
        raise CommandError(f"Lecture impossible de {path} : {exc}.") from exc
    text = decode_utf8(raw, path)
    suffix = path.suffix.lower()
    is_json = suffix == ".json" or (suffix != ".csv" and text.lstrip().startswith(("[", "{")))
    if is_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(f"JSON invalide dans {path} : {exc}.") from exc
        if not isinstance(data, list):
            raise CommandError("Le fichier JSON doit contenir une liste d'objets, un par espace.")
        rows = [(f"élément {index}", item) for index, item in enumerate(data, start=1)]
    else:
        rows = read_csv_rows(text, path)
    if not rows:
        raise CommandError(f"Le fichier {path} ne décrit aucun espace.")
    return rows


def decode_utf8(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("cp1252")
            hint = (
                " Il semble enregistré en Windows-1252 (le « CSV » d'Excel) : dans Excel, choisissez"
                " « Enregistrer sous » puis « CSV UTF-8 (délimité par des virgules) »."
            )
        except UnicodeDecodeError:
            pass
        raise CommandError(
            f"Le fichier {path} n'est pas en UTF-8 (octet illisible ligne {line}), rien n'a été créé.{hint}"
        ) from exc


def read_csv_rows(text: str, path: Path) -> list[tuple[str, dict]]:
    """Strict CSV: a stray quote, a field spanning lines or a row with too many or too few
    columns refuses the whole file, naming the line, instead of silently merging rows."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    refused = f"Fichier CSV {path} mal formé, rien n'a été créé"
    start = 1
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise CommandError(f"Le fichier CSV {path} n'a pas de ligne d'en-tête.")
        header = [cell.strip() for cell in header]
        rows = []
        start = reader.line_num + 1
        for cells in reader:
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if any("\n" in cell or "\r" in cell for cell in cells):
                raise CommandError(
                    f"{refused} : ligne {line}, un champ s'étend sur plusieurs lignes (guillemet non fermé ?)."
                )
            if len(cells) != len(header):
                raise CommandError(
                    f"{refused} : ligne {line}, {len(cells)} colonne(s) au lieu de {len(header)} "
                    f"(séparateur « {delimiter} » ; un guillemet ou un séparateur en trop ?)."
                )
            rows.append((f"ligne {line}", dict(zip(header, cells, strict=True))))
    except csv.Error as exc:
        # The csv module's own wording is English and points past the damage: name the line
        # where the record began.
        raise CommandError(f"{refused} : ligne {start}, guillemet mal placé ou non fermé.") from exc
    return rows


def database_message(exc: DatabaseError) -> str:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"Refusé par la base de données, rien n'a été créé : {detail}"


def normalise_row(raw) -> dict:
    """Check and clean one imported row; raises ServiceError for a malformed one."""
    if not isinstance(raw, dict):
        raise ServiceError.single("invalid_row", "Chaque élément doit être un objet (slug, name...).")
    unknown = sorted(str(key) for key in raw if key not in FILE_FIELDS)
    if unknown:
        raise ServiceError.single(
            "unknown_field",
            f"Champ(s) inconnu(s) : {', '.join(unknown)} (acceptés : {', '.join(FILE_FIELDS)}).",
        )
    row: dict = {}
    for key in FILE_FIELDS:
        value = raw.get(key)
        if key == "domains":
            if value is None:
                value = []
            elif isinstance(value, str):
                value = [host for host in _DOMAIN_SEPARATORS.split(value) if host]
            elif isinstance(value, list) and all(isinstance(host, str) for host in value):
                value = [host.strip() for host in value if host.strip()]
            else:
                raise ServiceError.single(
                    "invalid_domain", "« domains » doit être une liste de noms d'hôte.", "domains"
                )
        elif value is not None:
            if not isinstance(value, str):
                raise ServiceError.single("invalid_value", f"« {key} » doit être une chaîne de caractères.", key)
            value = value.strip()
        row[key] = value
    if not row["slug"]:
        raise ServiceError.single("required", "Le slug de l'espace est obligatoire.", "slug")
    return row
