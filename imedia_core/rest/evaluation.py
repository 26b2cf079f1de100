"""A programme's indicators as SVG, CSV and XLSX (filled in by the evaluation issue)."""

urlpatterns = []
