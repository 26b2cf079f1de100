"""Starter questions shipped per cycle template (filled in by the guidance issue)."""


def install_question_set(cycle_template_key: str) -> int:
    """Install the starter questions of ``cycle_template_key`` in the current schema; return how many."""
    return 0
