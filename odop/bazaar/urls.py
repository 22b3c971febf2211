"""Pages of the ODOP Bazaar, mounted at /bazaar/ (namespace "bazaar")."""

from django.urls import path  # noqa: F401

app_name = "bazaar"
urlpatterns: list = []
