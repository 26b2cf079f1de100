"""Self-diagnostics shipped per cycle template (filled in by the diagnostics issue)."""


def install_diagnostics(cycle_template_key: str) -> int:
    """Install the diagnostics of ``cycle_template_key`` in the current schema; return how many."""
    return 0
