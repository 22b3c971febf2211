"""Pages of outlets and gift collections, mounted at /outlets/ (namespace "outlets")."""

from django.urls import path  # noqa: F401

app_name = "outlets"
urlpatterns: list = []
