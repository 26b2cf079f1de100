"""Automatic moderation check: holds contributions containing words from a per-tenant list."""

from imedia_core.pluginhost import hookimpl  # noqa: F401
