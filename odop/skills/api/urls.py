"""API paths of training, mounted at /api/v1/ (trainings/ and certificates/)."""

from django.urls import path

from odop.skills.api import views

app_name = "skills-api"
urlpatterns = [
    path("trainings/programmes/", views.ProgrammeListApi.as_view(), name="programme-list"),
    path("trainings/batches/", views.BatchListApi.as_view(), name="batch-list"),
    path(
        "trainings/batches/<int:batch_id>/applications/",
        views.TrainingApplicationCreateApi.as_view(),
        name="application-create",
    ),
    path(
        "certificates/verify/<str:number>/",
        views.CertificateVerifyApi.as_view(),
        name="certificate-verify",
    ),
]
