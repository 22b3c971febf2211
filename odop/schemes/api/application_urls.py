"""API paths of scheme applications, mounted at /api/v1/applications/."""

from django.urls import path

from odop.schemes.api import applications as views

app_name = "applications-api"
urlpatterns = [
    path("", views.ApplicationCreateApi.as_view(), name="application-create"),
    path("counts/", views.ApplicationCountsApi.as_view(), name="application-counts"),
    path("track/<str:number>/", views.ApplicationTrackApi.as_view(), name="application-track"),
    path("<int:application_id>/", views.ApplicationDetailApi.as_view(), name="application-detail"),
    path(
        "<int:application_id>/move/",
        views.ApplicationMoveApi.as_view(),
        name="application-move",
    ),
    path(
        "<int:application_id>/documents/",
        views.ApplicationDocumentApi.as_view(),
        name="application-documents",
    ),
]
