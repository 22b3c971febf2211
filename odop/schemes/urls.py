"""Public pages of schemes, mounted at /schemes/ (namespace "schemes")."""

from django.urls import path

from odop.schemes import views

app_name = "schemes"
urlpatterns = [
    path("", views.schemes_view, name="schemes"),
    path("<slug:code>/", views.scheme_view, name="scheme"),
]
