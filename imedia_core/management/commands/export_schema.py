"""``imedia export_schema``: write the GraphQL SDL to ``graphql/schema.graphql`` (or ``--check``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imedia_core.graphql.api import get_schema

DEFAULT_PATH = Path(settings.BASE_DIR) / "graphql" / "schema.graphql"


def current_sdl() -> str:
    return str(get_schema()).rstrip() + "\n"


class Command(BaseCommand):
    help = "Regenerate graphql/schema.graphql from the live schema (--check: fail if it differs)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(DEFAULT_PATH))
        parser.add_argument("--check", action="store_true", help="Exit non-zero if the file is out of date.")

    def handle(self, *args, path, check, **options):
        target = Path(path)
        sdl = current_sdl()
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != sdl:
                raise CommandError(f"{target} is out of date: run `imedia export_schema`.")
            self.stdout.write("GraphQL schema is up to date.")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(sdl, encoding="utf-8")
        self.stdout.write(f"Wrote {target}")
