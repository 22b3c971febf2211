"""API paths of the producer registry, mounted at /api/v1/producers/ (namespace
"producers-api")."""

from django.urls import path

from odop.producers.api import views

app_name = "producers-api"
urlpatterns = [
    path("", views.ProducerListApi.as_view(), name="producer-list"),
    path("uploads/", views.ProducerUploadApi.as_view(), name="producer-upload"),
    path("<int:producer_id>/", views.ProducerDetailApi.as_view(), name="producer-detail"),
    path("<int:producer_id>/bank/", views.ProducerBankApi.as_view(), name="producer-bank"),
    path(
        "<int:producer_id>/members/",
        views.ProducerMemberCreateApi.as_view(),
        name="producer-member-create",
    ),
    path(
        "<int:producer_id>/products/",
        views.ProducerProductsApi.as_view(),
        name="producer-products",
    ),
    path("<int:producer_id>/merge/", views.ProducerMergeApi.as_view(), name="producer-merge"),
]
