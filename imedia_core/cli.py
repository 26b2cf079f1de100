"""The ``imedia`` console command: Django's manage.py that knows its settings module."""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imedia_core.settings")
    execute_from_command_line(argv or sys.argv)


if __name__ == "__main__":
    main()
