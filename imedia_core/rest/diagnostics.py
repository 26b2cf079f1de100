"""Diagnostic results as SVG radar charts and CSV (filled in by the diagnostics issue)."""

urlpatterns = []
