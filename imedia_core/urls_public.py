"""URLs of the platform itself (platform hosts, no tenant designated)."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]

handler404 = "imedia_core.http.not_found_view"
handler500 = "imedia_core.http.server_error_view"
