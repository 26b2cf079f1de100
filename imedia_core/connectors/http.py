"""The ``http`` object the engine hands to a platform adapter.

An ``httpx.Client`` underneath, with two duties adapters never take on themselves:

- **pacing**: at most ``requests_per_minute`` requests per link and per minute, counted in the
  shared cache (so several workers share one budget: ``connectors:rate:<schema>:<link>:<minute>``);
  a request past the budget waits for the next minute;
- **retries**: a 429 waits its ``Retry-After`` (bounded), a 5xx or a network error waits an
  exponential backoff with jitter, at most ``IMEDIA_CONNECTORS_MAX_ATTEMPTS`` attempts; after that
  it raises ``PlatformError`` (``RATE_LIMITED`` or ``UNAVAILABLE``). Other answers (2xx, 3xx, 4xx
  such as 401) are returned to the adapter, which decides.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

import httpx
from django.conf import settings
from django.core.cache import cache

from imedia_core.events.backoff import backoff_delay

from .platform import PlatformError


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class PacedHttp:
    """``get``/``post``/``request`` like ``httpx.Client``, paced and retried (see the module doc)."""

    def __init__(
        self,
        *,
        bucket: str,
        requests_per_minute: int,
        transport: httpx.BaseTransport | None = None,
        sleep=time.sleep,
        clock=time.time,
        max_attempts: int | None = None,
        timeout: float | None = None,
    ):
        self.bucket = bucket
        # Stay a little under the published limit: other clients may share the same address.
        self.budget = max(1, int(requests_per_minute * 0.9))
        self.sleep = sleep
        self.clock = clock
        self.max_attempts = max_attempts or settings.IMEDIA_CONNECTORS_MAX_ATTEMPTS
        self.requests = 0  # sent, retries included (the benchmark and the tests read it)
        self.waited = 0.0  # seconds slept, pacing and backoff together
        self.client = httpx.Client(
            transport=transport,
            timeout=timeout or settings.IMEDIA_CONNECTORS_TIMEOUT_SECONDS,
            follow_redirects=False,
            headers={"User-Agent": "imedia-connector/1"},
        )

    # --- pacing ------------------------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.waited += seconds
            self.sleep(seconds)

    def _take_token(self) -> None:
        """One request of this minute's budget; past it, wait for the next minute and retry."""
        while True:
            now = self.clock()
            minute = int(now // 60)
            key = f"connectors:rate:{self.bucket}:{minute}"
            cache.add(key, 0, timeout=120)
            try:
                used = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=120)
                used = 1
            if used <= self.budget:
                return
            self._wait((minute + 1) * 60 - now + 0.01)

    # --- requests ------------------------------------------------------------------------------

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        base = settings.IMEDIA_CONNECTORS_RETRY_BASE_SECONDS
        cap = settings.IMEDIA_CONNECTORS_RETRY_MAX_SECONDS
        for attempt in range(1, self.max_attempts + 1):
            self._take_token()
            self.requests += 1
            last = attempt == self.max_attempts
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.HTTPError as exc:
                if last:
                    raise PlatformError(
                        "UNAVAILABLE",
                        f"La plateforme ne répond pas ({type(exc).__name__}), même après {attempt} essais.",
                    ) from None
                self._wait(backoff_delay(attempt, base=base, cap=cap).total_seconds())
                continue
            if response.status_code == 429:
                wait = _retry_after(response)
                if last:
                    raise PlatformError(
                        "RATE_LIMITED",
                        f"La plateforme limite le nombre de requêtes (429), même après {attempt} essais.",
                        retry_after=wait,
                    )
                self._wait(
                    min(cap, wait) if wait is not None else backoff_delay(attempt, base=base, cap=cap).total_seconds()
                )
                continue
            if response.status_code >= 500:
                if last:
                    raise PlatformError(
                        "UNAVAILABLE",
                        f"La plateforme est en erreur (HTTP {response.status_code}), même après {attempt} essais.",
                    )
                self._wait(backoff_delay(attempt, base=base, cap=cap).total_seconds())
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
