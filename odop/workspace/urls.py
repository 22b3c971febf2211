"""The "My work" page, mounted at /my/ (namespace "workspace")."""

from django.urls import path

from odop.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.home_view, name="home"),
]
