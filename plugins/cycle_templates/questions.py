"""Starter guided-path questions per cycle template, in French (filled in by the guidance issue)."""

QUESTION_SETS = []
