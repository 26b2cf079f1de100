"""Signed webhooks: per-tenant subscriptions to domain events, delivered with retries."""
