"""Registers the bundled cycle templates (filled in by the cycle module)."""
