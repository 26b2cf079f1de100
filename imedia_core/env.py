"""Typed readers for configuration taken from the environment.

Every variable the service reads is listed in ``docs/configuration.md`` with its default.
"""

import os

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


_EMAIL_SCHEMES = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def email_settings(url: str) -> dict:
    """Django's ``EMAIL_*`` settings from one address (``EMAIL_URL``):

    ``smtp://user:password@host:25`` (plain, or STARTTLS with ``?tls=true``), ``smtp+tls://…:587``
    (STARTTLS), ``smtps://…:465`` (TLS from the start), ``file:///var/mail/imedia`` (one file per
    message), ``console:``, ``locmem:``, ``dummy:``. User and password are percent-decoded.
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _EMAIL_SCHEMES:
        known = ", ".join(f"{name}:" for name in _EMAIL_SCHEMES)
        raise ValueError(f"EMAIL_URL : schéma « {parts.scheme} » inconnu (acceptés : {known}).")
    found = {"EMAIL_BACKEND": _EMAIL_SCHEMES[scheme]}
    if scheme == "file":
        if not parts.path:
            raise ValueError("EMAIL_URL : donnez le dossier des messages, par exemple file:///var/mail/imedia.")
        found["EMAIL_FILE_PATH"] = unquote(parts.path)
    if not scheme.startswith("smtp"):
        return found
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError("EMAIL_URL : le port doit être un nombre.") from exc
    if not parts.hostname:
        raise ValueError("EMAIL_URL : il manque le serveur SMTP, par exemple smtp+tls://relais.example.org:587.")
    found.update(
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or {"smtps": 465, "smtp+tls": 587}.get(scheme, 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_TLS=scheme == "smtp+tls" or query.get("tls", "").lower() in _TRUE,
        EMAIL_USE_SSL=scheme == "smtps",
        EMAIL_TIMEOUT=int(query.get("timeout", "10")),
    )
    return found
