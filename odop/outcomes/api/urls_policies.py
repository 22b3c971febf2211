"""API paths of policies, mounted at /api/v1/policies/."""

from django.urls import path

from odop.outcomes.api import views

app_name = "policies-api"
urlpatterns = [
    path("", views.PolicyListCreateApi.as_view(), name="policy-list"),
    path("coverage/", views.PolicyCoverageApi.as_view(), name="policy-coverage"),
    path("<int:policy_id>/products/", views.PolicyProductsApi.as_view(), name="policy-products"),
]
