"""API paths of outcomes, mounted at /api/v1/outcomes/."""

from django.urls import path

from odop.outcomes.api import views

app_name = "outcomes-api"
urlpatterns = [
    path("", views.OutcomeListApi.as_view(), name="outcome-list"),
    path("uploads/", views.OutcomeUploadApi.as_view(), name="outcome-upload"),
]
