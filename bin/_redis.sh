# shellcheck shell=bash
# Sourced by bin/demo and bin/imedia, after bin/_pg.sh: the caches go to the Redis on
# 127.0.0.1:$IMEDIA_REDIS_PROBE_PORT (default 6379) whenever one answers PING there without a
# password and django-redis is installed (the dev extra), so the server, the events worker and
# any `bin/imedia tenant suspend ...` in another shell share one routing cache: a tenant
# suspended, archived or deleted from the command line is refused by the server at once.
# Without it each process caches routes in its own memory for IMEDIA_ROUTING_CACHE_SECONDS (5 s).
#
# REDIS_URL already set is kept as is; REDIS_URL= (empty) means "no Redis". Since REDIS_URL
# would also become the Celery broker, IMEDIA_EVENTS_ENGINE=worker is exported with it: the
# demo delivers events with the polling worker, and this Redis is a cache only.

_imedia_redis_answers() {
    "$IMEDIA_VENV/bin/python" - "$1" <<'PY' >/dev/null 2>&1
import socket
import sys

with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as sock:
    sock.settimeout(1)
    sock.sendall(b"PING\r\n")
    sys.exit(0 if sock.recv(64).startswith(b"+PONG") else 1)
PY
}

_imedia_choose_redis() {
    if [ -n "${REDIS_URL+set}" ]; then
        return 0
    fi
    local port="${IMEDIA_REDIS_PROBE_PORT:-6379}"
    _imedia_redis_answers "$port" || return 0
    if ! "$IMEDIA_VENV/bin/python" -c "import django_redis" >/dev/null 2>&1; then
        _imedia_log "Redis répond sur 127.0.0.1:$port, mais django-redis manque dans .venv"
        _imedia_log "(pip install -e \".[dev]\") : chaque processus garde son propre cache des routes (5 s)."
        return 0
    fi
    export REDIS_URL="redis://127.0.0.1:$port/${IMEDIA_REDIS_DB:-0}"
    export IMEDIA_EVENTS_ENGINE="${IMEDIA_EVENTS_ENGINE:-worker}"
}

_imedia_choose_redis
