"""Widget pages of a space, under ``<space>/widgets/`` (by host or by ``/t/<slug>/``)."""

from django.urls import path

from . import views

app_name = "widgets"

urlpatterns = [
    path("<slug:name>/", views.widget_page, name="page"),
]
