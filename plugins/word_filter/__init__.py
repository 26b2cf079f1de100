"""Automatic moderation check: holds contributions containing words from a per-tenant list."""
