"""API paths of outlets and gift collections, mounted at /api/v1/outlets/."""

from django.urls import path

from odop.outlets.api import views

app_name = "outlets-api"
urlpatterns = [
    path("", views.OutletListCreateApi.as_view(), name="outlet-list"),
    path("<int:outlet_id>/stock/", views.OutletStockApi.as_view(), name="outlet-stock"),
    path(
        "<int:outlet_id>/consignments/", views.ConsignmentApi.as_view(), name="outlet-consignment"
    ),
    path("<int:outlet_id>/sales/", views.SaleReportApi.as_view(), name="outlet-sales"),
    path("gifts/", views.CollectionListCreateApi.as_view(), name="collection-list"),
    path(
        "gifts/<int:collection_id>/items/",
        views.CollectionItemApi.as_view(),
        name="collection-item",
    ),
    path(
        "gifts/<int:collection_id>/publish/",
        views.CollectionPublishApi.as_view(),
        name="collection-publish",
    ),
    path(
        "gifts/<int:collection_id>/order/",
        views.CollectionOrderApi.as_view(),
        name="collection-order",
    ),
]
