"""Webhook signatures: HMAC-SHA256 over ``"<timestamp>.<body>"``, Stripe-style header.

    X-Imedia-Timestamp: 1767225600
    X-Imedia-Signature: t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd

During a secret rotation's grace period the header carries one ``v1=`` per valid secret (the new
one first); a receiver accepts the request when any of them matches its secret.

This module depends on the standard library only, so a receiver written in Python can copy it
as is (see docs/webhooks.md).
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Imedia-Signature"
TIMESTAMP_HEADER = "X-Imedia-Timestamp"
DEFAULT_TOLERANCE = 300  # seconds: how old (or how far in the future) a signed timestamp may be


def compute_signature(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """Hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` keyed with the secret (both UTF-8)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secrets: list[str], timestamp: int, body: bytes) -> str:
    """The value of X-Imedia-Signature for ``body`` signed with each of ``secrets``."""
    parts = [f"t={timestamp}"] + [f"v1={compute_signature(secret, timestamp, body)}" for secret in secrets]
    return ",".join(parts)


def _header(headers, name: str) -> str | None:
    """Case-insensitive lookup in any mapping of headers (dict, Django, Flask, httpx...)."""
    getter = getattr(headers, "get", None)
    if getter is not None:
        value = getter(name)
        if value is not None:
            return value
    wanted = name.lower()
    for key, value in dict(headers).items():
        if key.lower() == wanted:
            return value
    return None


def verify(
    secret: str, headers, body: bytes | str, tolerance: int = DEFAULT_TOLERANCE, now: float | None = None
) -> bool:
    """True when ``body`` was signed with ``secret`` less than ``tolerance`` seconds ago.

    ``headers`` is the request's headers (any mapping), ``body`` the raw request body exactly as
    received (bytes; do not re-serialise the JSON). Compares in constant time.
    """
    header = _header(headers, SIGNATURE_HEADER)
    if not header:
        return False
    timestamp, candidates = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            timestamp = value
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not timestamp.isdigit() or not candidates:
        return False
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > tolerance:
        return False  # too old: a replayed capture, or a badly wrong clock
    expected = compute_signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
