"""deploy/k8s/release.sh against a stand-in kubectl (no cluster here): the release's own migrate
Job is applied and waited for by name, with a timeout, before anything else rolls; a failed
migration rolls nothing."""

import os
import shutil
import subprocess
from pathlib import Path

from .conftest import K8S

FAKE_KUBECTL = r"""#!/usr/bin/env bash
# Records its arguments; "kustomize" is the real one; the rest answer as $FAKE_OUTCOME says.
printf '%s\n' "$*" >>"$FAKE_LOG"
all=("$@")
if [ "$1" = "-n" ]; then shift 2; fi
case "$1" in
    kustomize) exec "$REAL_KUBECTL" "${all[@]}" ;;
    get) [ "$FAKE_SECRET" = "present" ] && exit 0 || exit 1 ;;
    wait)
        case "$2:$FAKE_OUTCOME" in
            --for=condition=complete:complete) exit 0 ;;
            --for=condition=failed:failed) exit 0 ;;
            --for=condition=complete:timeout | --for=condition=failed:timeout) sleep 0.5; exit 1 ;;
            *) exec sleep 30 ;;
        esac ;;
    *) exit 0 ;;
esac
"""


def release(tmp_path: Path, outcome: str, secret: str = "present"):
    fake = tmp_path / "kubectl"
    fake.write_text(FAKE_KUBECTL)
    fake.chmod(0o755)
    log = tmp_path / "calls"
    log.touch()
    env = {
        **os.environ,
        "KUBECTL": f"{fake} -n imedia",
        "REAL_KUBECTL": shutil.which("kubectl"),
        "FAKE_LOG": str(log),
        "FAKE_OUTCOME": outcome,
        "FAKE_SECRET": secret,
        "IMEDIA_MIGRATE_TIMEOUT": "45m",
    }
    done = subprocess.run(["bash", str(K8S / "release.sh")], env=env, capture_output=True, text=True, timeout=120)
    return done, log.read_text().splitlines()


def test_the_release_migrates_with_its_own_job_then_rolls(tmp_path):
    done, calls = release(tmp_path, "complete")

    assert done.returncode == 0, done.stderr
    applies = [i for i, call in enumerate(calls) if call.startswith("-n imedia apply -k .")]
    assert calls[applies[0]] == "-n imedia apply -k . -l app.kubernetes.io/component in (config,migrate)"
    assert calls[applies[1]] == "-n imedia apply -k ."
    waits = [i for i, call in enumerate(calls) if " wait " in f" {call} "]
    assert "-n imedia wait --for=condition=complete --timeout=45m job/imedia-migrate-1.0.0" in calls
    assert applies[0] < min(waits) and max(waits) < applies[1]
    assert calls[-2:] == [
        "-n imedia rollout status deployment/imedia --timeout=15m",
        "-n imedia rollout status deployment/imedia-worker --timeout=15m",
    ]


def test_a_failed_migration_rolls_nothing(tmp_path):
    done, calls = release(tmp_path, "failed")

    assert done.returncode == 1
    assert "-n imedia apply -k ." not in calls
    assert not any("rollout" in call for call in calls)
    assert "job/imedia-migrate-1.0.0 a échoué" in done.stderr


def test_a_migration_past_its_timeout_rolls_nothing(tmp_path):
    done, calls = release(tmp_path, "timeout")

    assert done.returncode == 1
    assert "-n imedia apply -k ." not in calls


def test_without_the_secret_nothing_is_applied(tmp_path):
    done, calls = release(tmp_path, "complete", secret="absent")

    assert done.returncode == 2
    assert not any(" apply " in f" {call} " for call in calls)
    assert "secret.example.yaml" in done.stderr
