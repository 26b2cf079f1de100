"""The routing cache across processes: a server and a command-line process sharing Redis (what
bin/demo and bin/imedia set up when Redis answers on 127.0.0.1:6379) see a suspension at once;
without Redis, the local fallback keeps a route only a few seconds.

The processes are real: ``imedia runserver`` and ``imedia tenant ...`` as subprocesses on the
test database, with a space of their own (committed, deleted at the end) and Redis database 14,
where only this space's keys are touched."""

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import redis
from django.db import connection

from .conftest import ROOT

REDIS_DB = 14
REDIS_PORT = 6379


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def space(django_db_setup, django_db_blocker):
    """A committed space of this module's own, created and deleted by the command line, on the
    test database (the ``django_db`` mark below makes pytest-django create it)."""
    with django_db_blocker.unblock():
        config = connection.settings_dict
        auth = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        database_url = f"postgres://{auth}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"
    slug = f"redis_{secrets.token_hex(4)}"
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "imedia_core.settings_test",
        "DATABASE_URL": database_url,
        "IMEDIA_EVENTS_ENGINE": "worker",
    }
    base.pop("REDIS_URL", None)
    run(base, "tenant", "create", slug, "--name", "Espace du test Redis")
    yield slug, base
    run(base, "tenant", "delete", slug, "--confirm", slug)
    client = redis.Redis(port=REDIS_PORT, db=REDIS_DB)
    for key in client.scan_iter(match=f"*{slug}*"):
        client.delete(key)


def run(env, *args):
    done = subprocess.run(
        [sys.executable, "-m", "imedia_core.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done


class Server:
    def __init__(self, env):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "imedia_core.cli", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                assert self.process.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)

    def graphql(self, slug):
        return httpx.post(
            f"http://127.0.0.1:{self.port}/t/{slug}/graphql/", json={"query": "{ __typename }"}, timeout=30
        )

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def serve(env):
    return Server(env)


@pytest.mark.django_db
def test_a_suspension_from_the_command_line_is_refused_by_the_server_at_once_through_redis(space):
    slug, base = space
    # A long cache on purpose: only the shared invalidation can explain an immediate refusal.
    env = {**base, "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/{REDIS_DB}", "IMEDIA_ROUTING_CACHE_SECONDS": "300"}
    server = serve(env)
    try:
        assert server.graphql(slug).status_code == 200
        cached = list(redis.Redis(port=REDIS_PORT, db=REDIS_DB).scan_iter(match=f"*route:slug:{slug}"))
        assert cached, "the server's route is cached in Redis"

        run(env, "tenant", "suspend", slug)  # another process

        refused = server.graphql(slug)
        assert refused.status_code == 403
        assert "suspendu" in refused.text

        run(env, "tenant", "reactivate", slug)
        assert server.graphql(slug).status_code == 200
    finally:
        server.stop()


@pytest.mark.django_db
def test_without_redis_each_process_keeps_its_own_routes_which_is_why_the_demo_uses_it(space):
    slug, base = space
    env = {**base, "IMEDIA_ROUTING_CACHE_SECONDS": "300"}
    server = serve(env)
    try:
        assert server.graphql(slug).status_code == 200

        run(env, "tenant", "suspend", slug)

        # The server's local cache still holds the active route: the suspension is not seen.
        assert server.graphql(slug).status_code == 200
    finally:
        server.stop()
        run(env, "tenant", "reactivate", slug)


def test_the_local_routing_cache_defaults_to_5_seconds_and_60_with_redis():
    code = "from django.conf import settings; print(settings.IMEDIA_ROUTING_CACHE_SECONDS)"
    base = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "IMEDIA_ROUTING_CACHE_SECONDS"}}
    base |= {"DJANGO_SETTINGS_MODULE": "imedia_core.settings_test", "IMEDIA_EVENTS_ENGINE": "worker"}

    local = run(base, "shell", "-c", code)
    shared = run({**base, "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/{REDIS_DB}"}, "shell", "-c", code)

    # (The last line: Django's shell may first say what it imported.)
    assert local.stdout.strip().splitlines()[-1] == "5"
    assert shared.stdout.strip().splitlines()[-1] == "60"


def _choose_redis(tmp_path: Path, port: int, env_extra: dict | None = None) -> dict:
    """Source bin/_redis.sh the way bin/demo does and return what it exported."""
    script = (
        f'IMEDIA_VENV="{Path(sys.executable).parent.parent}"\n'
        "_imedia_log() { printf '[imedia] %s\\n' \"$*\" >&2; }\n"
        f'source "{ROOT / "bin" / "_redis.sh"}"\n'
        'printf "REDIS_URL=%s\\nIMEDIA_EVENTS_ENGINE=%s\\n" "${REDIS_URL-unset}" "${IMEDIA_EVENTS_ENGINE-unset}"\n'
    )
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "IMEDIA_EVENTS_ENGINE"}}
    env |= {"IMEDIA_REDIS_PROBE_PORT": str(port), **(env_extra or {})}
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return dict(line.split("=", 1) for line in done.stdout.splitlines())


def test_bin_demo_uses_the_redis_that_answers_and_keeps_the_polling_worker(tmp_path):
    found = _choose_redis(tmp_path, REDIS_PORT)

    assert found == {"REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0", "IMEDIA_EVENTS_ENGINE": "worker"}


def test_bin_demo_keeps_local_caches_when_no_redis_answers_or_redis_url_is_given(tmp_path):
    nothing = _choose_redis(tmp_path, _free_port())
    explicit_none = _choose_redis(tmp_path, REDIS_PORT, {"REDIS_URL": ""})

    assert nothing == {"REDIS_URL": "unset", "IMEDIA_EVENTS_ENGINE": "unset"}
    assert explicit_none == {"REDIS_URL": "", "IMEDIA_EVENTS_ENGINE": "unset"}


def test_bin_demo_and_bin_imedia_both_choose_the_cache_the_same_way():
    for script in ("demo", "imedia"):
        text = (ROOT / "bin" / script).read_text()
        assert text.index("source bin/_pg.sh") < text.index("source bin/_redis.sh"), script
