"""EMAIL_URL: one address configures Django's mail settings (imedia_core.env.email_settings)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imedia_core.env import email_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_starttls_relay_with_percent_encoded_credentials():
    found = email_settings("smtp+tls://relais%40asso.fr:mot%2Fde%20passe@smtp.asso.fr:587")

    assert found == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "smtp.asso.fr",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "relais@asso.fr",
        "EMAIL_HOST_PASSWORD": "mot/de passe",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_smtps_defaults_to_port_465_and_plain_smtp_to_25_with_optional_starttls():
    smtps = email_settings("smtps://smtp.asso.fr")
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (465, True, False)

    plain = email_settings("smtp://localhost?timeout=3")
    assert (plain["EMAIL_PORT"], plain["EMAIL_USE_TLS"], plain["EMAIL_TIMEOUT"]) == (25, False, 3)
    assert email_settings("smtp://localhost:2525?tls=true")["EMAIL_USE_TLS"] is True


def test_file_console_and_locmem_backends():
    assert email_settings("file:///var/mail/imedia") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/imedia",
    }
    assert email_settings("console:")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert email_settings("locmem:")["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sendmail://localhost", "EMAIL_URL : schéma « sendmail » inconnu"),
        ("smtp://:587", "EMAIL_URL : il manque le serveur SMTP"),
        ("smtp://smtp.asso.fr:abc", "EMAIL_URL : le port doit être un nombre."),
        ("file://", "EMAIL_URL : donnez le dossier des messages"),
    ],
)
def test_malformed_addresses_are_refused_in_french(url, message):
    with pytest.raises(ValueError) as excinfo:
        email_settings(url)
    assert str(excinfo.value).startswith(message)


def test_settings_read_email_url_from_the_environment():
    env = {**os.environ, "EMAIL_URL": "smtp+tls://relais@smtp.asso.fr:587", "SECRET_KEY": "x", "DEBUG": "false"}
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='imedia_core.settings'; {code}",
        ],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [SMTP, "smtp.asso.fr", "587", "True"]
