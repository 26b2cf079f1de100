"""Link credentials at rest: a Fernet token (AES-128-CBC + HMAC-SHA256) of their JSON.

Keys come from ``IMEDIA_CONNECTOR_KEYS`` (newest first): the first encrypts, all of them decrypt
(``MultiFernet``), so a new key can be put in front while old tokens stay readable; ``rotate``
re-encrypts a token with the first key (``imedia connector reencrypt`` does it for every link of
every space). When the setting is empty, one key is derived from ``SECRET_KEY`` with
HKDF-SHA256 (salt ``imedia-connectors``, info ``link-credentials``): changing SECRET_KEY then
makes the stored credentials unreadable, so production sets its own keys.

Decrypted credentials exist only in memory, handed to the platform adapter in ``LinkConfig``;
no door returns them and the engine never logs them.
"""

from __future__ import annotations

import base64
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class CredentialsUnreadable(Exception):
    """No configured key decrypts the stored credentials (a key was removed too early)."""


def derived_key(secret_key: str) -> bytes:
    """The Fernet key derived from ``SECRET_KEY`` when ``IMEDIA_CONNECTOR_KEYS`` is unset."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"imedia-connectors", info=b"link-credentials")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


def _fernet() -> MultiFernet:
    keys = [key.strip() for key in settings.IMEDIA_CONNECTOR_KEYS if key.strip()]
    if not keys:
        keys = [derived_key(settings.SECRET_KEY)]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(credentials: dict[str, str]) -> str:
    if not credentials:
        return ""
    return _fernet().encrypt(json.dumps(credentials, sort_keys=True).encode()).decode()


def decrypt(token: str) -> dict[str, str]:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        raise CredentialsUnreadable("no configured key decrypts these credentials") from None


def rotate(token: str) -> str:
    """The same credentials, encrypted with the first (newest) key."""
    if not token:
        return ""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise CredentialsUnreadable("no configured key decrypts these credentials") from None
