"""Shipped French self-diagnostics per cycle template (filled in by the diagnostics issue)."""

DIAGNOSTIC_TEMPLATES = []
