"""bin/_pg.sh, the database finder of bin/demo, bin/test and bin/imedia: its login probe."""

import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def login_probe(user: str) -> int:
    port = str(settings.DATABASES["default"].get("PORT") or urlsplit(os.environ.get("DATABASE_URL", "")).port or 5432)
    script = f'source bin/_pg.sh && _imedia_pg_login_ok "{port}"'
    env = {**os.environ, "IMEDIA_PG_FUNCTIONS_ONLY": "1", "IMEDIA_PG_PROBE_USER": user}
    return subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, timeout=60).returncode


def test_login_probe_accepts_a_role_the_server_lets_in():
    assert login_probe(settings.DATABASES["default"]["USER"] or "postgres") == 0


def test_login_probe_refuses_a_server_that_answers_but_refuses_the_role():
    # The port answers; the login does not: the scripts must not pick this server.
    assert login_probe("role_absent_imedia") != 0
