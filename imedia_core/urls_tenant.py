"""URLs of a tenant, reached by its host, ``/t/<slug>/`` or the tenant header."""

from django.urls import path

urlpatterns: list = []

handler404 = "imedia_core.http.not_found_view"
handler500 = "imedia_core.http.server_error_view"
