"""Public pages of schemes, mounted at /schemes/ (namespace "schemes")."""

from django.urls import path

from odop.schemes import views, views_applications

app_name = "schemes"
urlpatterns = [
    path("", views.schemes_view, name="schemes"),
    path("applications/", views_applications.applications_view, name="applications"),
    path(
        "applications/counts/",
        views_applications.application_counts_view,
        name="application-counts",
    ),
    path(
        "applications/<int:application_id>/",
        views_applications.application_view,
        name="application",
    ),
    path("track/<str:number>/", views_applications.application_track_view, name="track"),
    path("<slug:code>/", views.scheme_view, name="scheme"),
    path("<slug:code>/apply/", views_applications.application_apply_view, name="apply"),
]
