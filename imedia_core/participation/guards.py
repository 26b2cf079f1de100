"""Guards against floods and trivial spam on open participation.

- Anonymous submissions (contributions and comments) are counted per client and per tenant in
  the cache, for an hour: ``ParticipationSettings.anonymous_rate_limit`` are accepted, then
  ``RATE_LIMITED``. The client is ``REMOTE_ADDR`` (behind a proxy, deploy/forwarded_wsgi.py sets it
  from ``X-Forwarded-For`` for trusted hops only: a client cannot forge it). The key carries the
  tenant's schema, so one programme's visitors never consume another's allowance.
- A honeypot field (``website``), invisible to people, must stay empty.
- Too many links in one text are refused (``MAX_LINKS`` for signed-in people, fewer for anonymous).
- The same text posted again within ``DUPLICATE_WINDOW`` is refused.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from imedia_core import ratelimit
from imedia_core.errors import ServiceError

RATE_WINDOW_SECONDS = 3600
DUPLICATE_WINDOW = timedelta(minutes=10)
MAX_LINKS = 3
MAX_LINKS_ANONYMOUS = 1
_LINK_RE = re.compile(r"(https?://|www\.)\S+", re.I)


def rate_key(ip: str) -> str:
    return f"participation:anon:{connection.schema_name}:{ip or 'unknown'}"


def check_anonymous_rate(ip: str, limit: int) -> None:
    """Count one anonymous submission for ``ip``; RATE_LIMITED once ``limit`` is reached."""
    key = rate_key(ip)
    if ratelimit.count(cache, key) >= limit:
        raise ServiceError.single(
            "RATE_LIMITED",
            "Trop de contributions anonymes depuis cette connexion. Réessayez dans une heure ou connectez-vous.",
        )
    ratelimit.hit(cache, key, RATE_WINDOW_SECONDS)


def check_honeypot(value: str | None) -> None:
    if (value or "").strip():
        raise ServiceError.single("SPAM_SUSPECTED", "Envoi refusé : il ressemble à un envoi automatique.")


def check_links(text: str, *, anonymous: bool, field: str = "body") -> None:
    limit = MAX_LINKS_ANONYMOUS if anonymous else MAX_LINKS
    if len(_LINK_RE.findall(text or "")) > limit:
        raise ServiceError.single(
            "SPAM_SUSPECTED", f"Trop de liens dans le texte (au plus {limit}). Retirez-en quelques-uns.", field
        )


def digest(*parts: str) -> str:
    """A digest of the text, ignoring case, accents-insensitive spacing and punctuation runs."""
    text = " ".join(parts).lower()
    text = re.sub(r"[\W_]+", " ", text).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_duplicate(queryset, content_digest: str) -> None:
    """Refuse a text identical to one posted in ``queryset`` within the duplicate window."""
    since = timezone.now() - DUPLICATE_WINDOW
    if queryset.filter(content_digest=content_digest, created_at__gte=since).exists():
        raise ServiceError.single(
            "DUPLICATE", "Ce texte vient déjà d'être envoyé. Inutile de l'envoyer une deuxième fois."
        )
