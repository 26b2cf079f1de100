"""The events worker's heartbeat file and the liveness probe of deploy/k8s/worker.yaml that reads
it: a worker that makes progress keeps it fresh, a stuck one lets it go stale and is restarted."""

import io
import logging
import os
import subprocess
import sys
import threading
import time

from django.core.management import call_command

from imedia_core.events import worker

from .conftest import K8S, load_all

PROBE_FILE = "/tmp/imedia-worker-heartbeat"


class CountingHeartbeat(worker.Heartbeat):
    def __init__(self, path, stop, after):
        super().__init__(path)
        self.beats = 0
        self.stop, self.after = stop, after

    def beat(self):
        super().beat()
        self.beats += 1
        if self.beats >= self.after:
            self.stop.set()


def probe_command(path):
    """The worker's liveness probe, as deployed, pointed at ``path``."""
    [deployment] = [d for d in load_all(K8S / "worker.yaml") if d["kind"] == "Deployment"]
    command = deployment["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["exec"]["command"]
    assert command[0] == "python" and PROBE_FILE in command[-1]
    return [sys.executable, *command[1:-1], command[-1].replace(PROBE_FILE, str(path))]


def test_the_loop_touches_the_heartbeat_before_each_pass_and_each_tenant(tenant_a, tenant_b, tmp_path):
    path = tmp_path / "heartbeat"
    stop = threading.Event()
    active = worker.active_tenants().count()
    assert active >= 2
    heartbeat = CountingHeartbeat(path, stop, after=1 + active)

    worker.run_forever(interval=0.01, stop=stop, heartbeat=heartbeat)

    # One beat for the pass, one per active tenant; the stop then ends the loop after the pass.
    assert heartbeat.beats == 1 + active
    assert time.time() - path.stat().st_mtime < 60


def test_the_command_takes_a_heartbeat_file(tenant_a, tmp_path):
    path = tmp_path / "alive"

    call_command("events_worker", "--once", "--heartbeat-file", str(path), stdout=io.StringIO())

    assert path.exists()
    assert time.time() - path.stat().st_mtime < 60


def test_an_old_heartbeat_is_refreshed(tmp_path):
    path = tmp_path / "alive"
    path.touch()
    os.utime(path, (time.time() - 3600, time.time() - 3600))

    worker.Heartbeat(path).beat()

    assert time.time() - path.stat().st_mtime < 60


def test_a_heartbeat_that_cannot_be_written_is_logged_not_raised(tmp_path, caplog):
    path = tmp_path / "missing-folder" / "alive"

    with caplog.at_level(logging.WARNING, logger="imedia.events"):
        worker.Heartbeat(path).beat()

    assert not path.exists()
    assert "heartbeat file" in caplog.text


def test_the_deployed_probe_passes_on_a_fresh_heartbeat_and_fails_on_a_stale_or_missing_one(tmp_path):
    path = tmp_path / "alive"
    worker.Heartbeat(path).beat()
    assert subprocess.run(probe_command(path), timeout=30).returncode == 0

    os.utime(path, (time.time() - 301, time.time() - 301))
    assert subprocess.run(probe_command(path), timeout=30).returncode == 1

    path.unlink()
    assert subprocess.run(probe_command(path), capture_output=True, timeout=30).returncode != 0
