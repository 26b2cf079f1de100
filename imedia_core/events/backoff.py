"""Exponential backoff with jitter, shared by the outbox dispatcher and webhook deliveries."""

import random
from datetime import timedelta


def backoff_delay(attempt: int, *, base: float, cap: float, jitter: float = 0.2, rng=random) -> timedelta:
    """Delay before retry number ``attempt`` (1 after the first failure): ``base * 2**(attempt-1)``,
    at most ``cap``, spread by ±``jitter`` so that retries of many rows do not arrive together.
    The jittered value never exceeds ``cap`` either."""
    raw = min(cap, base * (2 ** max(0, attempt - 1)))
    spread = raw * jitter
    seconds = min(cap, max(0.0, raw + rng.uniform(-spread, spread)))  # noqa: S311 (not cryptographic)
    return timedelta(seconds=seconds)
