"""Signed webhooks: per-tenant subscriptions to domain events, delivered with retries."""

from imedia_core.pluginhost import hookimpl  # noqa: F401
