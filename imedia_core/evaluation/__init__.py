"""Evaluation: a programme's indicators over a period, and its operator's programmes side by side.

A plain package (no models): ``period`` (validation, local-time bounds), ``families`` (one SQL
aggregate per indicator family), ``indicators.compute``, ``progress`` (diagnostic groups),
``operator`` (per-schema pass), ``exports`` (CSV/XLSX), ``charts`` (SVG). See docs/evaluation.md.
"""
