"""The ``imedia`` console command: Django's manage.py that knows its settings module."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imedia_core.settings")
    try:
        execute_from_command_line(argv or sys.argv)
    except ImproperlyConfigured as exc:
        # A configuration mistake is one line saying what to set, not a traceback.
        sys.stderr.write(f"imedia : configuration incomplète. {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
