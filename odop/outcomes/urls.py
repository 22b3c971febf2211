"""Pages of outcomes, mounted at /outcomes/ (namespace "outcomes")."""

from django.urls import path

from odop.outcomes import views, views_policies

app_name = "outcomes"
urlpatterns = [
    path("upload/", views.return_upload_view, name="upload"),
    path("policies/", views_policies.policies_view, name="policies"),
    path("policies/<int:policy_id>/", views_policies.policy_view, name="policy"),
]
