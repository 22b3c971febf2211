"""API paths of markets, mounted at /api/v1/markets/ (dashed names)."""

from django.urls import path

from odop.markets.api.views import (
    ExportPotentialApi,
    HSCoverageApi,
    ProductHSCodeConfirmApi,
    ProductHSCodeListApi,
    ProductHSCodeRejectApi,
)

app_name = "markets-api"
urlpatterns = [
    path(
        "product-types/<slug:slug>/hs-codes/",
        ProductHSCodeListApi.as_view(),
        name="product-hs-code-list",
    ),
    path(
        "product-types/<slug:slug>/hs-codes/confirm/",
        ProductHSCodeConfirmApi.as_view(),
        name="product-hs-code-confirm",
    ),
    path(
        "product-types/<slug:slug>/hs-codes/reject/",
        ProductHSCodeRejectApi.as_view(),
        name="product-hs-code-reject",
    ),
    path("hs-coverage/", HSCoverageApi.as_view(), name="hs-coverage"),
    path("export-potential/", ExportPotentialApi.as_view(), name="export-potential"),
]
