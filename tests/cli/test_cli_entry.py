"""The ``imedia`` console command itself, run as a new shell would run it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_missing_secret_key_outside_debug_is_one_french_line_and_exit_2():
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"

    done = subprocess.run(
        [sys.executable, "-m", "imedia_core.cli", "check"], env=env, cwd=ROOT, capture_output=True, text=True
    )

    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "imedia : configuration incomplète. SECRET_KEY est obligatoire quand DEBUG est désactivé : exportez "
        "SECRET_KEY (voir docs/configuration.md), ou passez par bin/imedia sur un poste de développement."
    ]


def test_bin_imedia_runs_the_command_with_development_settings():
    # bin/imedia finds the database the way bin/test does (DATABASE_URL is set by the test run)
    # and turns DEBUG on, so a new shell needs no SECRET_KEY.
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}

    done = subprocess.run(
        [str(ROOT / "bin" / "imedia"), "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "True"


def test_malformed_email_url_is_one_french_line_and_exit_2():
    env = {**os.environ, "DEBUG": "true", "EMAIL_URL": "sendmail://localhost"}
    env["DJANGO_SETTINGS_MODULE"] = "imedia_core.settings"

    done = subprocess.run(
        [sys.executable, "-m", "imedia_core.cli", "check"], env=env, cwd=ROOT, capture_output=True, text=True
    )

    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "imedia : configuration incomplète. EMAIL_URL : schéma « sendmail » inconnu (acceptés : smtp:, smtp+tls:, "
        "smtps:, console:, file:, locmem:, dummy:)."
    ]
