"""Pages of outcomes, mounted at /outcomes/ (namespace "outcomes")."""

from django.urls import path

from odop.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("upload/", views.return_upload_view, name="upload"),
]
