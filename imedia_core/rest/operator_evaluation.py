"""An operator's indicators across its programmes (filled in by the evaluation issue)."""

urlpatterns = []
